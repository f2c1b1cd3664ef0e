-- contact-count-waiting when no zone is closed: only retries held outside local hours wait for hours.
SELECT SUM(CASE WHEN 1 = 0 OR state = 'RETRY_SCHEDULED' AND note = :hoursNote THEN 1 ELSE 0 END) AS hours,
       SUM(CASE WHEN state = 'RETRY_SCHEDULED' AND note LIKE :limitNotePattern THEN 1 ELSE 0 END) AS limits
  FROM campaign_contacts WHERE campaign_id = :campaignId AND state IN ('PENDING', 'RETRY_SCHEDULED')
