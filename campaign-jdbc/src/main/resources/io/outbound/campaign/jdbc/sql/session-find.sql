-- A session with what the store keeps besides the model.
SELECT session_id, campaign_id, phone_number, attempt, status, outcome, answered, caller_number, started_at,
       answered_at, ended_at, duration_seconds, transcript_summary, extracted_data, initial_context, failure_reason,
       engine_ended_at, engine_end_reason, org_id, contact_seq, node_id, recovered, late_recorded
  FROM call_sessions WHERE session_id = :sessionId
