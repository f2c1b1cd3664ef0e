-- Records a claim: fresh contacts claimed through a position, and more sessions.
UPDATE campaigns SET fresh_claimed_through = :freshClaimedThrough, session_count = session_count + :sessions
 WHERE id = :campaignId
