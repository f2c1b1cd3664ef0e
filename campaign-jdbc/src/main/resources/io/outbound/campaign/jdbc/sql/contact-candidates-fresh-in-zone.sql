-- A claim's pending contacts of one open zone in file order from the zone's position, locked,
-- through the index on (campaign_id, zone, seq).
SELECT seq, zone, phone_number, contact_values, state, attempts, next_attempt_at, last_outcome, reached,
       answered, last_session_id, note
  FROM campaign_contacts
 WHERE campaign_id = :campaignId AND zone = :zone AND seq > :after AND state = 'PENDING'
 ORDER BY seq
 FETCH FIRST :limit ROWS ONLY
   FOR UPDATE
