-- Inserts a suppression unless the organisation has the number already (update count 0): the first
-- entry is kept.
MERGE INTO suppressions t
USING (VALUES (CAST(:orgId AS VARCHAR(255)), CAST(:phoneNumber AS VARCHAR(32)), CAST(:reason AS VARCHAR),
               CAST(:createdAt AS TIMESTAMP(9) WITH TIME ZONE))) s (org_id, phone_number, reason, created_at)
   ON t.org_id = s.org_id AND t.phone_number = s.phone_number
WHEN NOT MATCHED THEN INSERT (org_id, phone_number, reason, created_at)
     VALUES (s.org_id, s.phone_number, s.reason, s.created_at)
