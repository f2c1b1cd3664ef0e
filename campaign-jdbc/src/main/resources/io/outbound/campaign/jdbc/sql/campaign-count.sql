-- How many campaigns the organisation has.
SELECT COUNT(*) FROM campaigns WHERE org_id = :orgId
