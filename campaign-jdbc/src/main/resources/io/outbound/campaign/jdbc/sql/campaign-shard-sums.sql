-- The sums of a campaign's counter shards, as columns shard_pending, ...
SELECT COALESCE(SUM(pending), 0) AS shard_pending, COALESCE(SUM(in_progress), 0) AS shard_in_progress,
       COALESCE(SUM(retry_scheduled), 0) AS shard_retry_scheduled,
       COALESCE(SUM(completed), 0) AS shard_completed, COALESCE(SUM(failed), 0) AS shard_failed,
       COALESCE(SUM(skipped), 0) AS shard_skipped, COALESCE(SUM(answered), 0) AS shard_answered
  FROM campaign_counter_shards WHERE campaign_id = :campaignId
