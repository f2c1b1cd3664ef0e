-- The versions the store's own schema creation recorded.
SELECT version FROM campaign_schema_version
