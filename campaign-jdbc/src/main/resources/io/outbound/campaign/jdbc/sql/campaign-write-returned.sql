-- Records a return: fresh contacts claimed again from a position, and fewer sessions.
UPDATE campaigns SET fresh_claimed_through = :freshClaimedThrough, session_count = session_count - :sessions
 WHERE id = :campaignId
