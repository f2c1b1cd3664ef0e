package io.outbound.campaign.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Many sessions of a campaign written by SQL, as the benchmarks do: dialling hundreds of thousands of calls through
 * the store would take minutes. The rows are what the store writes: one in a hundred is still in flight (no end,
 * outcome or duration), the others ended with one of four outcomes; starts are a permutation of the sessions'
 * seconds so that sorting by {@code started_at} is not the insertion order. Moves the campaign's session counter
 * as a claim would. PostgreSQL only.
 */
final class SeededSessions {
    private static final String INSERT = """
            INSERT INTO call_sessions (session_id, campaign_id, org_id, contact_seq, phone_number, attempt, status,
                                       outcome, answered, caller_number, started_at, ended_at, duration_seconds,
                                       initial_context)
            SELECT 'seeded-' || ? || '-' || g, ?, 'org-seeded', g, '+1415' || lpad(((g * 7919) % 10000000)::text, 7, '0'),
                   1 + g % 3,
                   CASE WHEN g % 100 = 0 THEN 'IN_PROGRESS' ELSE 'ENDED' END,
                   CASE WHEN g % 100 = 0 THEN NULL
                        ELSE (ARRAY['COMPLETED', 'BUSY', 'NO_ANSWER', 'VOICEMAIL'])[CAST(1 + g % 4 AS INTEGER)] END,
                   g % 4 = 0, '+15550000001',
                   TIMESTAMPTZ '2026-01-01 00:00:00+00' + ((g * 7919) % ?) * INTERVAL '1 second',
                   CASE WHEN g % 100 = 0 THEN NULL
                        ELSE TIMESTAMPTZ '2026-01-01 00:00:00+00' + ((g * 7919) % ? + g % 600) * INTERVAL '1 second' END,
                   CASE WHEN g % 100 = 0 THEN NULL ELSE g % 600 END,
                   '{}'
              FROM generate_series(CAST(1 AS BIGINT), CAST(? AS BIGINT)) g
            """;

    private SeededSessions() {
    }

    /** Writes {@code count} sessions of the campaign and adds them to its counter (the row need not exist). */
    static void seed(Connection connection, long campaignId, int count) throws SQLException {
        // The modulus must be prime to 7919 for the start times to be a permutation.
        long modulus = count % 7919 == 0 ? count + 1L : count;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, campaignId);
            insert.setLong(2, campaignId);
            insert.setLong(3, modulus);
            insert.setLong(4, modulus);
            insert.setInt(5, count);
            insert.executeUpdate();
        }
        try (PreparedStatement counter = connection.prepareStatement(
                "UPDATE campaigns SET session_count = session_count + ? WHERE id = ?")) {
            counter.setInt(1, count);
            counter.setLong(2, campaignId);
            counter.executeUpdate();
        }
    }

    /** Refreshes the planner's statistics, as autovacuum would after a bulk write. */
    static void analyze(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("ANALYZE");
        }
    }
}
