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
                   last_session_id = CAST(gen_random_uuid() AS VARCHAR)
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
            INSERT INTO org_call_slots (org_id, in_flight) VALUES (?, 0)
            ON CONFLICT (org_id) DO UPDATE SET in_flight = org_call_slots.in_flight
            RETURNING in_flight
            """;

    /*
     * Every write of a recorded outcome in one statement. The campaign row is locked already, and the only
     * rows shared with other campaigns (the organisation's slot row, caller-number holds) are never waited
     * for while holding one another in the opposite order, so the order PostgreSQL runs these in is free.
     */
    private static final String WRITE_OUTCOME = """
            WITH ended AS (
                UPDATE call_sessions
                   SET status = 'ENDED', outcome = ?, answered = ?, answered_at = ?, ended_at = ?,
                       duration_seconds = ?, transcript_summary = ?, extracted_data = ?, failure_reason = ?,
                       lease_until = NULL, recovered = ?
                 WHERE session_id = ?),
            freed AS (
                DELETE FROM caller_number_holds WHERE session_id = ?),
            slots AS (
                UPDATE org_call_slots SET in_flight = in_flight - 1 WHERE org_id = ?),
            contact AS (
                UPDATE campaign_contacts
                   SET state = ?, next_attempt_at = ?, last_outcome = ?, reached = ?, answered = ?
                 WHERE campaign_id = ? AND seq = ?)
            UPDATE campaigns
               SET pending = pending + ?, in_progress = in_progress + ?, retry_scheduled = retry_scheduled + ?,
                   completed = completed + ?, failed = failed + ?, answered = answered + ?,
                   consecutive_failures = ?, status = ?, status_reason = ?, updated_at = ?, completed_at = ?,
                   version = version + 1
             WHERE id = ?
            """;

    /** Every write of a claim in one statement: the sessions and holds arrive as arrays, in claim order. */
    private static final String WRITE_CLAIM = """
            WITH started AS (
                INSERT INTO call_sessions (session_id, campaign_id, org_id, contact_seq, phone_number, attempt, status,
                                           caller_number, node_id, lease_until, started_at, initial_context)
                SELECT u.session_id, ?, ?, u.contact_seq, u.phone_number, u.attempt, 'IN_PROGRESS', u.caller_number,
                       ?, ?, ?, u.initial_context
                  FROM unnest(CAST(? AS VARCHAR[]), CAST(? AS BIGINT[]), CAST(? AS VARCHAR[]), CAST(? AS INTEGER[]),
                              CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[])) WITH ORDINALITY
                       AS u(session_id, contact_seq, phone_number, attempt, caller_number, initial_context, n)
                 ORDER BY u.n),
            held AS (
                INSERT INTO caller_number_holds (org_id, caller_number, session_id)
                SELECT ?, u.caller_number, u.session_id
                  FROM unnest(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[])) AS u(caller_number, session_id)),
            slots AS (
                UPDATE org_call_slots SET in_flight = in_flight + ? WHERE org_id = ?)
            UPDATE campaigns
               SET pending = pending + ?, in_progress = in_progress + ?, retry_scheduled = retry_scheduled + ?,
                   fresh_claimed_through = ?, session_count = session_count + ?, version = version + 1
             WHERE id = ?
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
    void writeClaim(Connection connection, ClaimWrite write, ClaimWriter eachTable) throws SQLException {
        List<SessionTable.NewSession> started = write.started();
        int n = started.size();
        String[] ids = new String[n];
        Long[] seqs = new Long[n];
        String[] phones = new String[n];
        Integer[] attempts = new Integer[n];
        String[] numbers = new String[n];
        String[] contexts = new String[n];
        for (int k = 0; k < n; k++) {
            io.outbound.campaign.CallSession session = started.get(k).session();
            ids[k] = session.sessionId();
            seqs[k] = started.get(k).contactSeq();
            phones[k] = session.phoneNumber();
            attempts[k] = session.attempt();
            numbers[k] = session.callerNumber();
            contexts[k] = JsonColumns.write(session.initialContext());
        }
        io.outbound.campaign.Campaign campaign = write.campaign();
        CampaignTable.Delta delta = write.delta();
        try (PreparedStatement statement = connection.prepareStatement(WRITE_CLAIM)) {
            int i = 0;
            statement.setLong(++i, campaign.id());
            statement.setString(++i, write.orgId());
            statement.setString(++i, write.nodeId());
            setInstant(statement, ++i, write.leaseUntil());
            setInstant(statement, ++i, started.get(0).session().startedAt());
            statement.setArray(++i, connection.createArrayOf("varchar", ids));
            statement.setArray(++i, connection.createArrayOf("int8", seqs));
            statement.setArray(++i, connection.createArrayOf("varchar", phones));
            statement.setArray(++i, connection.createArrayOf("int4", attempts));
            statement.setArray(++i, connection.createArrayOf("varchar", numbers));
            statement.setArray(++i, connection.createArrayOf("varchar", contexts));
            statement.setString(++i, write.orgId());
            statement.setArray(++i, connection.createArrayOf("varchar", numbers));
            statement.setArray(++i, connection.createArrayOf("varchar", ids));
            statement.setInt(++i, n);
            statement.setString(++i, write.orgId());
            statement.setLong(++i, delta.pending());
            statement.setLong(++i, delta.inProgress());
            statement.setLong(++i, delta.retryScheduled());
            statement.setLong(++i, write.freshClaimedThrough());
            statement.setInt(++i, n);
            statement.setLong(++i, campaign.id());
            statement.executeUpdate();
        }
    }

    @Override
    void writeOutcome(Connection connection, OutcomeWrite write, OutcomeWriter eachTable) throws SQLException {
        SessionTable.Ending ending = write.ending();
        io.outbound.campaign.Campaign campaign = write.campaign();
        CampaignTable.Delta delta = write.delta();
        try (PreparedStatement statement = connection.prepareStatement(WRITE_OUTCOME)) {
            int i = 0;
            statement.setString(++i, ending.outcome().name());
            statement.setBoolean(++i, ending.answered());
            setInstant(statement, ++i, ending.answeredAt());
            setInstant(statement, ++i, ending.endedAt());
            statement.setLong(++i, ending.durationSeconds());
            statement.setString(++i, ending.transcriptSummary());
            statement.setString(++i, ending.extractedDataJson());
            statement.setString(++i, ending.failureReason());
            statement.setBoolean(++i, ending.recovered());
            statement.setString(++i, write.sessionId());
            statement.setString(++i, write.sessionId());
            statement.setString(++i, write.orgId());
            statement.setString(++i, write.contactState());
            setInstant(statement, ++i, write.nextAttemptAt());
            statement.setString(++i, ending.outcome().name());
            statement.setBoolean(++i, write.reached());
            statement.setBoolean(++i, write.answered());
            statement.setLong(++i, campaign.id());
            statement.setLong(++i, write.contactSeq());
            statement.setLong(++i, delta.pending());
            statement.setLong(++i, delta.inProgress());
            statement.setLong(++i, delta.retryScheduled());
            statement.setLong(++i, delta.completed());
            statement.setLong(++i, delta.failed());
            statement.setLong(++i, delta.answered());
            statement.setInt(++i, write.consecutiveFailures());
            statement.setString(++i, campaign.status().name());
            statement.setString(++i, campaign.statusReason());
            setInstant(statement, ++i, campaign.updatedAt());
            setInstant(statement, ++i, campaign.completedAt());
            statement.setLong(++i, campaign.id());
            statement.executeUpdate();
        }
    }

    @Override
    ContactWriter contactWriter(Connection connection, long campaignId) throws SQLException {
        return PostgresCopyWriter.open(connection, campaignId);
    }

    private record Ranked(int rank, ClaimedContact contact) {
    }
}
