-- Sessions started in a window, per bucket: a range scan of (campaign_id, started_at).
-- The bucket index is exact in its offset (the window's start in seconds); the division is in double
-- precision, as NUMERIC division rounds to the operands' scale on H2.
SELECT b, COUNT(*)
  FROM (SELECT FLOOR(CAST(EXTRACT(EPOCH FROM started_at) - :fromSeconds AS DOUBLE PRECISION) / :bucketSeconds) AS b
          FROM call_sessions WHERE campaign_id = :campaignId AND started_at >= :from AND started_at < :to) s
 GROUP BY b
