package io.outbound.campaign.benchmarks;

import io.outbound.campaign.CallSession;
import io.outbound.campaign.Page;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.RunsQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code runs}: p50 and p99 of the first page and of page 1,000 of {@code runs()} (50 sessions a page, newest
 * first by {@code started_at}) over a million sessions.
 *
 * <p>Baseline, in the same run on the same server and data: the same page fetched by hand on one connection of the
 * same pool, as the least any offset pagination with a total costs: the page's total read from the campaign's
 * session counter ({@code SELECT session_count FROM campaigns}, where {@code runs()} takes it too), then the page's
 * sessions, every column of them, read backwards along the {@code (campaign_id, started_at, session_seq)} index
 * ({@code started_at} is {@code NOT NULL}, so the order is the one {@code runs()} returns; the ids are checked to
 * be the same). The baseline reads every column value but builds no {@code CallSession}, does not look the
 * campaign up for its organisation and opens no read transaction, all of which {@code runs()} does. Both are
 * sampled {@link #SAMPLES} times, taking turns, so their p99s rest on the same number of samples.
 *
 * <p>A {@code count(*)} of the campaign's sessions is no longer timed: {@code runs()} stopped running one for an
 * unfiltered page when the store began keeping the count on the campaign's row.
 */
final class RunsScenario implements Scenario {

    static final int FAR_PAGE = 1_000;
    /** Samples of runs() and of its baseline, quick or full: enough for a p99 that is not the maximum. */
    static final int SAMPLES = Latencies.MIN_SAMPLES_FOR_P99;
    private static final String TOTAL_SQL = "SELECT session_count FROM campaigns WHERE id = ?";
    private static final String PAGE_SQL = "SELECT * FROM call_sessions WHERE campaign_id = ?"
            + " ORDER BY started_at DESC, session_seq DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";

    @Override
    public String name() {
        return "runs";
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        ScaleCampaign scale = ScaleCampaign.of(context);
        scale.seedSessions(context);
        int limit = PageRequest.DEFAULT_LIMIT;
        // A quick run has fewer sessions, so its far page is nearer (never beyond the last one).
        int farPage = Math.max(1, Math.min(FAR_PAGE, scale.contacts() / limit));
        List<Figure> figures = new ArrayList<>();
        try (Connection c = scale.pool().getConnection();
             PreparedStatement total = c.prepareStatement(TOTAL_SQL);
             PreparedStatement select = c.prepareStatement(PAGE_SQL)) {
            total.setLong(1, scale.campaignId());
            for (int page : new int[] {1, farPage}) {
                RunsQuery query = new RunsQuery(page, limit, null, "started_at", "desc");
                List<String> ids = new ArrayList<>();
                long[] totals = new long[2];
                List<String> sqlIds = new ArrayList<>();
                select.setLong(1, scale.campaignId());
                select.setLong(2, (long) (page - 1) * limit);
                select.setInt(3, limit);
                List<Latencies> latencies = Latencies.interleaved(20, SAMPLES,
                        () -> {
                            Page<CallSession> result =
                                    scale.engine().campaigns().runs(Engines.ORG, scale.campaignId(), query);
                            ids.clear();
                            result.items().forEach(s -> ids.add(s.sessionId()));
                            totals[0] = result.total();
                        },
                        () -> {
                            try (ResultSet row = total.executeQuery()) {
                                row.next();
                                totals[1] = row.getLong(1);
                            }
                            sqlIds.clear();
                            try (ResultSet rows = select.executeQuery()) {
                                int columns = rows.getMetaData().getColumnCount();
                                while (rows.next()) {
                                    for (int i = 1; i <= columns; i++) {
                                        rows.getObject(i);
                                    }
                                    sqlIds.add(rows.getString("session_id"));
                                }
                            }
                        });
                if (!ids.equals(sqlIds) || ids.size() != limit || totals[0] != totals[1]
                        || totals[0] != scale.contacts()) {
                    throw new IllegalStateException("page " + page + " of runs() (total " + totals[0]
                            + ") differs from the SQL page (total " + totals[1] + ")");
                }
                Latencies runs = latencies.get(0);
                Latencies sql = latencies.get(1);
                String which = page == 1 ? "first_page" : "page_" + page;
                figures.add(Figure.against(name(), which + "_p50_ms", runs.p50Millis(), sql.p50Millis(), "ms"));
                figures.add(Figure.against(name(), which + "_p99_ms", runs.p99Millis(), sql.p99Millis(), "ms"));
            }
        }
        figures.add(Figure.of(name(), "samples_each", SAMPLES, "calls"));
        figures.add(Figure.of(name(), "sessions", scale.contacts(), "sessions"));
        return figures;
    }
}
