-- Each zone's own position of a campaign.
SELECT zone, fresh_claimed_through FROM campaign_zones WHERE campaign_id = :campaignId
