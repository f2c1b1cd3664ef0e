-- Locks the organisation's slot row, which org-slots-ensure created when missing.
SELECT org_id FROM org_call_slots WHERE org_id = :orgId FOR UPDATE
