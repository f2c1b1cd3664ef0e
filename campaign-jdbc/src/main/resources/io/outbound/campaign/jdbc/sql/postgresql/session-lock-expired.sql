-- Locks up to :max of a campaign's sessions whose lease expired, the longest expired first; sessions
-- another transaction holds are skipped.
SELECT session_id, dialled FROM call_sessions
 WHERE campaign_id = :campaignId AND status = 'IN_PROGRESS' AND lease_until < :now
 ORDER BY lease_until, session_seq
 FETCH FIRST :max ROWS ONLY
   FOR UPDATE SKIP LOCKED
