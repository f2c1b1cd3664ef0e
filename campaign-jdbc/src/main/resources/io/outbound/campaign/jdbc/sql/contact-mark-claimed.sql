-- Writes what the rules decided about a claimed contact.
UPDATE campaign_contacts SET state = :state, attempts = :attempts, last_session_id = :lastSessionId, note = :note
 WHERE campaign_id = :campaignId AND seq = :seq
