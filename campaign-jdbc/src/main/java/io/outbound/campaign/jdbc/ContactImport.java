package io.outbound.campaign.jdbc;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.spi.ContactSource;
import io.outbound.campaign.spi.NewCampaign;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code createCampaign}: inserts the campaign, streams its contacts through the dialect's writer batch by
 * batch (PostgreSQL {@code COPY}, batched inserts elsewhere), then sets its columns, summary and pending count,
 * all in the caller's transaction, so a source that throws leaves nothing behind.
 */
final class ContactImport {
    private final JdbcDialect dialect;
    private final CampaignTable campaigns;

    ContactImport(JdbcDialect dialect, CampaignTable campaigns) {
        this.dialect = dialect;
        this.campaigns = campaigns;
    }

    Campaign create(Connection connection, NewCampaign campaign, ContactSource contacts) throws SQLException {
        long id = campaigns.insert(connection, campaign);
        campaigns.insertShards(connection, id);
        JdbcDialect.ContactWriter writer = dialect.contactWriter(connection, id);
        long[] written = {0};
        ContactSource.ImportResult result;
        try {
            result = contacts.drainTo(batch -> {
                try {
                    writer.write(batch);
                    written[0] += batch.size();
                } catch (SQLException e) {
                    throw new Transactions.SqlFailure(e);
                }
            });
            writer.finish();
        } catch (SQLException | RuntimeException | Error e) {
            writer.abort();
            throw e;
        }
        // Counted from what was written, so that the counters always match the rows.
        campaigns.writeImport(connection, id, result.columns(), result.summary(), written[0]);
        return campaigns.lock(connection, id).orElseThrow().campaign();
    }
}
