-- A campaign of the organisation with its totals, without a lock.
SELECT id, org_id, name, workflow_id, contacts_file_key, max_concurrency, calling_hours, retry_config,
       telephony_configuration_id, status, status_reason, contact_columns, import_summary, parent_campaign_id,
       created_at, updated_at, started_at, completed_at, pending, in_progress, retry_scheduled, completed, failed,
       answered, skipped, consecutive_failures, fresh_claimed_through, session_count, contact_rules, contact_zones, s.*
  FROM campaigns CROSS JOIN (
        SELECT COALESCE(SUM(pending), 0) AS shard_pending, COALESCE(SUM(in_progress), 0) AS shard_in_progress,
               COALESCE(SUM(retry_scheduled), 0) AS shard_retry_scheduled,
               COALESCE(SUM(completed), 0) AS shard_completed, COALESCE(SUM(failed), 0) AS shard_failed,
               COALESCE(SUM(skipped), 0) AS shard_skipped, COALESCE(SUM(answered), 0) AS shard_answered
          FROM campaign_counter_shards WHERE campaign_id = :campaignId) s
 WHERE id = :campaignId AND org_id = :orgId
