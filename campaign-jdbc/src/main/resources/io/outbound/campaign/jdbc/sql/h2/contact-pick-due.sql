-- The claim without rules, first: due retries, oldest first, locked.
SELECT seq, next_attempt_at, phone_number, contact_values, attempts
  FROM campaign_contacts
 WHERE campaign_id = :campaignId AND state = 'RETRY_SCHEDULED' AND next_attempt_at <= :now
 ORDER BY next_attempt_at, seq
 FETCH FIRST :limit ROWS ONLY
   FOR UPDATE
