-- Creates a paced configuration's row when missing (locked next by dial-pacing-lock).
MERGE INTO dial_pacing t
USING (VALUES (CAST(:orgId AS VARCHAR(255)), CAST(:configurationKey AS VARCHAR(64)))) s (org_id, configuration_key)
   ON t.org_id = s.org_id AND t.configuration_key = s.configuration_key
WHEN NOT MATCHED THEN INSERT (org_id, configuration_key) VALUES (s.org_id, s.configuration_key)
