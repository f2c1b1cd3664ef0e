-- A claim's pending contacts of the open zones (a list parameter) in file order from the open zones' lowest position,
-- locked, along the primary key: the closed zones' rows on the way are read and passed over. No index by zone, so
-- that an import maintains the primary key alone; the positions keep the rows passed over from being read again
-- (see ZonePointers).
SELECT seq, zone, phone_number, contact_values, state, attempts, next_attempt_at, last_outcome, reached,
       answered, last_session_id, note
  FROM campaign_contacts
 WHERE campaign_id = :campaignId AND seq > :after AND zone IN (:zones) AND state = 'PENDING'
 ORDER BY seq
 FETCH FIRST :limit ROWS ONLY
   FOR UPDATE
