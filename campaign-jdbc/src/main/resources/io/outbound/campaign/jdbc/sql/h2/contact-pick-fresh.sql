-- The claim without rules, then: pending contacts in file order after the campaign's position, locked.
SELECT seq, next_attempt_at, phone_number, contact_values, attempts
  FROM campaign_contacts
 WHERE campaign_id = :campaignId AND seq > :after AND state = 'PENDING'
 ORDER BY seq
 FETCH FIRST :limit ROWS ONLY
   FOR UPDATE
