-- Sessions ended in a window, per bucket and outcome: a range scan of (campaign_id, ended_at).
-- The bucket index is exact in its offset (the window's start in seconds); the division is in double
-- precision, as NUMERIC division rounds to the operands' scale on H2.
SELECT b, o, COUNT(*)
  FROM (SELECT FLOOR(CAST(EXTRACT(EPOCH FROM ended_at) - :fromSeconds AS DOUBLE PRECISION) / :bucketSeconds) AS b,
               outcome AS o
          FROM call_sessions WHERE campaign_id = :campaignId AND ended_at >= :from AND ended_at < :to) s
 GROUP BY b, o
