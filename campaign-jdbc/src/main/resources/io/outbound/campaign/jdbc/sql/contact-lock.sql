-- Locks a contact's row and reads its facts.
SELECT state, attempts, next_attempt_at, last_outcome, reached, answered, last_session_id, note
  FROM campaign_contacts WHERE campaign_id = :campaignId AND seq = :seq FOR UPDATE
