-- The version of the campaign schema that createSchemaIfMissing installed: one row per version installed. A
-- schema migrated with Flyway keeps its versions in Flyway's own history table (campaign_schema_history) instead.
CREATE TABLE IF NOT EXISTS campaign_schema_version (
    version      INTEGER   NOT NULL PRIMARY KEY,
    installed_at TIMESTAMP NOT NULL
);
