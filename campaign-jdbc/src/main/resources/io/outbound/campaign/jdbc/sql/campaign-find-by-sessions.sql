-- The campaigns of several sessions (a list parameter), without a lock: by_session_id tells
-- which session's.
SELECT s.session_id AS by_session_id,
       c.id, c.org_id, c.name, c.workflow_id, c.contacts_file_key, c.max_concurrency, c.calling_hours,
       c.retry_config, c.telephony_configuration_id, c.status, c.status_reason, c.contact_columns, c.import_summary,
       c.parent_campaign_id, c.created_at, c.updated_at, c.started_at, c.completed_at, c.pending, c.in_progress,
       c.retry_scheduled, c.completed, c.failed, c.answered, c.skipped, c.consecutive_failures,
       c.fresh_claimed_through, c.session_count, c.contact_rules, c.contact_zones
  FROM call_sessions s JOIN campaigns c ON c.id = s.campaign_id
 WHERE s.session_id IN (:sessionIds)
