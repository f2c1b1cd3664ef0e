-- Removes a number from an organisation's suppression list.
DELETE FROM suppressions WHERE org_id = :orgId AND phone_number = :phoneNumber
