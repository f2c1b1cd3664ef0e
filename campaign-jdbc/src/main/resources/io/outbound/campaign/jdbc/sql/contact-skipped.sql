-- Skipped contacts in file order: the campaign's rows through the primary key, skipped ones kept.
SELECT seq, phone_number, note, contact_values FROM campaign_contacts
 WHERE campaign_id = :campaignId AND state = 'SKIPPED' ORDER BY seq
