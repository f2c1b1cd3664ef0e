-- Serialises nodes creating the schema together: CREATE ... IF NOT EXISTS is not atomic in PostgreSQL.
SELECT pg_advisory_xact_lock(:key)
