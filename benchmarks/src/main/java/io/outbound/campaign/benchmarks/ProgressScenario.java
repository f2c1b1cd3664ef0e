package io.outbound.campaign.benchmarks;

import io.outbound.campaign.CampaignProgress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * {@code progress}: p50 and p99 of {@code progress()} on a campaign of a million contacts on PostgreSQL. Target:
 * p99 under 2 ms.
 *
 * <p>Baseline, in the same run on the same server and data: counting the campaign's contacts per state
 * ({@code SELECT state, count(*) ... GROUP BY state}), what a progress read costs without the counters the store
 * keeps on the campaign's row. It answers the same question (how many contacts in each state) with one statement
 * on a connection of the same pool; it does not check the organisation, open a transaction or build a
 * {@code CampaignProgress}, which {@code progress()} does. Both are sampled the same number of times
 * ({@link #SAMPLES}, {@link #QUICK_SAMPLES} in a quick run), taking turns, so their p99s rest on the same number
 * of samples (at 500 the p99 is the 5th slowest, never the maximum) and on the same moments of a shared machine.
 * That costs the full run about 90 s of {@code count(*)} at a million contacts.
 *
 * <p>Beside them, {@code select_1_p50_ms} and {@code select_1_p99_ms}: a bare {@code SELECT 1} through the same
 * pool, sampled in the same turns. They measure the machine, not the product: the floor a shared machine puts
 * under any query's tail. No baseline.
 */
final class ProgressScenario implements Scenario {

    static final double TARGET_P99_MILLIS = 2.0;
    /** Samples of each of progress(), the group-by and SELECT 1 in a full run. */
    static final int SAMPLES = 500;
    /** ...and in a quick run: still enough for a p99 that is not the maximum. */
    static final int QUICK_SAMPLES = 200;
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
        int samples = context.settings().quick() ? QUICK_SAMPLES : SAMPLES;
        // progress() is cheap: warm its code up on its own, untimed, before the turns begin.
        for (int i = 0; i < 500; i++) {
            Engines.progress(scale.engine(), scale.campaignId());
        }
        long[] total = new long[1];
        long[] counted = new long[1];
        List<Latencies> latencies;
        try (Connection c = scale.pool().getConnection();
             PreparedStatement count = c.prepareStatement(GROUP_BY);
             PreparedStatement one = c.prepareStatement("SELECT 1")) {
            count.setLong(1, scale.campaignId());
            latencies = Latencies.interleaved(5, samples,
                    () -> {
                        CampaignProgress p = Engines.progress(scale.engine(), scale.campaignId());
                        total[0] = p.totalContacts();
                    },
                    () -> {
                        long sum = 0;
                        try (ResultSet rows = count.executeQuery()) {
                            while (rows.next()) {
                                sum += rows.getLong(2);
                            }
                        }
                        counted[0] = sum;
                    },
                    () -> {
                        try (ResultSet row = one.executeQuery()) {
                            row.next();
                        }
                    });
        }
        if (total[0] != scale.contacts()) {
            throw new IllegalStateException("progress counts " + total[0] + " contacts of " + scale.contacts());
        }
        if (counted[0] != scale.contacts()) {
            throw new IllegalStateException("group by counts " + counted[0] + " contacts of " + scale.contacts());
        }
        Latencies progress = latencies.get(0);
        Latencies groupBy = latencies.get(1);
        Latencies selectOne = latencies.get(2);
        return List.of(
                Figure.against(name(), "p50_ms", progress.p50Millis(), groupBy.p50Millis(), "ms"),
                Figure.against(name(), "p99_ms", progress.p99Millis(), groupBy.p99Millis(), "ms")
                        .valueBelow(TARGET_P99_MILLIS),
                Figure.of(name(), "samples_each", samples, "calls"),
                Figure.of(name(), "select_1_p50_ms", selectOne.p50Millis(), "ms"),
                Figure.of(name(), "select_1_p99_ms", selectOne.p99Millis(), "ms"),
                Figure.of(name(), "contacts", scale.contacts(), "contacts"));
    }
}
