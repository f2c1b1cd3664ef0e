-- Locks a session of a campaign with its contact, if it is still undialled. Not ended: status <> 'ENDED', so that
-- the session is read by its primary key (see session-hand-over.sql).
SELECT s.session_id, s.session_seq, s.contact_seq, s.phone_number, c.attempts, c.next_attempt_at, c.zone
  FROM call_sessions s
  JOIN campaign_contacts c ON c.campaign_id = s.campaign_id AND c.seq = s.contact_seq
 WHERE s.session_id = :sessionId AND s.campaign_id = :campaignId AND s.status <> 'ENDED' AND s.dialled = FALSE
   FOR UPDATE
