-- Inserts one imported contact (imports batch it).
INSERT INTO campaign_contacts (campaign_id, seq, phone_number, contact_values, zone)
VALUES (:campaignId, :seq, :phoneNumber, :contactValues, :zone)
