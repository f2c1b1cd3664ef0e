-- Writes what an import found: the contacts' columns, the summary, the zones and the pending count.
UPDATE campaigns SET contact_columns = :contactColumns, import_summary = :importSummary,
                     contact_zones = :contactZones, pending = :pending, version = version + 1
 WHERE id = :campaignId
