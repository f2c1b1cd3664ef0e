-- How many campaigns of some statuses the organisation has, from campaigns_org_status_idx;
-- :statuses as in campaign-list-by-status.
SELECT COUNT(*) FROM campaigns WHERE org_id = :orgId AND status IN (:statuses)
