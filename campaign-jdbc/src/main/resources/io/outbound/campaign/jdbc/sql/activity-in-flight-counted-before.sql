-- In flight at an instant, counted before it: started before it less ended before it.
SELECT (SELECT COUNT(*) FROM call_sessions WHERE campaign_id = :campaignId AND started_at < :at)
       - (SELECT COUNT(*) FROM call_sessions WHERE campaign_id = :campaignId AND ended_at < :at)
