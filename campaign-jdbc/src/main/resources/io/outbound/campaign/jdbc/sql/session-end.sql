-- Ends a session with its outcome; late_recorded is set by a late outcome only.
UPDATE call_sessions SET status = 'ENDED', outcome = :outcome, answered = :answered, answered_at = :answeredAt,
                         ended_at = :endedAt, duration_seconds = :durationSeconds,
                         transcript_summary = :transcriptSummary, extracted_data = :extractedData,
                         failure_reason = :failureReason, lease_until = NULL, recovered = :recovered,
                         late_recorded = :lateRecorded, engine_ended_at = :engineEndedAt,
                         engine_end_reason = :engineEndReason
 WHERE session_id = :sessionId
