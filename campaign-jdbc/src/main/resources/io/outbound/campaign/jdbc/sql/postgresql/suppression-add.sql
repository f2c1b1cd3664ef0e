-- Inserts a suppression unless the organisation has the number already (update count 0): the first
-- entry is kept.
INSERT INTO suppressions (org_id, phone_number, reason, created_at)
VALUES (:orgId, :phoneNumber, :reason, :createdAt)
ON CONFLICT (org_id, phone_number) DO NOTHING
