-- When a paced configuration's next dial may be handed over.
UPDATE dial_pacing SET next_slot_at = :nextSlotAt WHERE org_id = :orgId AND configuration_key = :configurationKey
