package io.outbound.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.Page;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.spi.SessionQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Prints what a runs page costs over 300,000 sessions of one campaign, newest first: the store's page against the
 * statements it ran before (an exact count, then an ORDER BY whose NULLS clause kept the index from serving it),
 * on the same rows. Printed, never asserted on time: the machine is shared. It asserts that both return the same
 * page and the same total.
 */
class PostgresRunsPageFiguresTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private static final int SESSIONS = 300_000;
    private static final int LIMIT = PageRequest.DEFAULT_LIMIT;
    private static final int SAMPLES = 15;
    private static final String FORMER_COUNT = "SELECT COUNT(*) FROM call_sessions WHERE campaign_id = ?";
    private static final String FORMER_PAGE = "SELECT " + SessionTable.COLUMNS + " FROM call_sessions"
            + " WHERE campaign_id = ? ORDER BY started_at DESC NULLS LAST, session_seq DESC"
            + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";

    @Test
    void a_runs_page_newest_first_costs_an_index_read_instead_of_a_count_and_a_sort() throws Exception {
        DataSource dataSource = DATABASES.postgres(2);
        JdbcCampaignStore store = JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
        Campaign campaign = new StoreFixture(store).running("org-1", 10, 5);
        try (Connection c = dataSource.getConnection()) {
            SeededSessions.seed(c, campaign.id(), SESSIONS);
            SeededSessions.analyze(c);
        }

        for (int page : new int[] {1, 1_000}) {
            SessionQuery query = new SessionQuery(SessionQuery.Filter.none(), SessionQuery.Sort.STARTED_AT, true,
                    new PageRequest(page, LIMIT));
            List<String> now = new ArrayList<>();
            long[] total = new long[1];
            double after = p50Millis(() -> {
                Page<CallSession> result = store.sessions(campaign.id(), query);
                total[0] = result.total();
                now.clear();
                result.items().forEach(s -> now.add(s.sessionId()));
            });
            List<String> before = new ArrayList<>();
            long[] formerTotal = new long[1];
            double former;
            try (Connection c = dataSource.getConnection();
                 PreparedStatement count = c.prepareStatement(FORMER_COUNT);
                 PreparedStatement select = c.prepareStatement(FORMER_PAGE)) {
                former = p50Millis(() -> {
                    count.setLong(1, campaign.id());
                    try (ResultSet row = count.executeQuery()) {
                        row.next();
                        formerTotal[0] = row.getLong(1);
                    }
                    select.setLong(1, campaign.id());
                    select.setLong(2, (long) (page - 1) * LIMIT);
                    select.setInt(3, LIMIT);
                    before.clear();
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            before.add(rows.getString("session_id"));
                        }
                    }
                });
            }
            System.out.printf("runs over %,d sessions, page %,d newest first: p50 %.2f ms before, %.2f ms after%n",
                    SESSIONS, page, former, after);
            assertThat(now).hasSize(LIMIT).isEqualTo(before);
            assertThat(total[0]).isEqualTo(formerTotal[0]).isEqualTo(SESSIONS);
        }
    }

    /** The median of {@code SAMPLES} timed runs, after three untimed ones. */
    private static double p50Millis(Sample sample) throws SQLException {
        for (int i = 0; i < 3; i++) {
            sample.run();
        }
        long[] nanos = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            sample.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[SAMPLES / 2] / 1e6;
    }

    @FunctionalInterface
    private interface Sample {
        void run() throws SQLException;
    }
}
