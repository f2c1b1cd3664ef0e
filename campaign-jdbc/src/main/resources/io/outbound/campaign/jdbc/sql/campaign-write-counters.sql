-- Moves a locked campaign's own counters by deltas and writes the status its lock holder decided.
UPDATE campaigns SET pending = pending + :pending, in_progress = in_progress + :inProgress,
                     retry_scheduled = retry_scheduled + :retryScheduled, completed = completed + :completed,
                     failed = failed + :failed, skipped = skipped + :skipped, answered = answered + :answered,
                     consecutive_failures = :consecutiveFailures,
                     status = :status, status_reason = :statusReason, updated_at = :updatedAt,
                     completed_at = :completedAt,
                     version = version + 1
 WHERE id = :campaignId
