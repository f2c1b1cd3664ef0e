package io.outbound.campaign.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * The campaign of a million contacts on PostgreSQL that {@code progress} and {@code runs} read, imported once per
 * run through {@code create()}, and its million call sessions, written once by SQL when {@code runs} first asks.
 *
 * @param pool       the node's pool
 * @param engine     the node reading it
 * @param campaignId the campaign
 * @param contacts   its contacts
 */
record ScaleCampaign(HikariDataSource pool, CampaignEngine engine, long campaignId, int contacts)
        implements AutoCloseable {

    static final int CONTACTS = 1_000_000;

    /**
     * One session per contact, ended, its start a permutation of a million seconds so that sorting by
     * {@code started_at} is not the insertion order. Written by SQL because dialling a million calls through
     * PostgreSQL would take minutes and is what {@code dispatch-jdbc} measures; the rows are what the store itself
     * writes for an ended call (status {@code ENDED}, an outcome, a duration).
     */
    private static final String SESSIONS = """
            INSERT INTO call_sessions (session_id, campaign_id, org_id, contact_seq, phone_number, attempt, status,
                                       outcome, answered, caller_number, started_at, answered_at, ended_at,
                                       duration_seconds, initial_context)
            SELECT 'seeded-' || seq, campaign_id, ?, seq, phone_number, 1, 'ENDED',
                   'COMPLETED', TRUE, '+442079400000',
                   TIMESTAMPTZ '2025-01-01 00:00:00+00' + ((seq * 7919) % ?) * INTERVAL '1 second',
                   TIMESTAMPTZ '2025-01-01 00:00:05+00' + ((seq * 7919) % ?) * INTERVAL '1 second',
                   TIMESTAMPTZ '2025-01-01 00:01:00+00' + ((seq * 7919) % ?) * INTERVAL '1 second',
                   55, '{}'
              FROM campaign_contacts WHERE campaign_id = ?
            """;

    /** The run's scale campaign, imported on first use. */
    static ScaleCampaign of(BenchContext context) {
        return context.shared("scale-campaign", () -> {
            ContactFile file = ContactFile.allValid(context.size(CONTACTS));
            String key = StoredFiles.key(context, file);
            HikariDataSource pool = Databases.pool(Databases.fresh(context, "bench_scale"), 4);
            CampaignEngine engine = Engines.build(Databases.store(pool), StoredFiles.store(context),
                    new InstantTelephony(), "scale-node");
            Campaign campaign = Engines.create(engine, "scale", key);
            return new ScaleCampaign(pool, engine, campaign.id(), file.rows());
        });
    }

    /** Writes one ended session per contact, once. */
    void seedSessions(BenchContext context) {
        context.shared("scale-sessions", () -> {
            // The modulus must be prime to 7919 for the start times to be a permutation.
            long modulus = contacts % 7919 == 0 ? contacts + 1L : contacts;
            try (Connection c = pool.getConnection(); PreparedStatement insert = c.prepareStatement(SESSIONS)) {
                insert.setString(1, Engines.ORG);
                insert.setLong(2, modulus);
                insert.setLong(3, modulus);
                insert.setLong(4, modulus);
                insert.setLong(5, campaignId);
                int written = insert.executeUpdate();
                if (written != contacts) {
                    throw new IllegalStateException("seeded " + written + " sessions for " + contacts + " contacts");
                }
                // The store keeps each campaign's session count for unfiltered runs pages; sessions written
                // behind its back must move it too.
                try (PreparedStatement count = c.prepareStatement(
                        "UPDATE campaigns SET session_count = session_count + ? WHERE id = ?")) {
                    count.setLong(1, written);
                    count.setLong(2, campaignId);
                    count.executeUpdate();
                }
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE call_sessions");
                }
                return Boolean.TRUE;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot seed the sessions", e);
            }
        });
    }

    @Override
    public void close() {
        engine.close();
        pool.close();
    }
}
