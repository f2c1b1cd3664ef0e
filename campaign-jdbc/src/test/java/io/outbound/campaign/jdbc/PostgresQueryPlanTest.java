package io.outbound.campaign.jdbc;

import static io.outbound.campaign.jdbc.StoreFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The statements that run on every dispatch pass reach their rows through an index, so that their cost does
 * not grow with the campaign: claiming and finding expired leases. (Progress reads the campaign's own row.)
 */
class PostgresQueryPlanTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @Test
    void claiming_and_lease_recovery_use_indexes_on_a_large_campaign() throws Exception {
        DataSource dataSource = DATABASES.postgres(2);
        JdbcCampaignStore store = JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
        StoreFixture fixture = new StoreFixture(store);
        fixture.running("org-2", 20_000, 5);
        Campaign campaign = fixture.running("org-1", 50_000, 50);
        for (CallSession call : fixture.claim(campaign, T0, 50).calls()) {
            fixture.report(call.sessionId(), call.phoneNumber().endsWith("0") ? CallOutcome.BUSY : CallOutcome.COMPLETED,
                    T0.plusSeconds(30));
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }

        String claimPlan = plan(dataSource, "EXPLAIN " + PostgresDialect.CLAIM, campaign.id(), true);
        String leasePlan = plan(dataSource, "EXPLAIN " + SessionLeases.EXPIRED_CAMPAIGNS, campaign.id(), false);

        assertThat(claimPlan).doesNotContain("Seq Scan on campaign_contacts").contains("campaign_contacts_retry_idx");
        // A few dozen sessions are cheaper to scan than to look up: ask whether the index serves the query at all.
        // (Either partial index of sessions in flight serves it: both hold only the few rows in flight.)
        assertThat(leasePlan).containsPattern("Index Scan using call_sessions_(lease|node)_idx")
                .doesNotContain("Seq Scan");
    }

    private static String plan(DataSource dataSource, String explain, long campaignId, boolean claim) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(explain)) {
            if (!claim) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET enable_seqscan = off");
                }
            }
            OffsetDateTime now = OffsetDateTime.ofInstant(T0.plusSeconds(60), ZoneOffset.UTC);
            if (claim) {
                p.setLong(1, campaignId);
                p.setObject(2, now);
                p.setInt(3, 10);
                p.setLong(4, campaignId);
                p.setLong(5, 50);
                p.setInt(6, 10);
                p.setInt(7, 10);
                p.setLong(8, campaignId);
            } else if (explain.contains("lease_until")) {
                p.setObject(1, now);
            } else {
                p.setLong(1, campaignId);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = p.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("RESET enable_seqscan");
            }
            return plan.toString();
        }
    }
}
