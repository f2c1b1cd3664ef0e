-- Marks a session dialled, only while it is in flight and undialled; locks its row.
-- "Not ended" is written status <> 'ENDED', not status = 'IN_PROGRESS', in this and every statement about one
-- session: that predicate would let the planner read the session through a partial index of sessions in flight,
-- every one of them, whenever the statistics (taken while few were in flight) make that index look empty, instead of
-- by its primary key (PostgresQueryPlanTest).
UPDATE call_sessions SET dialled = TRUE
 WHERE session_id = :sessionId AND status <> 'ENDED' AND dialled = FALSE
