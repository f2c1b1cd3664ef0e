package io.outbound.campaign.jdbc;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.CallSessionStatus;
import io.outbound.campaign.rules.ContactFacts;
import io.outbound.campaign.rules.SessionEnd;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code call_sessions} table: reading and writing sessions. Standard SQL for every dialect. */
final class SessionTable {
    static final String COLUMNS = "session_id, campaign_id, phone_number, attempt, status, outcome, answered,"
            + " caller_number, started_at, answered_at, ended_at, duration_seconds, transcript_summary,"
            + " extracted_data, initial_context, failure_reason, engine_ended_at, engine_end_reason";
    private static final String STORED_COLUMNS = COLUMNS + ", org_id, contact_seq, node_id, recovered, late_recorded";

    private static final String FIND = "SELECT " + STORED_COLUMNS + " FROM call_sessions WHERE session_id = ?";
    /** The session and its contact, both locked, in one round trip. */
    private static final String SELECT_WITH_CONTACT = "SELECT " + prefixed("s", STORED_COLUMNS) + ", "
            + java.util.Arrays.stream(ContactTable.FACTS.split(",")).map(c -> "c." + c.strip() + " AS contact_"
            + c.strip()).collect(java.util.stream.Collectors.joining(", "))
            + " FROM call_sessions s JOIN campaign_contacts c ON c.campaign_id = s.campaign_id AND c.seq = s.contact_seq";
    private static final String LOCK_WITH_CONTACT = SELECT_WITH_CONTACT + " WHERE s.session_id = ? FOR UPDATE";
    /** Several sessions with their contacts, locked in session id order (the order every operation locks them in). */
    private static final String LOCK_ALL_WITH_CONTACTS = SELECT_WITH_CONTACT
            + " WHERE s.session_id IN (%s) ORDER BY s.session_id FOR UPDATE";
    private static final String LOCK = FIND + " FOR UPDATE";
    private static final String INSERT = """
            INSERT INTO call_sessions (session_id, campaign_id, org_id, contact_seq, phone_number, attempt, status,
                                       caller_number, node_id, lease_until, started_at, initial_context)
            VALUES (?, ?, ?, ?, ?, ?, 'IN_PROGRESS', ?, ?, ?, ?, ?)
            """;
    /** Ends a session with its outcome; {@code late_recorded} is set by a late outcome only. */
    private static final String END = """
            UPDATE call_sessions SET status = 'ENDED', outcome = ?, answered = ?, answered_at = ?, ended_at = ?,
                                     duration_seconds = ?, transcript_summary = ?, extracted_data = ?,
                                     failure_reason = ?, lease_until = NULL, recovered = ?,
                                     late_recorded = ?, engine_ended_at = ?, engine_end_reason = ?
             WHERE session_id = ?
            """;

    private final JdbcDialect dialect;

    SessionTable(JdbcDialect dialect) {
        this.dialect = dialect;
    }

    /** A session with what the store keeps besides the model. */
    record Stored(CallSession session, String orgId, long contactSeq, String nodeId, boolean recovered,
                  boolean lateRecorded) {
    }

