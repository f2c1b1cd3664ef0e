-- Creates a paced configuration's row when missing and locks it, in one round trip, returning when its next
-- dial may be handed over.
INSERT INTO dial_pacing (org_id, configuration_key) VALUES (:orgId, :configurationKey)
ON CONFLICT (org_id, configuration_key) DO UPDATE SET next_slot_at = dial_pacing.next_slot_at
RETURNING next_slot_at
