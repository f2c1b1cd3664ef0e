-- Writes what a decision left of a contact (its attempts and latest session are the claim's to move).
UPDATE campaign_contacts SET state = :state, next_attempt_at = :nextAttemptAt, last_outcome = :lastOutcome,
                             reached = :reached, answered = :answered, note = :note
 WHERE campaign_id = :campaignId AND seq = :seq
