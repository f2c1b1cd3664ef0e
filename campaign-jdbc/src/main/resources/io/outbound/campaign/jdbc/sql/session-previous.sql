-- A contact's session before a returned one, through the index of a campaign's sessions by phone.
SELECT session_id FROM call_sessions
 WHERE campaign_id = :campaignId AND phone_number = :phoneNumber AND contact_seq = :contactSeq
   AND session_seq < :sessionSeq
 ORDER BY session_seq DESC
 FETCH FIRST 1 ROWS ONLY
