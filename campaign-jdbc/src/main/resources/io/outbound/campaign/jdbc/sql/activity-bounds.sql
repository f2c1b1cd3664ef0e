-- A campaign's first start (which side of a window's start is shorter) and latest activity: one index
-- end each.
SELECT MIN(started_at) AS first_started, MAX(started_at) AS last_started, MAX(ended_at) AS last_ended
  FROM call_sessions WHERE campaign_id = :campaignId
