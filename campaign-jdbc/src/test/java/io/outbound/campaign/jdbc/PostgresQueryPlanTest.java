package io.outbound.campaign.jdbc;

import static io.outbound.campaign.jdbc.StoreFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ContactRules;
import io.outbound.campaign.ImportSummary;
import io.outbound.campaign.spi.CampaignChange;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.ClaimRules;
import io.outbound.campaign.spi.ContactSource;
import io.outbound.campaign.spi.ImportedContact;
import io.outbound.campaign.spi.NewCampaign;
import io.outbound.campaign.spi.SessionQuery;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The statements that run on every dispatch pass reach their rows through an index, so that their cost does
 * not grow with the campaign: claiming and finding expired leases; so does finding the undialled sessions of a
 * campaign leaving running. (Progress reads the campaign's own row.) A
 * runs page, in every sort and both directions, reads its rows from the sort's index rather than sorting the
 * campaign's sessions. What a dashboard polls does not grow with the campaign either: activity over a window at
 * either end of a campaign, and the organisation's campaigns of some statuses.
 */
class PostgresQueryPlanTest {
    private static final String STARTED = StatementTexts.postgres(Sql.ACTIVITY_STARTED);
    private static final String ENDED = StatementTexts.postgres(Sql.ACTIVITY_ENDED);
    private static final String BOUNDS = StatementTexts.postgres(Sql.ACTIVITY_BOUNDS);
    private static final String IN_FLIGHT_COUNTED_BEFORE =
            StatementTexts.postgres(Sql.ACTIVITY_IN_FLIGHT_COUNTED_BEFORE);
    private static final String IN_FLIGHT_COUNTED_AFTER =
            StatementTexts.postgres(Sql.ACTIVITY_IN_FLIGHT_COUNTED_AFTER);
    private static final String LIST_BY_STATUS = StatementTexts.postgresByStatus(Sql.CAMPAIGN_LIST_BY_STATUS);
    private static final String COUNT_BY_STATUS = StatementTexts.postgresByStatus(Sql.CAMPAIGN_COUNT_BY_STATUS);

    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @Test
    void claiming_and_returning_undialled_sessions_use_indexes_on_a_large_campaign() throws Exception {
        DataSource dataSource = DATABASES.postgres(2);
        JdbcCampaignStore store = JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
        StoreFixture fixture = new StoreFixture(store);
        fixture.running("org-2", 20_000, 5);
        Campaign campaign = fixture.running("org-1", 50_000, 50);
        for (CallSession call : fixture.claim(campaign, T0, 50).calls()) {
            fixture.report(call.sessionId(), call.phoneNumber().endsWith("0") ? CallOutcome.BUSY : CallOutcome.COMPLETED,
                    T0.plusSeconds(30));
        }
        fixture.claim(campaign, T0.plusSeconds(40), 10);   // in flight, undialled
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }

        String claimPlan = plan(dataSource, "EXPLAIN " + StatementTexts.postgres(Sql.CONTACT_CANDIDATES_DUE),
                campaign.id(), true);
        String undialledPlan = plan(dataSource, "EXPLAIN " + StatementTexts.postgres(Sql.SESSION_LOCK_UNDIALLED_OF_CAMPAIGN),
                campaign.id(), false);

        assertThat(claimPlan).doesNotContain("Seq Scan on campaign_contacts").contains("campaign_contacts_retry_idx");
        // Its sessions come from a partial index of sessions in flight (plain or bitmap scan), its contacts by key.
        assertThat(undialledPlan).containsPattern("Index Scan (using|on) call_sessions_(lease|node|caller_number)_idx")
                .doesNotContain("Seq Scan");
    }

    /**
     * While a zone is closed, a claim reads the open zones' pending contacts along the primary key and passes over
     * the closed zone's on the way. The file here: ten contacts of zone 2, 20,000 of zone 1 (closed), 2,000 of
     * zone 0, then 20,000 more of zone 1. The first claim takes zone 2's ten and passes over zone 1's first run to
     * take zone 0's first five; both open zones' positions move past that run, so the next read finds its batch
     * without passing over it again (zone 2's own last contact was the tenth). Once both open zones have nothing
     * pending left, the next read reads nothing at all, not the second run.
     */
    @Test
    void a_claim_while_a_zone_is_closed_passes_over_its_contacts_once_and_not_on_every_claim() throws Exception {
        DataSource dataSource = DATABASES.postgres(2);
        JdbcCampaignStore store = JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
        int[] zones = new int[10 + 20_000 + 2_000 + 20_000];
        java.util.Arrays.fill(zones, 0, 10, 2);
        java.util.Arrays.fill(zones, 10, 20_010, 1);
        java.util.Arrays.fill(zones, 22_010, zones.length, 1);
        Campaign campaign = store.updateCampaign("org-1", store.createCampaign(new NewCampaign("org-1", "zoned", 247,
                        "contacts.csv", 5_000, null, null, null, null, T0, ContactRules.DEFAULT), zoned(zones)).id(),
                c -> CampaignChange.none(c).toStatus(CampaignStatus.RUNNING, null, T0));
        ClaimRules zoneOneClosed = new ClaimRules(List.of(ClaimRules.ZoneRule.OPEN,
                ClaimRules.ZoneRule.closedUntil(T0.plusSeconds(3600), List.of(), null)), List.of(), false);

        List<CallSession> first = claim(store, campaign, 15, zoneOneClosed);
        assertThat(first).extracting(CallSession::phoneNumber)
                .containsExactlyElementsOf(java.util.stream.IntStream.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20_011,
                        20_012, 20_013, 20_014, 20_015).mapToObj(StoreFixture::phone).toList());
        assertThat(passedOver(dataSource, campaign, 50)).as("rows passed over by the next claim's read").isZero();

        int taken = first.size();
        List<CallSession> batch;
        do {
            batch = claim(store, campaign, 500, zoneOneClosed);
            taken += batch.size();
        } while (batch.size() == 500);
        assertThat(taken).as("every contact of zones 0 and 2").isEqualTo(2_010);
        assertThat(claim(store, campaign, 500, zoneOneClosed)).isEmpty();
        assertThat(passedOver(dataSource, campaign, 50)).as("rows read once zones 0 and 2 ran out").isZero();
    }

    private static List<CallSession> claim(JdbcCampaignStore store, Campaign campaign, int max, ClaimRules rules) {
        return store.claim(new ClaimRequest(campaign.id(), "node-1", T0, T0.plus(StoreFixture.LEASE), max,
                Integer.MAX_VALUE, StoreFixture.numbers(100), 100, rules)).calls();
    }

    /** Contact {@code i + 1} in zone {@code zones[i]}, numbered as {@link StoreFixture#phone}. */
    private static ContactSource zoned(int[] zones) {
        return sink -> {
            List<ImportedContact> batch = new java.util.ArrayList<>();
            for (int i = 0; i < zones.length; i++) {
                batch.add(new ImportedContact(i + 1, StoreFixture.phone(i + 1), List.of("c"), zones[i]));
                if (batch.size() == 1000 || i == zones.length - 1) {
                    sink.accept(List.copyOf(batch));
                    batch.clear();
                }
            }
            return new ContactSource.ImportResult(List.of("name"),
                    new ImportSummary(zones.length, zones.length, 0, 0, List.of()),
                    List.of("America/New_York", "America/Los_Angeles", "America/Chicago"));
        };
    }

    /**
     * The rows the fresh read of a claim with zone 1 closed passes over (read and filtered out) from where the store
     * left the open zones 0 and 2: the lower of the two, each the greater of the campaign's and the zone's own
     * position, as {@link ContactPicker} reads them.
     */
    private static long passedOver(DataSource dataSource, Campaign campaign, int limit) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            long after;
            try (PreparedStatement position = c.prepareStatement("SELECT MIN(GREATEST(k.fresh_claimed_through,"
                    + " z.fresh_claimed_through)) FROM campaigns k JOIN campaign_zones z ON z.campaign_id = k.id"
                    + " WHERE k.id = ? AND z.zone IN (0, 2)")) {
                position.setLong(1, campaign.id());
                try (ResultSet row = position.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    after = row.getLong(1);
                }
            }
            c.setAutoCommit(false);
            try (PreparedStatement read = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) "
                    + StatementTexts.postgres(Sql.CONTACT_CANDIDATES_FRESH_IN_ZONES, "zones", 2))) {
                read.setLong(1, campaign.id());
                read.setLong(2, after);
                read.setInt(3, 0);
                read.setInt(4, 2);
                read.setInt(5, limit);
                String plan = lines(read);
                c.rollback();
                assertThat(plan).contains("campaign_contacts_pkey").doesNotContain("Seq Scan");
                java.util.regex.Matcher removed = java.util.regex.Pattern
                        .compile("\"Rows Removed by Filter\": (\\d+)").matcher(plan);
                long total = 0;
                while (removed.find()) {
                    total += Long.parseLong(removed.group(1));
                }
                return total;
            }
        }
    }

    /**
     * A campaign claimed right after its import, before the database's own analyze has run (here it never runs:
     * autovacuum is off for the table): the store refreshed the statistics itself, so the planner walks the
     * primary key from the claim position and stops after the batch. Without them it estimated a row or two,
     * read every contact after the position and sorted them on disk (150 ms a claim at 50,000 contacts).
     */
    @Test
    void a_claim_right_after_an_import_reads_its_batch_in_key_order_without_sorting_the_campaign() throws Exception {
        DataSource dataSource = DATABASES.postgres(2);
        JdbcCampaignStore store = JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE campaign_contacts SET (autovacuum_enabled = false)");
            assertFreePlanner(c);
        }
        StoreFixture fixture = new StoreFixture(store);
        Campaign campaign = fixture.running("org-1", 50_000, 50);

        try (Connection c = dataSource.getConnection();
             PreparedStatement fresh = c.prepareStatement(
                     "EXPLAIN (ANALYZE) " + StatementTexts.postgres(Sql.CONTACT_CANDIDATES_FRESH))) {
            c.setAutoCommit(false);
            fresh.setLong(1, campaign.id());
            fresh.setLong(2, 100);
            fresh.setInt(3, 100);
            String plan = lines(fresh);
            c.rollback();
            assertThat(plan).contains("Index Scan using campaign_contacts_pkey").doesNotContain("Sort");
        }
    }

    /**
     * The statements about one session (a handover marking it dialled, a return finding and locking it while it is
     * undialled) reach it by its primary key, however many sessions are in flight and whatever the statistics say.
     * Statistics taken while nothing was in flight (autovacuum analyses the table whenever enough of it changed,
     * between campaigns as often as not) make the partial indexes of sessions in flight look empty; a statement that
     * named {@code status = 'IN_PROGRESS'} let the planner pick one of them and read every session in flight to find
     * one (seen in the {@code dispatch-jdbc} benchmark: a handover reading about 40 buffers, and at 300 in flight
     * here, 300 index entries).
     */
    @Test
    void one_sessions_statements_reach_it_by_its_key_when_statistics_say_nothing_is_in_flight() throws Exception {
        DataSource dataSource = DATABASES.postgres(2);
        JdbcCampaignStore store = JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
        StoreFixture fixture = new StoreFixture(store);
        Campaign campaign = fixture.running("org-1", 600, 300);
        List<String> callerNumbers = StoreFixture.numbers(300);
        for (CallSession call : fixture.claim(campaign, T0, 300, callerNumbers, 1).calls()) {
            fixture.report(call.sessionId(), CallOutcome.COMPLETED, T0.plusSeconds(30));
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");                            // nothing in flight
        }
        List<CallSession> inFlight = fixture.claim(campaign, T0.plusSeconds(60), 300, callerNumbers, 1).calls();
        assertThat(inFlight).hasSize(300);
        String sessionId = inFlight.get(150).sessionId();

        for (Sql statement : List.of(Sql.SESSION_HAND_OVER, Sql.SESSION_HAND_OVER_UNLESS_SUPPRESSED,
                Sql.SESSION_CAMPAIGN_OF_UNDIALLED, Sql.SESSION_LOCK_UNDIALLED)) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement p = c.prepareStatement("EXPLAIN " + StatementTexts.postgres(statement))) {
                assertFreePlanner(c);
                p.setString(1, sessionId);
                if (statement == Sql.SESSION_LOCK_UNDIALLED) {
                    p.setLong(2, campaign.id());
                }
                assertThat(lines(p)).as(statement.name()).contains("call_sessions_pkey")
                        .doesNotContainPattern("call_sessions_(lease|node|caller_number)_idx");
            }
        }
    }

    /**
     * Lease recovery runs on every node's dispatch pass, over every organisation's sessions: among hundreds of
     * thousands of ended sessions, the planner left free (no {@code enable_seqscan = off}) finds the few in flight
     * through a partial index of sessions in flight, where without one it would read the whole table.
     */
    @Test
    void lease_recovery_finds_the_sessions_in_flight_through_an_index_among_many_ended() throws Exception {
        DataSource dataSource = DATABASES.postgres(2);
        JdbcCampaignStore store = JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
        StoreFixture fixture = new StoreFixture(store);
        Campaign large = fixture.running("org-1", 10, 5);
        Campaign other = fixture.running("org-2", 10, 5);
        fixture.claim(large, T0, 5);                       // in flight with a lease, as the store writes them
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            SeededSessions.seed(c, large.id(), 150_000);
            SeededSessions.seed(c, other.id(), 50_000);
            // The seeded sessions in flight (one in a hundred) hold leases of their node, as claimed ones do.
            s.executeUpdate("UPDATE call_sessions SET node_id = 'node-seeded', lease_until = started_at"
                    + " + INTERVAL '2 minutes' WHERE status = 'IN_PROGRESS' AND lease_until IS NULL");
            SeededSessions.analyze(c);
        }

        // Attempt limits count a number's dials by the organisation among all its sessions through an index.
        String dialsPlan;
        try (Connection c = dataSource.getConnection();
             PreparedStatement dials = c.prepareStatement("EXPLAIN " + StatementTexts.postgres(Sql.SESSION_DIALS, "phoneNumbers", 2))) {
            dials.setString(1, "org-1");
            dials.setString(2, "+14155550100");
            dials.setString(3, "+14155550101");
            dials.setObject(4, OffsetDateTime.ofInstant(T0.minusSeconds(86_400), ZoneOffset.UTC));
            dialsPlan = lines(dials);
        }
        assertThat(dialsPlan).contains("call_sessions_dials_idx").doesNotContain("Seq Scan");

        String leasePlan;
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("EXPLAIN " + StatementTexts.postgres(Sql.SESSION_EXPIRED_CAMPAIGNS));
             Statement s = c.createStatement();
             ResultSet setting = s.executeQuery("SHOW enable_seqscan")) {
            assertThat(setting.next()).isTrue();
            assertThat(setting.getString(1)).as("the planner is free to scan the table").isEqualTo("on");
            p.setObject(1, OffsetDateTime.ofInstant(T0.plusSeconds(600), ZoneOffset.UTC));
            leasePlan = lines(p);
        }

        // Either partial index of sessions in flight serves it: both hold only the rows in flight.
        assertThat(leasePlan).containsPattern("Index (Only )?Scan (using|on) call_sessions_(lease|node|caller_number)_idx")
                .doesNotContain("Seq Scan");
    }

    private static final Map<SessionQuery.Sort, String> SORT_INDEXES = Map.of(
            SessionQuery.Sort.STARTED_AT, "call_sessions_started_idx",
            SessionQuery.Sort.ENDED_AT, "call_sessions_ended_idx",
            SessionQuery.Sort.ATTEMPT, "call_sessions_attempt_idx",
            SessionQuery.Sort.OUTCOME, "call_sessions_outcome_idx",
            SessionQuery.Sort.PHONE_NUMBER, "call_sessions_phone_idx",
            SessionQuery.Sort.DURATION_SECONDS, "call_sessions_duration_idx");

    @Test
    void every_runs_sort_reads_its_first_page_from_the_sort_index_in_both_directions() throws Exception {
        DataSource dataSource = DATABASES.postgres(2);
        JdbcCampaignStore store = JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
        StoreFixture fixture = new StoreFixture(store);
        Campaign large = fixture.running("org-1", 10, 5);
        Campaign other = fixture.running("org-2", 10, 5);
        try (Connection c = dataSource.getConnection()) {
            SeededSessions.seed(c, large.id(), 150_000);
            SeededSessions.seed(c, other.id(), 50_000);
            SeededSessions.analyze(c);
        }

        for (SessionQuery.Sort sort : SessionQuery.Sort.values()) {
            for (boolean descending : new boolean[] {false, true}) {
                String sql = StatementTexts.runsPage(sort, descending);
                String plan;
                try (Connection c = dataSource.getConnection();
                     PreparedStatement p = c.prepareStatement("EXPLAIN " + sql)) {
                    p.setLong(1, large.id());
                    p.setLong(2, 0);
                    p.setInt(3, 50);
                    plan = lines(p);
                }
                String scan = descending ? "Index Scan Backward using " : "Index Scan using ";
                assertThat(plan).as("%s %s", sort, descending ? "descending" : "ascending")
                        .contains(scan + SORT_INDEXES.get(sort))
                        .doesNotContain("Sort")
                        .doesNotContain("Seq Scan");
            }
        }
    }

    /**
     * The dashboard polls a campaign's activity: the list page the last minute of every campaign dialling, a campaign's
     * page its calls since the start. On a campaign of 150,000 sessions beside another of 50,000, with the planner
     * free to read the table, each statement of a window at either end of the campaign reads that window through the
     * sessions' start and end indexes, and the sessions in flight at the window's start are counted on its shorter
     * side. Without those indexes (dropped in a transaction rolled back) the planner reads the whole table.
     */
    @Test
    void activity_at_either_end_of_a_large_campaign_reads_its_window_through_the_session_indexes() throws Exception {
        DataSource dataSource = DATABASES.postgres(2);
        JdbcCampaignStore store = JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
        StoreFixture fixture = new StoreFixture(store);
        Campaign large = fixture.running("org-1", 10, 5);
        Campaign other = fixture.running("org-2", 10, 5);
        Instant first;
        Instant latest;
        try (Connection c = dataSource.getConnection()) {
            SeededSessions.seed(c, large.id(), 150_000);
            SeededSessions.seed(c, other.id(), 50_000);
            SeededSessions.analyze(c);
            try (PreparedStatement bounds = c.prepareStatement(BOUNDS)) {
                bounds.setLong(1, large.id());
                try (ResultSet row = bounds.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    first = row.getObject("first_started", OffsetDateTime.class).toInstant();
                    latest = row.getObject("last_ended", OffsetDateTime.class).toInstant();
                }
            }
        }
        Instant lastHour = latest.minus(Duration.ofHours(1));
        Instant firstHour = first.plus(Duration.ofMinutes(5));

        assertThat(ActivityCounts.countedBefore(first, lastHour, latest)).as("the last hour: counted after").isFalse();
        assertThat(ActivityCounts.countedBefore(first, firstHour, latest)).as("the first hour: counted before")
                .isTrue();
        for (Instant from : List.of(lastHour, firstHour)) {
            Instant to = from.plus(Duration.ofHours(1));
            boolean before = ActivityCounts.countedBefore(first, from, latest);
            try (Connection c = dataSource.getConnection()) {
                assertFreePlanner(c);
                for (String sql : List.of(STARTED, ENDED, BOUNDS,
                        before ? IN_FLIGHT_COUNTED_BEFORE : IN_FLIGHT_COUNTED_AFTER)) {
                    assertThat(activityPlan(c, sql, large.id(), from, to)).as("%s from %s", sql, from)
                            .containsPattern("Index (Only )?Scan (Backward )?(using|on) call_sessions_(started|ended)_idx")
                            .doesNotContain("Seq Scan");
                }
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("DROP INDEX call_sessions_started_idx, call_sessions_ended_idx");
                    assertThat(activityPlan(c, STARTED, large.id(), from, to))
                            .as("without the indexes").contains("Seq Scan on call_sessions");
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        }
    }

    /**
     * A dashboard lists an organisation's campaigns by status: the few running among thousands completed. Among
     * 200,000 campaigns (150,000 of one organisation, one in a hundred running or paused), the total of one status or
     * several is counted from {@code campaigns_org_status_idx}, which reaches only the organisation's campaigns of
     * those statuses (or, for running alone, from the partial index of every running campaign), not from the
     * organisation's campaigns one by one; and a page is read through an index, never by reading the table.
     */
    @Test
    void a_list_by_status_reads_the_organisations_campaigns_of_those_statuses_through_an_index() throws Exception {
        DataSource dataSource = DATABASES.postgres(2);
        JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO campaigns (org_id, name, workflow_id, contacts_file_key, max_concurrency, status,
                                           created_at, updated_at)
                    SELECT CASE WHEN g % 4 = 0 THEN 'org-2' ELSE 'org-1' END, 'seeded ' || g, 247, 'contacts.csv', 5,
                           CASE WHEN g % 200 = 1 THEN 'RUNNING' WHEN g % 200 = 2 THEN 'PAUSED'
                                WHEN g % 50 = 3 THEN 'FAILED' WHEN g % 100 = 5 THEN 'DRAFT' ELSE 'COMPLETED' END,
                           TIMESTAMPTZ '2026-01-01 00:00:00+00', TIMESTAMPTZ '2026-01-01 00:00:00+00'
                      FROM generate_series(1, 200000) g
                    """);
            s.execute("ANALYZE");
        }

        for (Set<CampaignStatus> statuses : List.of(EnumSet.of(CampaignStatus.RUNNING),
                EnumSet.of(CampaignStatus.RUNNING, CampaignStatus.PAUSED),
                EnumSet.of(CampaignStatus.DRAFT, CampaignStatus.FAILED))) {
            List<String> values = JdbcCampaignStore.statusParameters(statuses);
            try (Connection c = dataSource.getConnection()) {
                assertFreePlanner(c);
                for (String sql : List.of(LIST_BY_STATUS, COUNT_BY_STATUS)) {
                    try (PreparedStatement p = c.prepareStatement("EXPLAIN " + sql)) {
                        p.setString(1, "org-1");
                        for (int i = 0; i < values.size(); i++) {
                            p.setString(2 + i, values.get(i));
                        }
                        if (sql.equals(LIST_BY_STATUS)) {
                            p.setLong(2 + values.size(), 0);
                            p.setInt(3 + values.size(), 50);
                        }
                        String plan = lines(p);
                        assertThat(plan).as("%s %s", statuses, sql).doesNotContain("Seq Scan");
                        if (sql.equals(COUNT_BY_STATUS)) {
                            assertThat(plan).as("%s %s", statuses, sql)
                                    .containsPattern("Index (Only )?Scan (using|on) campaigns_(org_status|running)_idx")
                                    .doesNotContain("campaigns_org_idx");
                        } else {
                            // A page may also walk the campaigns newest first and stop at its last row, when the
                            // statistics say the statuses are common enough to meet them soon.
                            assertThat(plan).as("%s %s", statuses, sql).containsPattern("Index (Only )?Scan");
                        }
                    }
                }
            }
        }
    }

    private static void assertFreePlanner(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet setting = s.executeQuery("SHOW enable_seqscan")) {
            assertThat(setting.next()).isTrue();
            assertThat(setting.getString(1)).as("the planner is free to scan the table").isEqualTo("on");
        }
    }

    /** The plan of one of the activity statements for the window, bound as {@link ActivityCounts} binds it. */
    private static String activityPlan(Connection c, String sql, long campaignId, Instant from, Instant to)
            throws Exception {
        OffsetDateTime start = OffsetDateTime.ofInstant(from, ZoneOffset.UTC);
        try (PreparedStatement p = c.prepareStatement("EXPLAIN " + sql)) {
            if (sql.equals(STARTED) || sql.equals(ENDED)) {
                p.setBigDecimal(1, BigDecimal.valueOf(from.getEpochSecond()));
                p.setDouble(2, 60);
                p.setLong(3, campaignId);
                p.setObject(4, start);
                p.setObject(5, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            } else if (sql.equals(BOUNDS)) {
                p.setLong(1, campaignId);
            } else {
                p.setLong(1, campaignId);
                p.setObject(2, start);
                p.setLong(3, campaignId);
                if (sql.equals(IN_FLIGHT_COUNTED_BEFORE)) {
                    p.setObject(4, start);
                } else {
                    p.setLong(4, campaignId);
                    p.setObject(5, start);
                }
            }
            return lines(p);
        }
    }

    private static String lines(PreparedStatement explain) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = explain.executeQuery()) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
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
