-- A campaign's contacts never reached that had an outcome, in file order, streamed.
SELECT seq, phone_number, contact_values, last_outcome, reached FROM campaign_contacts
 WHERE campaign_id = :campaignId AND reached = FALSE AND last_outcome IS NOT NULL
 ORDER BY seq
