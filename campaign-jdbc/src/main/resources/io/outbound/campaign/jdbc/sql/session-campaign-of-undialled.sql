-- The campaign of a session still claimed and undialled.
SELECT campaign_id FROM call_sessions WHERE session_id = :sessionId AND status = 'IN_PROGRESS' AND dialled = FALSE
