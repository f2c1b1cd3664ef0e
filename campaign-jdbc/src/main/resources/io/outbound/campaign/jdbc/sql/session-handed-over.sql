-- Whether a session was handed over (1) or not (0).
SELECT COUNT(*) FROM call_sessions WHERE session_id = :sessionId AND dialled = TRUE
