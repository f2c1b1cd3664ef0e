-- The campaigns that have sessions in flight whose lease expired, through a partial index of
-- sessions in flight.
SELECT DISTINCT campaign_id FROM call_sessions
 WHERE status = 'IN_PROGRESS' AND lease_until < :now
