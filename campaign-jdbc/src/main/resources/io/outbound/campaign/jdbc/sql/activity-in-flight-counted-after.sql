-- In flight at an instant, counted after it: ended since or not yet, less started since.
SELECT (SELECT COUNT(*) FROM call_sessions WHERE campaign_id = :campaignId AND ended_at >= :at)
       + (SELECT COUNT(*) FROM call_sessions WHERE campaign_id = :campaignId AND ended_at IS NULL)
       - (SELECT COUNT(*) FROM call_sessions WHERE campaign_id = :campaignId AND started_at >= :at)
