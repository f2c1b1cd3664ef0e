-- The claim without rules, last: a picked contact is in progress with one more attempt and a new session.
UPDATE campaign_contacts
   SET state = 'IN_PROGRESS', attempts = :attempts, last_session_id = :sessionId, note = NULL
 WHERE campaign_id = :campaignId AND seq = :seq
