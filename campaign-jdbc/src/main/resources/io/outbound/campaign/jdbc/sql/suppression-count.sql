-- How many numbers an organisation's suppression list holds.
SELECT COUNT(*) FROM suppressions WHERE org_id = :orgId
