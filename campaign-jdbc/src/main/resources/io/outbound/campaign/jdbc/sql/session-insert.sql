-- Starts a session, in flight and undialled, holding its caller number.
INSERT INTO call_sessions (session_id, campaign_id, org_id, contact_seq, phone_number, attempt, status,
                           caller_number, node_id, lease_until, started_at, initial_context)
VALUES (:sessionId, :campaignId, :orgId, :contactSeq, :phoneNumber, :attempt, 'IN_PROGRESS',
        :callerNumber, :nodeId, :leaseUntil, :startedAt, :initialContext)
