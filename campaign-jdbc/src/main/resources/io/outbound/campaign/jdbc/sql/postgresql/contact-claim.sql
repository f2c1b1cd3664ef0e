-- The claim without rules, in one statement: due retries (oldest first, SKIP LOCKED so that a row another
-- transaction holds is passed over instead of waited for), then fresh contacts from the claim cursor on, the first
-- :limit of both together. Every LIMIT is a plain parameter so that the planner knows the claim is small and reaches
-- the claimed rows through the primary key (an expression there made it hash-join the whole campaign). Fresh rows are
-- not skipped when locked: the cursor moves past every one it claims, so a skipped row would never be claimed (and only
-- claims, serialised by the campaign's lock, lock fresh rows). The rank tells the two sets apart for ordering the
-- returned rows.
WITH due AS (
    SELECT seq, next_attempt_at, 0 AS rank_group
      FROM campaign_contacts
     WHERE campaign_id = :campaignId AND state = 'RETRY_SCHEDULED' AND next_attempt_at <= :now
     ORDER BY next_attempt_at, seq
     LIMIT :limit
       FOR UPDATE SKIP LOCKED),
fresh AS (
    SELECT seq, CAST(NULL AS TIMESTAMPTZ) AS next_attempt_at, 1 AS rank_group
      FROM campaign_contacts
     WHERE campaign_id = :campaignId AND seq > :after AND state = 'PENDING'
     ORDER BY seq
     LIMIT :limit
       FOR UPDATE),
picked AS (
    SELECT seq, next_attempt_at, rank_group
      FROM (SELECT seq, next_attempt_at, rank_group FROM due
            UNION ALL
            SELECT seq, next_attempt_at, rank_group FROM fresh) candidates
     ORDER BY rank_group, next_attempt_at, seq
     LIMIT :limit)
UPDATE campaign_contacts c
   SET state = 'IN_PROGRESS',
       attempts = c.attempts + 1,
       last_session_id = CAST(gen_random_uuid() AS VARCHAR),
       note = NULL
  FROM picked
 WHERE c.campaign_id = :campaignId AND c.seq = picked.seq
RETURNING c.seq, picked.next_attempt_at AS due_at, picked.rank_group, c.phone_number,
          c.contact_values, c.attempts, c.last_session_id
