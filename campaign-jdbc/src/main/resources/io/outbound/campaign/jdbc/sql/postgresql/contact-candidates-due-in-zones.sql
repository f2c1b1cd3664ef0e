-- Due retries of closed zones (a list parameter), locked, to be moved to their zone's opening;
-- rows other transactions hold are skipped.
SELECT seq, zone, phone_number, contact_values, state, attempts, next_attempt_at, last_outcome, reached,
       answered, last_session_id, note
  FROM campaign_contacts
 WHERE campaign_id = :campaignId AND state = 'RETRY_SCHEDULED' AND next_attempt_at <= :now
   AND zone IN (:zones)
   FOR UPDATE SKIP LOCKED
