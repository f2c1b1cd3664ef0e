-- A claim's pending contacts in file order from the campaign's position, locked. Fresh rows are not
-- skipped when locked: positions move past every row claimed, so a skipped row would never be claimed (and only
-- claims, serialised by the campaign's lock, lock fresh rows).
SELECT seq, zone, phone_number, contact_values, state, attempts, next_attempt_at, last_outcome, reached,
       answered, last_session_id, note
  FROM campaign_contacts
 WHERE campaign_id = :campaignId AND seq > :after AND state = 'PENDING'
 ORDER BY seq
 FETCH FIRST :limit ROWS ONLY
   FOR UPDATE
