-- One pass over a campaign's waiting contacts by its primary key: those waiting for their zone's
-- hours (pending in a closed zone, a list parameter, or held outside local hours) and those held by an attempt limit.
SELECT SUM(CASE WHEN state = 'PENDING' AND zone IN (:closedZones) OR state = 'RETRY_SCHEDULED' AND note = :hoursNote
                THEN 1 ELSE 0 END) AS hours,
       SUM(CASE WHEN state = 'RETRY_SCHEDULED' AND note LIKE :limitNotePattern THEN 1 ELSE 0 END) AS limits
  FROM campaign_contacts WHERE campaign_id = :campaignId AND state IN ('PENDING', 'RETRY_SCHEDULED')
