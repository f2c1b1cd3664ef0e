-- An organisation's suppression entries among numbers (a list parameter).
SELECT phone_number, reason, created_at FROM suppressions
 WHERE org_id = :orgId AND phone_number IN (:phoneNumbers)
