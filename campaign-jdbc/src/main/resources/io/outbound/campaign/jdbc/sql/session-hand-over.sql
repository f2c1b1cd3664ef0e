-- Marks a session dialled, only while it is in flight and undialled; locks its row.
UPDATE call_sessions SET dialled = TRUE
 WHERE session_id = :sessionId AND status = 'IN_PROGRESS' AND dialled = FALSE
