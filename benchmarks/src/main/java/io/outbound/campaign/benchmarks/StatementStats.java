package io.outbound.campaign.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What PostgreSQL executed for one database between a {@link #reset} and a {@link #read}, from
 * {@code pg_stat_statements} (which the run's server preloads): the statements' execution time, the WAL records
 * they wrote and the shared buffers they touched. The counts come out the same from run to run and the time drifts
 * less than a rate does, so a call's database work can be set against a baseline task's in the same run. The
 * statistics are the server's (every database), so a reset must not overlap another measured phase.
 */
final class StatementStats {

    /** Totals of a phase: milliseconds executing, WAL records written, shared buffers hit or read. */
    record Totals(double executionMs, long walRecords, long buffers) {
    }

    private StatementStats() {
    }

    /** Starts counting afresh (creating the extension in the database on first use). */
    static void reset(String url) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("SELECT pg_stat_statements_reset()");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset pg_stat_statements (is it preloaded?)", e);
        }
    }

    /** What the database's statements did since the last {@link #reset}, these readings left out. */
    static Totals read(String url) {
        String query = """
                SELECT COALESCE(SUM(total_exec_time), 0), COALESCE(SUM(wal_records), 0),
                       COALESCE(SUM(shared_blks_hit + shared_blks_read), 0)
                  FROM pg_stat_statements
                 WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                   AND query NOT LIKE '%pg_stat_statements%'
                """;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet row = s.executeQuery(query)) {
            row.next();
            return new Totals(row.getDouble(1), row.getLong(2), row.getLong(3));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_statements", e);
        }
    }
}
