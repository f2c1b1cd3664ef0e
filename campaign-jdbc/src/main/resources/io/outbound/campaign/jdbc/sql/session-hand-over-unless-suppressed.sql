-- As session-hand-over, for a campaign that respects suppression: a session whose number is on its organisation's
-- suppression list (added after the claim) is not marked dialled, so that the node gives it back and the next claim
-- skips its contact. One probe of the list's primary key; read committed, so a number whose addition has committed
-- before this statement starts is never dialled.
UPDATE call_sessions SET dialled = TRUE
 WHERE session_id = :sessionId AND status <> 'ENDED' AND dialled = FALSE
   AND NOT EXISTS (SELECT 1 FROM suppressions s
                    WHERE s.org_id = call_sessions.org_id AND s.phone_number = call_sessions.phone_number)
