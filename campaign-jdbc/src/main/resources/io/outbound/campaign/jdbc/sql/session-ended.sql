-- A campaign's ended sessions started in a window, in start order, streamed.
SELECT session_id, campaign_id, phone_number, attempt, status, outcome, answered, caller_number, started_at,
       answered_at, ended_at, duration_seconds, transcript_summary, extracted_data, initial_context, failure_reason,
       engine_ended_at, engine_end_reason
  FROM call_sessions
 WHERE campaign_id = :campaignId AND status = 'ENDED' AND started_at >= :startedFrom AND started_at < :startedBefore
 ORDER BY started_at, session_seq
