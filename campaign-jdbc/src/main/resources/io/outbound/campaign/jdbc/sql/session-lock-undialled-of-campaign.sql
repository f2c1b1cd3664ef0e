-- Locks every undialled session of a campaign with its contact, in session id order;
-- status = 'IN_PROGRESS' matches the index of sessions in flight.
SELECT s.session_id, s.session_seq, s.contact_seq, s.phone_number, c.attempts, c.next_attempt_at, c.zone
  FROM call_sessions s
  JOIN campaign_contacts c ON c.campaign_id = s.campaign_id AND c.seq = s.contact_seq
 WHERE s.campaign_id = :campaignId AND s.status = 'IN_PROGRESS' AND s.dialled = FALSE
 ORDER BY s.session_id
   FOR UPDATE
