-- Writes what updateCampaign may change: settings, status, reason, timestamps and contact rules.
UPDATE campaigns SET name = :name, max_concurrency = :maxConcurrency, calling_hours = :callingHours,
                     retry_config = :retryConfig, status = :status, status_reason = :statusReason,
                     updated_at = :updatedAt, started_at = :startedAt, completed_at = :completedAt,
                     contact_rules = :contactRules, version = version + 1
 WHERE id = :campaignId
