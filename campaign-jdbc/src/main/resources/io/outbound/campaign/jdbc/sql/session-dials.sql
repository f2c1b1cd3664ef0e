-- The organisation's dials to numbers (a list parameter) since an instant, for attempt limits. No upper
-- bound: a dial stamped after now by a node whose clock runs ahead counts too.
SELECT phone_number, started_at FROM call_sessions
 WHERE org_id = :orgId AND phone_number IN (:phoneNumbers) AND started_at > :since
