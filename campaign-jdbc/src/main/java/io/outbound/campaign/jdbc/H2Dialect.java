package io.outbound.campaign.jdbc;

import io.outbound.campaign.spi.ImportedContact;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

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
    ContactWriter contactWriter(Connection connection, long campaignId) throws SQLException {
        BoundStatement insert = statements().prepare(connection, Sql.CONTACT_INSERT);
        return new ContactWriter() {
            @Override
            public void write(List<ImportedContact> batch) throws SQLException {
                for (ImportedContact contact : batch) {
                    insert.setLong("campaignId", campaignId).setLong("seq", contact.seq())
                            .set("phoneNumber", contact.phoneNumber())
                            .set("contactValues", JsonColumns.stringArray(contact.values()))
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
