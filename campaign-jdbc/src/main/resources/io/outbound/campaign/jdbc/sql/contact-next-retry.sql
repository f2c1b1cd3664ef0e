-- When a campaign's next retry falls due after now.
SELECT MIN(next_attempt_at) AS next_retry FROM campaign_contacts
 WHERE campaign_id = :campaignId AND state = 'RETRY_SCHEDULED' AND next_attempt_at > :now
