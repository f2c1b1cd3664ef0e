package io.outbound.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.spi.SessionQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On H2, an ascending runs page in any sort is read in order from the sort's index, without sorting the
 * campaign's sessions. (H2 reads an index only forwards, so descending pages are still sorted there.) A list of an
 * organisation's campaigns by status reads only those campaigns, through their index.
 */
class H2QueryPlanTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private static final String SESSIONS = """
            INSERT INTO call_sessions (session_id, campaign_id, org_id, contact_seq, phone_number, attempt, status,
                                       outcome, started_at, ended_at, duration_seconds)
            SELECT 's' || X, 1 + MOD(X, 2), 'org-1', X, '+1415' || MOD(X * 7919, 100000), 1 + MOD(X, 3), 'ENDED',
                   CASE WHEN MOD(X, 100) = 0 THEN NULL ELSE 'BUSY' END,
                   TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00' + MOD(X * 7919, 40000) * INTERVAL '1' SECOND,
                   CASE WHEN MOD(X, 100) = 0 THEN NULL
                        ELSE TIMESTAMP WITH TIME ZONE '2026-01-01 00:01:00+00' + MOD(X * 7919, 40000) * INTERVAL '1' SECOND END,
                   CASE WHEN MOD(X, 100) = 0 THEN NULL ELSE MOD(X, 600) END
              FROM SYSTEM_RANGE(1, 40000)
            """;

    @Test
    void a_list_by_status_reads_the_organisations_campaigns_of_those_statuses_through_their_index() throws Exception {
        DataSource dataSource = DATABASES.h2(2);
        JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO campaigns (org_id, name, workflow_id, contacts_file_key, max_concurrency, status,
                                           created_at, updated_at)
                    SELECT CASE WHEN MOD(X, 4) = 0 THEN 'org-2' ELSE 'org-1' END, 'seeded ' || X, 247, 'contacts.csv',
                           5, CASE WHEN MOD(X, 200) = 1 THEN 'RUNNING' WHEN MOD(X, 200) = 2 THEN 'PAUSED'
                                   ELSE 'COMPLETED' END,
                           TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00',
                           TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'
                      FROM SYSTEM_RANGE(1, 40000)
                    """);
            s.execute("ANALYZE");
        }

        List<String> values = JdbcCampaignStore.statusParameters(EnumSet.of(CampaignStatus.RUNNING,
                CampaignStatus.PAUSED));
        String list = StatementTexts.h2ByStatus(Sql.CAMPAIGN_LIST_BY_STATUS);
        for (String sql : List.of(list, StatementTexts.h2ByStatus(Sql.CAMPAIGN_COUNT_BY_STATUS))) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement explain = c.prepareStatement("EXPLAIN " + sql)) {
                explain.setString(1, "org-1");
                for (int i = 0; i < values.size(); i++) {
                    explain.setString(2 + i, values.get(i));
                }
                if (sql.equals(list)) {
                    explain.setLong(2 + values.size(), 0);
                    explain.setInt(3 + values.size(), 50);
                }
                try (ResultSet plan = explain.executeQuery()) {
                    plan.next();
                    assertThat(plan.getString(1)).as(sql).contains("PUBLIC.CAMPAIGNS_ORG_STATUS_IDX");
                }
            }
        }
    }

    @Test
    void every_ascending_runs_sort_reads_its_page_from_the_sort_index() throws Exception {
        DataSource dataSource = DATABASES.h2(2);
        JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(SESSIONS);
            s.execute("ANALYZE");
        }

        for (SessionQuery.Sort sort : SessionQuery.Sort.values()) {
            String sql = StatementTexts.runsPage(sort, false);
            try (Connection c = dataSource.getConnection();
                 PreparedStatement explain = c.prepareStatement("EXPLAIN " + sql)) {
                explain.setLong(1, 1);
                explain.setLong(2, 0);
                explain.setInt(3, 50);
                try (ResultSet plan = explain.executeQuery()) {
                    plan.next();
                    String index = "CALL_SESSIONS_" + SessionQueries.column(sort).toUpperCase(Locale.ROOT)
                            .replace("_AT", "").replace("_NUMBER", "").replace("_SECONDS", "") + "_IDX";
                    assertThat(plan.getString(1)).as("%s ascending", sort)
                            .contains("PUBLIC." + index).contains("/* index sorted */");
                }
            }
        }
    }
}
