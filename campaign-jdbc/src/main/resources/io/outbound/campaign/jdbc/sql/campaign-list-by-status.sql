-- A page of the organisation's campaigns of some statuses, newest first. :statuses is a list
-- parameter always expanded to one value per status (a filter of fewer repeats its first), so that one statement
-- serves every filter. It reads campaigns_org_status_idx (a status's campaigns newest first, or a few statuses'
-- entries sorted), unless the statistics say the statuses are common enough that walking the campaigns newest first
-- meets a page of them sooner.
SELECT id, org_id, name, workflow_id, contacts_file_key, max_concurrency, calling_hours, retry_config,
       telephony_configuration_id, status, status_reason, contact_columns, import_summary, parent_campaign_id,
       created_at, updated_at, started_at, completed_at, pending, in_progress, retry_scheduled, completed, failed,
       answered, skipped, consecutive_failures, fresh_claimed_through, session_count, contact_rules, contact_zones
  FROM campaigns WHERE org_id = :orgId AND status IN (:statuses)
 ORDER BY id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY
