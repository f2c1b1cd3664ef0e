package io.outbound.campaign.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * PostgreSQL 13 and later: contacts are claimed by one {@code UPDATE ... RETURNING} over rows picked with
 * {@code FOR UPDATE SKIP LOCKED}, new session ids come from {@code gen_random_uuid()}, and imports stream
 * through the driver's {@code COPY} API.
 */
public final class PostgresDialect extends JdbcDialect {

    /*
     * One statement claims: due retries (oldest first) and as many fresh contacts as the retries leave room
     * for, each set locked with SKIP LOCKED so that a row another transaction holds is passed over instead of
     * waited for. The rank tells the two sets apart for ordering the returned rows.
     */
    private static final String CLAIM = """
            WITH due AS (
                SELECT seq, next_attempt_at, 0 AS rank_group
                  FROM campaign_contacts
                 WHERE campaign_id = ? AND state = 'RETRY_SCHEDULED' AND next_attempt_at <= ?
                 ORDER BY next_attempt_at, seq
                 LIMIT ?
                   FOR UPDATE SKIP LOCKED),
            fresh AS (
                SELECT seq, CAST(NULL AS TIMESTAMPTZ) AS next_attempt_at, 1 AS rank_group
                  FROM campaign_contacts
                 WHERE campaign_id = ? AND state = 'PENDING'
                 ORDER BY seq
                 LIMIT GREATEST(? - (SELECT count(*) FROM due), 0)
                   FOR UPDATE SKIP LOCKED),
            picked AS (
                SELECT seq, next_attempt_at, rank_group FROM due
                UNION ALL
                SELECT seq, next_attempt_at, rank_group FROM fresh)
            UPDATE campaign_contacts c
               SET state = 'IN_PROGRESS',
                   attempts = c.attempts + 1,
                   next_attempt_at = NULL,
                   last_session_id = CAST(gen_random_uuid() AS VARCHAR)
              FROM picked
             WHERE c.campaign_id = ? AND c.seq = picked.seq
            RETURNING c.seq, picked.next_attempt_at AS due_at, picked.rank_group, c.phone_number,
                      c.contact_values, c.attempts, c.last_session_id
            """;

    private static final String LOCK_ORG = """
            INSERT INTO org_call_slots (org_id, in_flight) VALUES (?, 0)
            ON CONFLICT (org_id) DO UPDATE SET in_flight = org_call_slots.in_flight
            RETURNING in_flight
            """;

    /** A PostgreSQL dialect. */
    public PostgresDialect() {
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    String schemaResource() {
        return "io/outbound/campaign/jdbc/postgresql/V1__campaign_schema.sql";
    }

    @Override
    String campaignsTableName() {
        return "campaigns";
    }

    @Override
    void lockSchemaCreation(Connection connection) throws SQLException {
        // Nodes starting together would race on CREATE ... IF NOT EXISTS (it is not atomic in PostgreSQL).
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, 0x63616d706169676eL);
            lock.execute();
        }
    }

    @Override
    String skipLocked() {
        return " SKIP LOCKED";
    }

    @Override
    int lockOrgSlots(Connection connection, String orgId) throws SQLException {
        // The no-op update on conflict locks the existing row and returns it, in one round trip.
        try (PreparedStatement upsert = connection.prepareStatement(LOCK_ORG)) {
            upsert.setString(1, orgId);
            try (ResultSet row = upsert.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    @Override
    List<ClaimedContact> claimContacts(Connection connection, long campaignId, Instant now, int limit)
            throws SQLException {
        List<Ranked> claimed = new ArrayList<>(limit);
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setLong(1, campaignId);
            setInstant(claim, 2, now);
            claim.setInt(3, limit);
            claim.setLong(4, campaignId);
            claim.setInt(5, limit);
            claim.setLong(6, campaignId);
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new Ranked(rows.getInt("rank_group"), new ClaimedContact(
                            rows.getLong("seq"), getInstant(rows, "due_at"), rows.getString("phone_number"),
                            rows.getString("contact_values"), rows.getInt("attempts"),
                            rows.getString("last_session_id"))));
                }
            }
        }
        // RETURNING does not keep the order of the picked rows.
        claimed.sort(Comparator.comparingInt(Ranked::rank)
                .thenComparing(r -> r.contact().dueAt(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingLong(r -> r.contact().seq()));
        return claimed.stream().map(Ranked::contact).toList();
    }

    @Override
    ContactWriter contactWriter(Connection connection, long campaignId) throws SQLException {
        return PostgresCopyWriter.open(connection, campaignId);
    }

    private record Ranked(int rank, ClaimedContact contact) {
    }
}
