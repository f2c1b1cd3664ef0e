-- Records the installed schema's version unless recorded already (nodes starting together each run it).
INSERT INTO campaign_schema_version (version, installed_at)
SELECT :version, CURRENT_TIMESTAMP WHERE NOT EXISTS (SELECT 1 FROM campaign_schema_version WHERE version = :version)
