package io.outbound.campaign.benchmarks;

import io.outbound.campaign.CampaignProgress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * {@code progress}: p50 and p99 of {@code progress()} on a campaign of a million contacts on PostgreSQL, against
 * counting its contacts per state ({@code count(*) ... group by}) on the same server. Target: p99 under 2 ms.
 * The p99 of a bare {@code SELECT 1} through the same pool, timed the same way, is the floor a shared machine
 * puts under any query's tail.
 */
final class ProgressScenario implements Scenario {

    static final double TARGET_P99_MILLIS = 2.0;
    private static final String GROUP_BY =
            "SELECT state, count(*) FROM campaign_contacts WHERE campaign_id = ? GROUP BY state";

    @Override
    public String name() {
        return "progress";
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        ScaleCampaign scale = ScaleCampaign.of(context);
        try (Connection c = scale.pool().getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE campaign_contacts");
        }
        long[] total = new long[1];
        Latencies progress = Latencies.of(500, context.size(5_000) + 100, () -> {
            CampaignProgress p = Engines.progress(scale.engine(), scale.campaignId());
            total[0] = p.totalContacts();
        });
        if (total[0] != scale.contacts()) {
            throw new IllegalStateException("progress counts " + total[0] + " contacts of " + scale.contacts());
        }
        long[] counted = new long[1];
        Latencies groupBy;
        try (Connection c = scale.pool().getConnection(); PreparedStatement count = c.prepareStatement(GROUP_BY)) {
            count.setLong(1, scale.campaignId());
            groupBy = Latencies.of(3, 50, () -> {
                long sum = 0;
                try (ResultSet rows = count.executeQuery()) {
                    while (rows.next()) {
                        sum += rows.getLong(2);
                    }
                }
                counted[0] = sum;
            });
        }
        if (counted[0] != scale.contacts()) {
            throw new IllegalStateException("group by counts " + counted[0] + " contacts of " + scale.contacts());
        }
        Latencies selectOne;
        try (Connection c = scale.pool().getConnection(); PreparedStatement one = c.prepareStatement("SELECT 1")) {
            selectOne = Latencies.of(500, context.size(5_000) + 100, () -> {
                try (ResultSet row = one.executeQuery()) {
                    row.next();
                }
            });
        }
        return List.of(
                Figure.against(name(), "p50_ms", progress.p50Millis(), groupBy.p50Millis(), "ms"),
                Figure.against(name(), "p99_ms", progress.p99Millis(), groupBy.p99Millis(), "ms")
                        .valueBelow(TARGET_P99_MILLIS),
                Figure.of(name(), "select_1_p50_ms", selectOne.p50Millis(), "ms"),
                Figure.of(name(), "select_1_p99_ms", selectOne.p99Millis(), "ms"),
                Figure.of(name(), "contacts", scale.contacts(), "contacts"));
    }
}
