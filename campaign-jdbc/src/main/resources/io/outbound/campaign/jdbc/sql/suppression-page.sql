-- A page of an organisation's suppression list, by number.
SELECT phone_number, reason, created_at FROM suppressions WHERE org_id = :orgId
 ORDER BY phone_number OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY
