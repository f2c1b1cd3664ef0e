-- The versions Flyway applied successfully to the campaign schema (its own history table).
SELECT version FROM campaign_schema_history WHERE success = TRUE AND version IS NOT NULL
