package io.outbound.campaign.jdbc;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.rules.ContactFacts;
import io.outbound.campaign.rules.ContactState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The {@code campaign_contacts} rows as the rules see them ({@link ContactFacts}): read under lock, and written
 * back as a decision left them. Shared by outcomes, late outcomes and lease recovery so that all write a contact
 * the same way. Standard SQL for every dialect, in {@code sql/contact-lock.sql} and {@code sql/contact-write.sql}.
 */
final class ContactTable {
    private final JdbcDialect dialect;
    private final SqlStatements sql;

    ContactTable(JdbcDialect dialect) {
        this.dialect = dialect;
        this.sql = dialect.statements();
    }

    ContactFacts lock(Connection connection, long campaignId, long seq) throws SQLException {
        try (BoundStatement lock = sql.prepare(connection, Sql.CONTACT_LOCK)) {
            lock.setLong("campaignId", campaignId).setLong("seq", seq);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("contact " + seq + " of campaign " + campaignId + " is missing");
                }
                return read(row, "");
            }
        }
    }

    /**
     * A contact's facts from a row holding its columns {@code state, attempts, next_attempt_at, last_outcome,
     * reached, answered, last_session_id, note}, each column name after {@code prefix}.
     */
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
        try (BoundStatement write = sql.prepare(connection, Sql.CONTACT_WRITE)) {
            for (Write each : writes) {
                ContactFacts contact = each.contact();
                write.set("state", contact.state().name()).setInstant("nextAttemptAt", contact.nextAttemptAt())
                        .set("lastOutcome", contact.lastOutcome() == null ? null : contact.lastOutcome().name())
                        .setBoolean("reached", contact.reached()).setBoolean("answered", contact.answered())
                        .set("note", contact.note()).setLong("campaignId", each.campaignId())
                        .setLong("seq", each.seq());
                write.addBatch();
            }
            write.executeBatch();
        }
    }
}
