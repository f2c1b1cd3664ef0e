-- Moves a zone's position forward to a position (never back).
UPDATE campaign_zones SET fresh_claimed_through = :position
 WHERE campaign_id = :campaignId AND zone = :zone AND fresh_claimed_through < :position
