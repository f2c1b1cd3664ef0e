-- Renews a session's lease.
UPDATE call_sessions SET lease_until = :leaseUntil WHERE session_id = :sessionId
