package io.outbound.campaign.jdbc;

import io.outbound.campaign.spi.ImportedContact;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * H2 2.x, the embedded default: contacts are claimed by a locking select and a batched update (round trips
 * cost nothing in process), and imports use batched inserts. Its own statements are in {@code sql/h2/}.
 */
public final class H2Dialect extends JdbcDialect {

    /** An H2 dialect. */
    public H2Dialect() {
    }

    @Override
    public String name() {
        return "H2";
    }

    @Override
    String directory() {
        return "h2";
    }

    @Override
    String campaignsTableName() {
        return "CAMPAIGNS";
    }

    @Override
    List<ClaimedContact> claimContacts(Connection connection, long campaignId, Instant now, int limit,
                                       long freshAfter) throws SQLException {
        SqlStatements sql = statements();
        List<ClaimedContact> claimed = new ArrayList<>(limit);
        try (BoundStatement due = sql.prepare(connection, Sql.CONTACT_PICK_DUE)) {
            due.setLong("campaignId", campaignId).setInstant("now", now).setInt("limit", limit);
            readPicked(due, claimed);
        }
        if (claimed.size() < limit) {
            try (BoundStatement fresh = sql.prepare(connection, Sql.CONTACT_PICK_FRESH)) {
                fresh.setLong("campaignId", campaignId).setLong("after", freshAfter)
                        .setInt("limit", limit - claimed.size());
                readPicked(fresh, claimed);
            }
        }
        if (!claimed.isEmpty()) {
            try (BoundStatement mark = sql.prepare(connection, Sql.CONTACT_MARK_CLAIMED)) {
                for (ClaimedContact contact : claimed) {
                    mark.setInt("attempts", contact.attempt()).set("sessionId", contact.sessionId())
                            .setLong("campaignId", campaignId).setLong("seq", contact.seq());
                    mark.addBatch();
                }
                mark.executeBatch();
            }
        }
        return claimed;
    }

    private void readPicked(BoundStatement pick, List<ClaimedContact> claimed) throws SQLException {
        try (ResultSet rows = pick.executeQuery()) {
            while (rows.next()) {
                claimed.add(new ClaimedContact(rows.getLong("seq"), getInstant(rows, "next_attempt_at"),
                        rows.getString("phone_number"), rows.getString("contact_values"),
                        rows.getInt("attempts") + 1, UUID.randomUUID().toString()));
            }
        }
    }

    @Override
    ContactWriter contactWriter(Connection connection, long campaignId) throws SQLException {
        BoundStatement insert = statements().prepare(connection, Sql.CONTACT_INSERT);
        return new ContactWriter() {
            @Override
            public void write(List<ImportedContact> batch) throws SQLException {
                for (ImportedContact contact : batch) {
                    insert.setLong("campaignId", campaignId).setLong("seq", contact.seq())
                            .set("phoneNumber", contact.phoneNumber())
                            .set("contactValues", JsonColumns.write(contact.values()))
                            .setInt("zone", contact.zone());
                    insert.addBatch();
                }
                insert.executeBatch();
            }

            @Override
            public void finish() throws SQLException {
                insert.close();
            }

            @Override
            public void abort() {
                try {
                    insert.close();
                } catch (SQLException e) {
                    // The transaction is rolled back next.
                }
            }
        };
    }
}
