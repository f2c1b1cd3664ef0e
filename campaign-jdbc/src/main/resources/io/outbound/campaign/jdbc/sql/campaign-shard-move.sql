-- Moves a campaign's counters by deltas through one of its shards, without touching its row.
UPDATE campaign_counter_shards SET pending = pending + :pending, in_progress = in_progress + :inProgress,
       retry_scheduled = retry_scheduled + :retryScheduled, completed = completed + :completed,
       failed = failed + :failed, skipped = skipped + :skipped, answered = answered + :answered
 WHERE campaign_id = :campaignId AND shard = :shard
