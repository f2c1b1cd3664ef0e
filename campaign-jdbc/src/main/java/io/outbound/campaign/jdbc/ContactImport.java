package io.outbound.campaign.jdbc;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.spi.ContactSource;
import io.outbound.campaign.spi.ImportedContact;
import io.outbound.campaign.spi.NewCampaign;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code createCampaign}: inserts the campaign, streams its contacts through the dialect's writer batch by
 * batch (PostgreSQL {@code COPY}, batched inserts elsewhere), each with its zone, then sets its columns, summary,
 * zones and pending count and creates its {@code campaign_zones} rows ({@link ZonePointers}), all in the caller's
 * transaction, so a source that throws leaves nothing behind.
 */
final class ContactImport {
    private final JdbcDialect dialect;
    private final CampaignTable campaigns;
    private final ZonePointers zones;

    ContactImport(JdbcDialect dialect, CampaignTable campaigns, ZonePointers zones) {
        this.dialect = dialect;
        this.campaigns = campaigns;
        this.zones = zones;
    }

    Campaign create(Connection connection, NewCampaign campaign, ContactSource contacts) throws SQLException {
        long id = campaigns.insert(connection, campaign);
        campaigns.insertShards(connection, id);
        JdbcDialect.ContactWriter writer = dialect.contactWriter(connection, id);
        long[] written = {0};
        int[] zoneCount = {1};
        ContactSource.ImportResult result;
        try {
            result = contacts.drainTo(batch -> {
                for (ImportedContact contact : batch) {
                    if (contact.zone() < 0) {
                        throw new IllegalArgumentException("zone must not be negative, was " + contact.zone()
                                + " for contact " + contact.seq());
                    }
                    zoneCount[0] = Math.max(zoneCount[0], contact.zone() + 1);
                }
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
        campaigns.writeImport(connection, id, result.columns(), result.summary(), result.zones(), written[0]);
        // A row for every zone a contact names (at least the first), so that a claim passing over closed zones
        // reaches every open one.
        zones.insert(connection, id, Math.max(zoneCount[0], result.zones().size()));
        return campaigns.lock(connection, id).orElseThrow().campaign();
    }
}
