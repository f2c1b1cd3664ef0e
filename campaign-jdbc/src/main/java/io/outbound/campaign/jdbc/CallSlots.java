package io.outbound.campaign.jdbc;

import io.outbound.campaign.CallOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * What ending a call frees and moves besides the session: the caller number it held, the organisation's slot,
 * and its contact's row. Shared by outcomes and lease recovery so that both move them the same way.
 */
final class CallSlots {
    static final String RELEASE_NUMBER = "DELETE FROM caller_number_holds WHERE session_id = ?";
    private static final String RELEASE_ORG_SLOTS =
            "UPDATE org_call_slots SET in_flight = in_flight - ? WHERE org_id = ?";
    private static final String LOCK_CONTACT = """
            SELECT state, reached, answered, last_outcome, last_session_id FROM campaign_contacts
             WHERE campaign_id = ? AND seq = ? FOR UPDATE
            """;
    private static final String WRITE_CONTACT = """
            UPDATE campaign_contacts SET state = ?, next_attempt_at = ?, last_outcome = ?, reached = ?, answered = ?
             WHERE campaign_id = ? AND seq = ?
            """;

    /** A late outcome's write: the contact's retry, if one waits, keeps its due instant. */
    private static final String WRITE_LATE_CONTACT = """
            UPDATE campaign_contacts SET state = ?, last_outcome = ?, reached = ?, answered = ?
             WHERE campaign_id = ? AND seq = ?
            """;

    private final JdbcDialect dialect;

    CallSlots(JdbcDialect dialect) {
        this.dialect = dialect;
    }

    /** A contact row as an outcome sees it. */
    record Contact(String state, boolean reached, boolean answered, String lastOutcome, String lastSessionId) {
    }

    /** Frees the caller number the session holds, if any. */
    void releaseNumber(Connection connection, String sessionId) throws SQLException {
        try (PreparedStatement release = connection.prepareStatement(RELEASE_NUMBER)) {
            release.setString(1, sessionId);
            release.executeUpdate();
        }
    }

    void releaseOrgSlots(Connection connection, String orgId, int count) throws SQLException {
        try (PreparedStatement release = connection.prepareStatement(RELEASE_ORG_SLOTS)) {
            release.setInt(1, count);
            release.setString(2, orgId);
            release.executeUpdate();
        }
    }

    Contact lockContact(Connection connection, long campaignId, long seq) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_CONTACT)) {
            lock.setLong(1, campaignId);
            lock.setLong(2, seq);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("contact " + seq + " of campaign " + campaignId + " is missing");
                }
                return new Contact(row.getString("state"), row.getBoolean("reached"), row.getBoolean("answered"),
                        row.getString("last_outcome"), row.getString("last_session_id"));
            }
        }
    }

    /** Writes what a late outcome changes on its contact, leaving {@code next_attempt_at} as it is. */
    void writeLateContact(Connection connection, long campaignId, long seq, String state, CallOutcome lastOutcome,
                          boolean reached, boolean answered) throws SQLException {
        try (PreparedStatement write = connection.prepareStatement(WRITE_LATE_CONTACT)) {
            write.setString(1, state);
            write.setString(2, lastOutcome == null ? null : lastOutcome.name());
            write.setBoolean(3, reached);
            write.setBoolean(4, answered);
            write.setLong(5, campaignId);
            write.setLong(6, seq);
            write.executeUpdate();
        }
    }

    void writeContact(Connection connection, long campaignId, long seq, String state, Instant nextAttemptAt,
                      CallOutcome lastOutcome, boolean reached, boolean answered) throws SQLException {
        try (PreparedStatement write = connection.prepareStatement(WRITE_CONTACT)) {
            write.setString(1, state);
            dialect.setInstant(write, 2, nextAttemptAt);
            write.setString(3, lastOutcome == null ? null : lastOutcome.name());
            write.setBoolean(4, reached);
            write.setBoolean(5, answered);
            write.setLong(6, campaignId);
            write.setLong(7, seq);
            write.executeUpdate();
        }
    }
}
