-- Locks a paced configuration's row, which dial-pacing-ensure created when missing, and reads when its
-- next dial may be handed over.
SELECT next_slot_at FROM dial_pacing WHERE org_id = :orgId AND configuration_key = :configurationKey FOR UPDATE