    Optional<Stored> find(Connection connection, String sessionId, boolean lock) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(lock ? LOCK : FIND)) {
            find.setString(1, sessionId);
            try (ResultSet row = find.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Stored(read(row), row.getString("org_id"), row.getLong("contact_seq"),
                        row.getString("node_id"), row.getBoolean("recovered"), row.getBoolean("late_recorded")));
            }
        }
    }

    /** A session and its contact, read under their locks. */
    record LockedCall(Stored stored, ContactFacts contact) {
    }

    Optional<LockedCall> lockWithContact(Connection connection, ContactTable contacts, String sessionId)
            throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_WITH_CONTACT)) {
            lock.setString(1, sessionId);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Stored stored = new Stored(read(row), row.getString("org_id"), row.getLong("contact_seq"),
                        row.getString("node_id"), row.getBoolean("recovered"), row.getBoolean("late_recorded"));
                return Optional.of(new LockedCall(stored, contacts.read(row, "contact_")));
            }
        }
    }

    /**
     * Sessions with their contacts, locked in session id order, by id; ids with no session are missing.
     *
     * @param ids the sessions, at most a few hundred (one placeholder each)
     */
    java.util.Map<String, LockedCall> lockWithContacts(Connection connection, ContactTable contacts,
                                                      java.util.Collection<String> ids) throws SQLException {
        java.util.Map<String, LockedCall> locked = new java.util.HashMap<>();
        String placeholders = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement lock = connection.prepareStatement(LOCK_ALL_WITH_CONTACTS.formatted(placeholders))) {
            int i = 0;
            for (String id : ids) {
                lock.setString(++i, id);
            }
            try (ResultSet row = lock.executeQuery()) {
                while (row.next()) {
                    Stored stored = new Stored(read(row), row.getString("org_id"), row.getLong("contact_seq"),
                            row.getString("node_id"), row.getBoolean("recovered"), row.getBoolean("late_recorded"));
                    locked.put(stored.session().sessionId(), new LockedCall(stored, contacts.read(row, "contact_")));
                }
            }
        }
        return locked;
    }

    static String prefixed(String alias, String columns) {
        return java.util.Arrays.stream(columns.split(","))
                .map(c -> alias + "." + c.strip())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    void insert(Connection connection, String orgId, String nodeId, Instant leaseUntil, List<NewSession> sessions)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (NewSession s : sessions) {
                CallSession session = s.session();
                insert.setString(1, session.sessionId());
                insert.setLong(2, session.campaignId());
                insert.setString(3, orgId);
                insert.setLong(4, s.contactSeq());
                insert.setString(5, session.phoneNumber());
                insert.setInt(6, session.attempt());
                insert.setString(7, session.callerNumber());
                insert.setString(8, nodeId);
                dialect.setInstant(insert, 9, leaseUntil);
                dialect.setInstant(insert, 10, session.startedAt());
                insert.setString(11, JsonColumns.write(session.initialContext()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** A session about to be inserted, with the contact it dials. */
    record NewSession(CallSession session, long contactSeq) {
    }

    /** Ends a session as decided; a session ending in flight frees its caller number with its status. */
    void end(Connection connection, String sessionId, SessionEnd ending) throws SQLException {
        endAll(connection, java.util.Map.of(sessionId, ending));
    }

    /** Ends sessions as decided, in one batch, in the order given. */
    void endAll(Connection connection, java.util.Map<String, SessionEnd> endings) throws SQLException {
        try (PreparedStatement end = connection.prepareStatement(END)) {
            for (java.util.Map.Entry<String, SessionEnd> each : endings.entrySet()) {
                SessionEnd ending = each.getValue();
                end.setString(1, ending.outcome().name());
                end.setBoolean(2, ending.answered());
                dialect.setInstant(end, 3, ending.answeredAt());
                dialect.setInstant(end, 4, ending.endedAt());
                end.setLong(5, ending.durationSeconds());
                setText(end, 6, ending.transcriptSummary());
                setText(end, 7, JsonColumns.write(ending.extractedData()));
                setText(end, 8, ending.failureReason());
                end.setBoolean(9, ending.lost());
                end.setBoolean(10, ending.late());
                dialect.setInstant(end, 11, ending.engineEndedAt());
                setText(end, 12, ending.engineEndReason());
                end.setString(13, each.getKey());
                end.addBatch();
            }
            end.executeBatch();
        }
    }

    CallSession read(ResultSet row) throws SQLException {
        String outcome = row.getString("outcome");
        return new CallSession(
                row.getString("session_id"),
                row.getLong("campaign_id"),
                row.getString("phone_number"),
                row.getInt("attempt"),
                CallSessionStatus.valueOf(row.getString("status")),
                outcome == null ? null : CallOutcome.valueOf(outcome),
                row.getBoolean("answered"),
                row.getString("caller_number"),
                dialect.getInstant(row, "started_at"),
                dialect.getInstant(row, "answered_at"),
                dialect.getInstant(row, "ended_at"),
                CampaignTable.getLong(row, "duration_seconds"),
                row.getString("transcript_summary"),
                JsonColumns.object(row.getString("extracted_data")),
                JsonColumns.textMap(row.getString("initial_context")),
                row.getString("failure_reason"),
                dialect.getInstant(row, "engine_ended_at"),
                row.getString("engine_end_reason"));
    }

    private static void setText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
