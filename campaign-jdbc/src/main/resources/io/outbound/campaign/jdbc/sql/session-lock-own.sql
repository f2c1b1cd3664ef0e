-- Locks a node's sessions in flight to renew their leases, in session id order (the order outcome groups,
-- handovers and returns lock sessions in, so that it never deadlocks with them).
-- H2 has no SKIP LOCKED: see postgresql/.
SELECT session_id FROM call_sessions
 WHERE node_id = :nodeId AND status = 'IN_PROGRESS' AND started_at > :startedAfter
 ORDER BY session_id
   FOR UPDATE
