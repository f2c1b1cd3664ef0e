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
     * One statement claims: due retries (oldest first, SKIP LOCKED so that a row another transaction holds is
     * passed over instead of waited for), then fresh contacts from the claim cursor on, the first {@code limit}
     * of both together. Every LIMIT is a plain parameter so that the planner knows the claim is small and reaches
     * the claimed rows through the primary key (an expression there made it hash-join the whole campaign). Fresh rows are not skipped when locked: the cursor moves past every one it claims, so a
     * skipped row would never be claimed (and only claims, serialised by the campaign's lock, lock fresh rows).
     * The rank tells the two sets apart for ordering the returned rows.
     */
    static final String CLAIM = """
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
                 WHERE campaign_id = ? AND seq > ? AND state = 'PENDING'
                 ORDER BY seq
                 LIMIT ?
                   FOR UPDATE),
            picked AS (
                SELECT seq, next_attempt_at, rank_group
                  FROM (SELECT seq, next_attempt_at, rank_group FROM due
                        UNION ALL
                        SELECT seq, next_attempt_at, rank_group FROM fresh) candidates
                 ORDER BY rank_group, next_attempt_at, seq
                 LIMIT ?)
            UPDATE campaign_contacts c
               SET state = 'IN_PROGRESS',
                   attempts = c.attempts + 1,
                   last_session_id = CAST(gen_random_uuid() AS VARCHAR),
                   note = NULL
              FROM picked
             WHERE c.campaign_id = ? AND c.seq = picked.seq
            RETURNING c.seq, picked.next_attempt_at AS due_at, picked.rank_group, c.phone_number,
                      c.contact_values, c.attempts, c.last_session_id
            """;

    /** Creates the configuration's pacing row when missing and locks it, as {@link #LOCK_ORG} does. */
    private static final String LOCK_PACING = """
            INSERT INTO dial_pacing (org_id, configuration_key) VALUES (?, ?)
            ON CONFLICT (org_id, configuration_key) DO UPDATE SET next_slot_at = dial_pacing.next_slot_at
            RETURNING next_slot_at
            """;

    private static final String LOCK_ORG = """
            INSERT INTO org_call_slots (org_id) VALUES (?)
            ON CONFLICT (org_id) DO UPDATE SET org_id = org_call_slots.org_id
            """;

    /** Inserts a suppression unless the organisation has the number already: the first entry is kept. */
    private static final String ADD_SUPPRESSION = """
            INSERT INTO suppressions (org_id, phone_number, reason, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (org_id, phone_number) DO NOTHING
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
    void lockOrgSlots(Connection connection, String orgId) throws SQLException {
        // The no-op update on conflict locks the existing row, in one round trip.
        try (PreparedStatement upsert = connection.prepareStatement(LOCK_ORG)) {
            upsert.setString(1, orgId);
            upsert.executeUpdate();
        }
    }

    @Override
    Instant lockDialPacing(Connection connection, String orgId, String configurationKey) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(LOCK_PACING)) {
            upsert.setString(1, orgId);
            upsert.setString(2, configurationKey);
            try (ResultSet row = upsert.executeQuery()) {
                row.next();
                return getInstant(row, "next_slot_at");
            }
        }
    }

    @Override
    List<ClaimedContact> claimContacts(Connection connection, long campaignId, Instant now, int limit,
                                       long freshAfter) throws SQLException {
        List<Ranked> claimed = new ArrayList<>(limit);
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setLong(1, campaignId);
            setInstant(claim, 2, now);
            claim.setInt(3, limit);
            claim.setLong(4, campaignId);
            claim.setLong(5, freshAfter);
            claim.setInt(6, limit);
            claim.setInt(7, limit);
            claim.setLong(8, campaignId);
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
    String addSuppressionSql() {
        return ADD_SUPPRESSION;
    }

    @Override
    ContactWriter contactWriter(Connection connection, long campaignId) throws SQLException {
        return PostgresCopyWriter.open(connection, campaignId);
    }

    private record Ranked(int rank, ClaimedContact contact) {
    }
}
