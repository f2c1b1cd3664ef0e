-- The campaign of a session still claimed and undialled. Not ended: status <> 'ENDED', so that the session is read
-- by its primary key (see session-hand-over.sql).
SELECT campaign_id FROM call_sessions WHERE session_id = :sessionId AND status <> 'ENDED' AND dialled = FALSE
