-- The organisation's calls in flight per caller number: every session in flight holds its number.
SELECT caller_number, COUNT(*) FROM call_sessions
 WHERE org_id = :orgId AND status = 'IN_PROGRESS' GROUP BY caller_number
