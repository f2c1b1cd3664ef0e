-- The sums of the counter shards of several campaigns (a list parameter), per campaign.
SELECT campaign_id, SUM(pending) AS shard_pending, SUM(in_progress) AS shard_in_progress,
       SUM(retry_scheduled) AS shard_retry_scheduled, SUM(completed) AS shard_completed,
       SUM(failed) AS shard_failed, SUM(skipped) AS shard_skipped, SUM(answered) AS shard_answered
  FROM campaign_counter_shards WHERE campaign_id IN (:campaignIds) GROUP BY campaign_id
