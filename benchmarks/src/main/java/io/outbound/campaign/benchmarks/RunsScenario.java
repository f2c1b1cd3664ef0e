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
 * first by {@code started_at}) over a million sessions, against the bare SQL of the same page read backwards along
 * the {@code (campaign_id, started_at, session_seq)} index (what any offset pagination costs at least; the
 * column is {@code NOT NULL}, so the order is the same). The page's total, which {@code runs()} also returns, is
 * timed alone as {@code count_p50_ms} to show its share.
 */
final class RunsScenario implements Scenario {

    static final int FAR_PAGE = 1_000;
    private static final String PAGE_SQL = "SELECT session_id FROM call_sessions WHERE campaign_id = ?"
            + " ORDER BY started_at DESC, session_seq DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    private static final String COUNT_SQL = "SELECT count(*) FROM call_sessions WHERE campaign_id = ?";

    @Override
    public String name() {
        return "runs";
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        ScaleCampaign scale = ScaleCampaign.of(context);
        scale.seedSessions(context);
        // A runs() call costs up to a second at a million sessions (it counts and sorts them), hence 100 samples.
        int samples = context.settings().quick() ? 20 : 100;
        int limit = PageRequest.DEFAULT_LIMIT;
        // A quick run has a twentieth of the sessions, so its far page is a twentieth as far.
        int farPage = Math.max(1, Math.min(FAR_PAGE, scale.contacts() / limit));
        List<Figure> figures = new ArrayList<>();
        try (Connection c = scale.pool().getConnection()) {
            for (int page : new int[] {1, farPage}) {
                RunsQuery query = new RunsQuery(page, limit, null, "started_at", "desc");
                List<String> ids = new ArrayList<>();
                Latencies runs = Latencies.of(20, samples, () -> {
                    Page<CallSession> result = scale.engine().campaigns().runs(Engines.ORG, scale.campaignId(), query);
                    ids.clear();
                    result.items().forEach(s -> ids.add(s.sessionId()));
                });
                List<String> sqlIds = new ArrayList<>();
                Latencies sql;
                try (PreparedStatement select = c.prepareStatement(PAGE_SQL)) {
                    select.setLong(1, scale.campaignId());
                    select.setLong(2, (long) (page - 1) * limit);
                    select.setInt(3, limit);
                    sql = Latencies.of(20, samples, () -> {
                        sqlIds.clear();
                        try (ResultSet rows = select.executeQuery()) {
                            while (rows.next()) {
                                sqlIds.add(rows.getString(1));
                            }
                        }
                    });
                }
                if (!ids.equals(sqlIds) || ids.size() != limit) {
                    throw new IllegalStateException("page " + page + " of runs() differs from the SQL page");
                }
                String which = page == 1 ? "first_page" : "page_" + page;
                figures.add(Figure.against(name(), which + "_p50_ms", runs.p50Millis(), sql.p50Millis(), "ms"));
                figures.add(Figure.against(name(), which + "_p99_ms", runs.p99Millis(), sql.p99Millis(), "ms"));
            }
            try (PreparedStatement count = c.prepareStatement(COUNT_SQL)) {
                count.setLong(1, scale.campaignId());
                Latencies counting = Latencies.of(5, Math.max(10, samples / 4), () -> {
                    try (ResultSet row = count.executeQuery()) {
                        row.next();
                    }
                });
                figures.add(Figure.of(name(), "count_p50_ms", counting.p50Millis(), "ms"));
            }
        }
        figures.add(Figure.of(name(), "sessions", scale.contacts(), "sessions"));
        return figures;
    }
}
