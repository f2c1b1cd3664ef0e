-- Moves a zone's position back to a position, when beyond it: contacts there are pending again.
UPDATE campaign_zones SET fresh_claimed_through = :position
 WHERE campaign_id = :campaignId AND zone = :zone AND fresh_claimed_through > :position
