-- Locks a campaign's row and reads it (its own counters; the shards are summed after the lock).
SELECT id, org_id, name, workflow_id, contacts_file_key, max_concurrency, calling_hours, retry_config,
       telephony_configuration_id, status, status_reason, contact_columns, import_summary, parent_campaign_id,
       created_at, updated_at, started_at, completed_at, pending, in_progress, retry_scheduled, completed, failed,
       answered, skipped, consecutive_failures, fresh_claimed_through, session_count, contact_rules, contact_zones
  FROM campaigns WHERE id = :campaignId FOR UPDATE
