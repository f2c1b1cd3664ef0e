package io.outbound.campaign.jdbc;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.rules.ContactFacts;
import io.outbound.campaign.rules.ContactState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The {@code campaign_contacts} rows as the rules see them ({@link ContactFacts}): read under lock, and written
 * back as a decision left them. Shared by outcomes, late outcomes and lease recovery so that all write a contact
 * the same way. Standard SQL for every dialect.
 */
final class ContactTable {
    /** The columns of a contact's facts, for a query's select list. */
    static final String FACTS = "state, attempts, next_attempt_at, last_outcome, reached, answered, last_session_id,"
            + " note";

    private static final String LOCK = "SELECT " + FACTS + " FROM campaign_contacts WHERE campaign_id = ? AND seq = ?"
            + " FOR UPDATE";
    private static final String WRITE = """
            UPDATE campaign_contacts SET state = ?, next_attempt_at = ?, last_outcome = ?, reached = ?, answered = ?,
                                         note = ?
             WHERE campaign_id = ? AND seq = ?
            """;

    private final JdbcDialect dialect;

    ContactTable(JdbcDialect dialect) {
        this.dialect = dialect;
    }

    ContactFacts lock(Connection connection, long campaignId, long seq) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setLong(1, campaignId);
            lock.setLong(2, seq);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("contact " + seq + " of campaign " + campaignId + " is missing");
                }
                return read(row, "");
            }
        }
    }

    /** A contact's facts from a row holding {@link #FACTS}, each column name after {@code prefix}. */
    ContactFacts read(ResultSet row, String prefix) throws SQLException {
        String lastOutcome = row.getString(prefix + "last_outcome");
        return new ContactFacts(ContactState.parse(row.getString(prefix + "state")), row.getInt(prefix + "attempts"),
                dialect.getInstant(row, prefix + "next_attempt_at"),
                lastOutcome == null ? null : CallOutcome.valueOf(lastOutcome), row.getBoolean(prefix + "reached"),
                row.getBoolean(prefix + "answered"), row.getString(prefix + "last_session_id"),
                row.getString(prefix + "note"));
    }

    /**
     * Writes what an outcome, a late outcome, a lease expiry or a claim's rules (skipped, held) decided about a
     * contact (its attempts and latest session are the claim's to move).
     */
    void write(Connection connection, long campaignId, long seq, ContactFacts contact) throws SQLException {
        writeAll(connection, List.of(new Write(campaignId, seq, contact)));
    }

    /** A contact's row and what to write there. */
    record Write(long campaignId, long seq, ContactFacts contact) {
    }

    /** Writes several contacts in one batch, in the order given. */
    void writeAll(Connection connection, List<Write> writes) throws SQLException {
        try (PreparedStatement write = connection.prepareStatement(WRITE)) {
            for (Write each : writes) {
                ContactFacts contact = each.contact();
                write.setString(1, contact.state().name());
                dialect.setInstant(write, 2, contact.nextAttemptAt());
                write.setString(3, contact.lastOutcome() == null ? null : contact.lastOutcome().name());
                write.setBoolean(4, contact.reached());
                write.setBoolean(5, contact.answered());
                write.setString(6, contact.note());
                write.setLong(7, each.campaignId());
                write.setLong(8, each.seq());
                write.addBatch();
            }
            write.executeBatch();
        }
    }
}
