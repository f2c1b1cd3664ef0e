-- Sessions (a list parameter, one for a single session) with their contacts, locked in session id order (the order
-- every operation locks them in).
SELECT s.session_id, s.campaign_id, s.phone_number, s.attempt, s.status, s.outcome, s.answered,
       s.caller_number, s.started_at, s.answered_at, s.ended_at, s.duration_seconds, s.transcript_summary,
       s.extracted_data, s.initial_context, s.failure_reason, s.engine_ended_at, s.engine_end_reason, s.org_id,
       s.contact_seq, s.node_id, s.recovered, s.late_recorded,
       c.state AS contact_state, c.attempts AS contact_attempts, c.next_attempt_at AS contact_next_attempt_at,
       c.last_outcome AS contact_last_outcome, c.reached AS contact_reached, c.answered AS contact_answered,
       c.last_session_id AS contact_last_session_id, c.note AS contact_note
  FROM call_sessions s JOIN campaign_contacts c ON c.campaign_id = s.campaign_id AND c.seq = s.contact_seq
 WHERE s.session_id IN (:sessionIds) ORDER BY s.session_id FOR UPDATE
