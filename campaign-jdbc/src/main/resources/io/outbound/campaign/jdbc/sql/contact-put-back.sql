-- Puts a returned session's contact back: the attempt is uncounted, the previous session is its latest.
UPDATE campaign_contacts SET state = :state, attempts = attempts - 1, last_session_id = :lastSessionId
 WHERE campaign_id = :campaignId AND seq = :seq
