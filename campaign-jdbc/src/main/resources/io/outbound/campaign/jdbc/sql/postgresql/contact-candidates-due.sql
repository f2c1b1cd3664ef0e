-- A claim's due retries, oldest first, locked, skipping rows other transactions hold.
SELECT seq, zone, phone_number, contact_values, state, attempts, next_attempt_at, last_outcome, reached,
       answered, last_session_id, note
  FROM campaign_contacts
 WHERE campaign_id = :campaignId AND state = 'RETRY_SCHEDULED' AND next_attempt_at <= :now
 ORDER BY next_attempt_at, seq
 FETCH FIRST :limit ROWS ONLY
   FOR UPDATE SKIP LOCKED
