package io.outbound.campaign.jdbc;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.CallSessionStatus;
import io.outbound.campaign.rules.ContactFacts;
import io.outbound.campaign.rules.SessionEnd;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code call_sessions} table: reading and writing sessions. Standard SQL for every dialect, in
 * {@code sql/session-*.sql}.
 */
final class SessionTable {
    /** The columns of the model, for {@link SessionQueries}' assembled runs page. */
    static final String COLUMNS = "session_id, campaign_id, phone_number, attempt, status, outcome, answered,"
            + " caller_number, started_at, answered_at, ended_at, duration_seconds, transcript_summary,"
            + " extracted_data, initial_context, failure_reason, engine_ended_at, engine_end_reason";
    private final JdbcDialect dialect;
    private final SqlStatements sql;

    SessionTable(JdbcDialect dialect) {
        this.dialect = dialect;
        this.sql = dialect.statements();
    }

    /** A session with what the store keeps besides the model. */
    record Stored(CallSession session, String orgId, long contactSeq, String nodeId, boolean recovered,
                  boolean lateRecorded) {
    }

    Optional<Stored> find(Connection connection, String sessionId, boolean lock) throws SQLException {
        try (BoundStatement find = sql.prepare(connection, lock ? Sql.SESSION_LOCK : Sql.SESSION_FIND)) {
            find.set("sessionId", sessionId);
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
        return Optional.ofNullable(lockWithContacts(connection, contacts, List.of(sessionId)).get(sessionId));
    }

    /**
     * Sessions with their contacts, locked in session id order, by id; ids with no session are missing.
     *
     * @param ids the sessions, at most a few hundred (one placeholder each), at least one
     */
    java.util.Map<String, LockedCall> lockWithContacts(Connection connection, ContactTable contacts,
                                                      java.util.Collection<String> ids) throws SQLException {
        java.util.Map<String, LockedCall> locked = new java.util.HashMap<>();
        try (BoundStatement lock = sql.prepare(connection, Sql.SESSION_LOCK_ALL_WITH_CONTACTS, "sessionIds",
                ids.size())) {
            lock.setList("sessionIds", ids);
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

    void insert(Connection connection, String orgId, String nodeId, Instant leaseUntil, List<NewSession> sessions)
            throws SQLException {
        try (BoundStatement insert = sql.prepare(connection, Sql.SESSION_INSERT)) {
            for (NewSession s : sessions) {
                CallSession session = s.session();
                insert.set("sessionId", session.sessionId()).setLong("campaignId", session.campaignId())
                        .set("orgId", orgId).setLong("contactSeq", s.contactSeq())
                        .set("phoneNumber", session.phoneNumber()).setInt("attempt", session.attempt())
                        .set("callerNumber", session.callerNumber()).set("nodeId", nodeId)
                        .setInstant("leaseUntil", leaseUntil).setInstant("startedAt", session.startedAt())
                        .set("initialContext", JsonColumns.write(session.initialContext()));
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
        try (BoundStatement end = sql.prepare(connection, Sql.SESSION_END)) {
            for (java.util.Map.Entry<String, SessionEnd> each : endings.entrySet()) {
                SessionEnd ending = each.getValue();
                end.set("outcome", ending.outcome().name()).setBoolean("answered", ending.answered())
                        .setInstant("answeredAt", ending.answeredAt()).setInstant("endedAt", ending.endedAt())
                        .setLong("durationSeconds", ending.durationSeconds())
                        .set("transcriptSummary", ending.transcriptSummary())
                        .set("extractedData", JsonColumns.write(ending.extractedData()))
                        .set("failureReason", ending.failureReason()).setBoolean("recovered", ending.lost())
                        .setBoolean("lateRecorded", ending.late()).setInstant("engineEndedAt", ending.engineEndedAt())
                        .set("engineEndReason", ending.engineEndReason()).set("sessionId", each.getKey());
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
}
