-- Creates the organisation's slot row when missing (locked next by org-slots-lock).
MERGE INTO org_call_slots t USING (VALUES (CAST(:orgId AS VARCHAR(255)))) s (org_id) ON t.org_id = s.org_id
WHEN NOT MATCHED THEN INSERT (org_id) VALUES (s.org_id)
