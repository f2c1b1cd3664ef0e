-- Creates one of a new campaign's counter shards, all zero.
INSERT INTO campaign_counter_shards (campaign_id, shard) VALUES (:campaignId, :shard)
