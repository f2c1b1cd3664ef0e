-- Creates one of a new campaign's zones, with nothing claimed.
INSERT INTO campaign_zones (campaign_id, zone) VALUES (:campaignId, :zone)
