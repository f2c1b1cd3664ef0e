-- Creates the organisation's slot row when missing and locks it, in one round trip: the no-op update on
-- conflict locks the existing row.
INSERT INTO org_call_slots (org_id) VALUES (:orgId)
ON CONFLICT (org_id) DO UPDATE SET org_id = org_call_slots.org_id
