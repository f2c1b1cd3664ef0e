-- Deletes a session returned undialled: the caller number and place it held are free again.
DELETE FROM call_sessions WHERE session_id = :sessionId
