-- An organisation's suppression entry of a number.
SELECT phone_number, reason, created_at FROM suppressions WHERE org_id = :orgId AND phone_number = :phoneNumber
