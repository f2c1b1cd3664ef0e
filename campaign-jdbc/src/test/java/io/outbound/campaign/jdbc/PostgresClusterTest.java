package io.outbound.campaign.jdbc;

import static io.outbound.campaign.jdbc.EngineCluster.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.RunsQuery;
import io.outbound.campaign.postgres.testsupport.EmbeddedPostgres;
import io.outbound.campaign.spi.CallerPool;
import io.outbound.campaign.spi.TelephonyConfigs;
import io.outbound.campaign.testkit.FakeTelephony;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several engine nodes dial together on one embedded PostgreSQL, as hosts scaled out behind a load balancer
 * would: caps hold as the provider counts them, nodes die, the database flakes or goes away, and every
 * campaign still ends with every contact final and every counter equal to a recount of the rows.
 */
class PostgresClusterTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private static final RetryConfig RETRY = new RetryConfig(true, 2, 0, true, true, true);

    @Test
    void three_nodes_never_exceed_a_cap_nor_call_a_number_twice_at_once_and_finish_every_contact() throws Exception {
        DataSource shared = DATABASES.postgres(2);
        JdbcCampaignStore.builder(shared).createSchemaIfMissing(true).build();
        // Calls of 10-30 ms: long enough that the calls the carrier sees at once approach what the store counts
        // in flight (which also holds calls claimed and not yet dialled, or ended and not yet recorded).
        try (EngineCluster cluster = new EngineCluster(3, i -> withSchemaOf(shared), 12, Duration.ofMinutes(2), 3,
                TelephonyConfigs.defaultNumbers(IntStream.range(0, 30)
                        .mapToObj(i -> String.format("+1555000%04d", i)).toList()),
                Duration.ofMillis(10), Duration.ofMillis(30))) {
            List<String> big = numbers(5000, 0);
            List<String> small = numbers(400, 6000);
            script(cluster, big);
            script(cluster, small);
            Campaign a = cluster.create(big, 10, RETRY);
            Campaign b = cluster.create(small, 10, RETRY);
            cluster.engines.get(1).campaigns().start(ORG, a.id());
            cluster.engines.get(2).campaigns().start(ORG, b.id());

            List<CampaignProgress> end = cluster.awaitEnd(List.of(a, b), Duration.ofMinutes(3));

            assertThat(cluster.telephony.maxConcurrentCalls(a.id())).isLessThanOrEqualTo(10).isGreaterThan(1);
            assertThat(cluster.telephony.maxConcurrentCalls(b.id())).isLessThanOrEqualTo(10);
            assertThat(cluster.telephony.maxConcurrentCallsOfOrg(ORG)).isLessThanOrEqualTo(12).isGreaterThan(10);
            assertThat(cluster.telephony.overlappingCallsToOneNumber()).isZero();
            assertEveryContactFinalAndCountersTrue(shared, a, end.get(0), 5000);
            assertEveryContactFinalAndCountersTrue(shared, b, end.get(1), 400);
            assertThat(Recount.query(shared, "SELECT COUNT(*) FROM call_sessions WHERE 0 = ?", 0))
                    .isEqualTo(cluster.telephony.dials().size());
        }
    }

    @Test
    void three_nodes_sharing_a_paced_pool_of_shared_caller_ids_never_exceed_its_rate_nor_a_numbers_limit()
            throws Exception {
        DataSource shared = DATABASES.postgres(2);
        JdbcCampaignStore.builder(shared).createSchemaIfMissing(true).build();
        List<String> callers = List.of("+15550000001", "+15550000002", "+15550000003");
        TelephonyConfigs configs = TelephonyConfigs.pooled((org, id) ->
                Optional.of(CallerPool.shared(callers, 2).withCallsPerSecond(5)));
        try (EngineCluster cluster = new EngineCluster(3, i -> withSchemaOf(shared), 100, Duration.ofMinutes(2), 21,
                configs, Duration.ofMillis(400), Duration.ofMillis(1500))) {
            List<String> contacts = numbers(45, 0);
            Campaign a = cluster.create(contacts.subList(0, 30), 10, null);
            Campaign b = cluster.create(contacts.subList(30, 45), 10, null);
            cluster.engines.get(1).campaigns().start(ORG, a.id());
            cluster.engines.get(2).campaigns().start(ORG, b.id());

            List<CampaignProgress> end = cluster.awaitEnd(List.of(a, b), Duration.ofMinutes(1));

            assertThat(end).allSatisfy(p -> assertThat(p.status()).isEqualTo(CampaignStatus.COMPLETED));
            List<FakeTelephony.Dial> dials = cluster.telephony.dials();
            assertThat(dials).hasSize(45);
            assertThat(dials.stream().map(d -> d.request().sessionId()).distinct()).hasSize(45);
            assertThat(cluster.telephony.maxDialsPerSecond(ORG, null)).isLessThanOrEqualTo(5);
            assertThat(callers).allSatisfy(n -> assertThat(cluster.telephony.maxConcurrentCallsFrom(n))
                    .isLessThanOrEqualTo(2));
            assertThat(cluster.telephony.maxConcurrentCallsOfOrg(ORG)).isLessThanOrEqualTo(6);
            // Paced, not stalled: 45 dials spaced 1.05 s / 5 apart take about 9.2 s.
            Duration span = Duration.between(dials.get(0).at(), dials.get(44).at());
            assertThat(span).isBetween(Duration.ofMillis(9_000), Duration.ofMillis(14_000));
            assertThat(dials.stream().map(d -> d.request().campaignId()).distinct()).hasSize(2);
        }
    }

    @Test
    void a_node_that_dies_mid_run_has_its_calls_closed_after_the_lease_and_nothing_is_lost() throws Exception {
        DataSource shared = DATABASES.postgres(2);
        JdbcCampaignStore.builder(shared).createSchemaIfMissing(true).build();
        try (EngineCluster cluster = new EngineCluster(3, i -> withSchemaOf(shared), 100, Duration.ofSeconds(2), 5)) {
            List<String> contacts = numbers(1200, 0);
            script(cluster, contacts);
            Campaign campaign = cluster.create(contacts, 10, RETRY);
            cluster.killAfterDials(2, 0, 300);
            cluster.engines.get(1).campaigns().start(ORG, campaign.id());

            CampaignProgress end = cluster.awaitEnd(List.of(campaign), Duration.ofMinutes(2)).get(0);

            assertThat(cluster.stopped(2)).as("node 2 died mid-run").isTrue();
            assertThat(Recount.query(shared, "SELECT COUNT(*) FROM call_sessions WHERE campaign_id = ?"
                    + " AND failure_reason LIKE 'lease expired: node node-2%'", campaign.id())).isPositive();
            assertThat(cluster.telephony.maxConcurrentCalls(campaign.id())).isLessThanOrEqualTo(10);
            assertThat(cluster.telephony.overlappingCallsToOneNumber()).isZero();
            assertEveryContactFinalAndCountersTrue(shared, campaign, end, 1200);
        }
    }

    @Test
    void nodes_on_a_flaky_database_keep_going_and_the_counters_never_drift() throws Exception {
        DataSource shared = DATABASES.postgres(2);
        JdbcCampaignStore.builder(shared).createSchemaIfMissing(true).build();
        List<FlakyDataSource> flaky = new java.util.ArrayList<>();
        try (EngineCluster cluster = new EngineCluster(3, i -> {
            FlakyDataSource node = new FlakyDataSource(withSchemaOf(shared), 0.02, 100 + i);
            flaky.add(node);
            return node;
        }, 100, Duration.ofSeconds(2), 9)) {
            List<String> contacts = numbers(800, 0);
            script(cluster, contacts);
            Campaign campaign = cluster.create(contacts, 10, RETRY);
            cluster.engines.get(0).campaigns().start(ORG, campaign.id());

            CampaignProgress end = cluster.awaitEnd(List.of(campaign), Duration.ofMinutes(2)).get(0);

            assertThat(flaky.stream().mapToInt(f -> f.failedAfterCommit.get() + f.failedBeforeCommit.get()).sum())
                    .isPositive();
            assertThat(cluster.telephony.maxConcurrentCalls(campaign.id())).isLessThanOrEqualTo(10);
            assertThat(cluster.telephony.overlappingCallsToOneNumber()).isZero();
            assertEveryContactFinalAndCountersTrue(shared, campaign, end, 800);
        }
    }

    @Test
    void the_database_stopping_for_ten_seconds_mid_campaign_delays_it_and_it_completes_correctly() throws Exception {
        DataSource shared = DATABASES.postgres(2);
        JdbcCampaignStore.builder(shared).createSchemaIfMissing(true).build();
        ScheduledExecutorService outage = Executors.newSingleThreadScheduledExecutor();
        try (EngineCluster cluster = new EngineCluster(2, i -> withSchemaOf(shared), 100, Duration.ofMinutes(2), 13)) {
            List<String> contacts = numbers(600, 0);
            script(cluster, contacts);
            Campaign campaign = cluster.create(contacts, 10, RETRY);
            EmbeddedPostgres server = EmbeddedPostgres.shared();
            java.util.concurrent.atomic.AtomicInteger dialsAtOutage = new java.util.concurrent.atomic.AtomicInteger(-1);
            // Once 150 calls were dialled, the server stops; ten seconds later it starts on the same data.
            outage.scheduleWithFixedDelay(() -> {
                if (dialsAtOutage.get() < 0 && cluster.dialCount() >= 150) {
                    dialsAtOutage.set(cluster.dialCount());
                    server.stop();
                    outage.schedule(() -> {
                        server.start();
                        return null;
                    }, 10, TimeUnit.SECONDS);
                }
            }, 0, 5, TimeUnit.MILLISECONDS);
            cluster.engines.get(0).campaigns().start(ORG, campaign.id());

            CampaignProgress end = cluster.awaitEnd(List.of(campaign), Duration.ofMinutes(2)).get(0);

            assertThat(cluster.telephony.overlappingCallsToOneNumber()).isZero();
            assertThat(cluster.telephony.maxConcurrentCalls(campaign.id())).isLessThanOrEqualTo(10);
            assertEveryContactFinalAndCountersTrue(shared, campaign, end, 600);
            assertThat(Recount.query(shared, "SELECT COUNT(*) FROM call_sessions WHERE campaign_id = ?"
                    + " AND failure_reason LIKE 'lease expired%'", campaign.id())).isZero();
            assertThat(dialsAtOutage.get()).as("the outage came mid-campaign").isBetween(150, 500);
        } finally {
            outage.shutdownNow();
            outage.awaitTermination(30, TimeUnit.SECONDS);
            EmbeddedPostgres.shared().start();
        }
    }

    @Test
    void sql_in_sort_and_filter_parameters_is_rejected_or_only_ever_a_value() throws Exception {
        DataSource shared = DATABASES.postgres(2);
        JdbcCampaignStore.builder(shared).createSchemaIfMissing(true).build();
        try (EngineCluster cluster = new EngineCluster(1, i -> withSchemaOf(shared), 100, Duration.ofMinutes(2), 1)) {
            Campaign campaign = cluster.create(numbers(20, 0), 5, RETRY);
            cluster.engines.get(0).campaigns().start(ORG, campaign.id());
            cluster.awaitEnd(List.of(campaign), Duration.ofMinutes(1));
            var service = cluster.engines.get(0).campaigns();
            List<RunsQuery> rejected = List.of(
                    new RunsQuery(1, 50, null, "started_at; drop table call_sessions", "asc"),
                    new RunsQuery(1, 50, null, "started_at", "asc; delete from campaigns"),
                    new RunsQuery(1, 50, null, "phone_number /* comment */", "desc"),
                    new RunsQuery(1, 50, "{\"phone_number OR 1=1\": \"x\"}", null, null),
                    new RunsQuery(1, 50, "{\"attempt\": \"1; drop table campaigns\"}", null, null),
                    new RunsQuery(1, 50, "{\"outcome\": \"completed' OR '1'='1\"}", null, null),
                    new RunsQuery(1, 50, "{\"started_after\": \"2026-01-01'; --\"}", null, null));
            for (RunsQuery query : rejected) {
                assertThatThrownBy(() -> service.runs(ORG, campaign.id(), query)).as(query.toString())
                        .isInstanceOfSatisfying(CampaignException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
            }
            var quoted = service.runs(ORG, campaign.id(),
                    new RunsQuery(1, 50, "{\"phone_number\": \"+1' OR '1'='1\"}", null, null));
            assertThat(quoted.total()).isZero();

            assertThat(service.runs(ORG, campaign.id(), RunsQuery.firstPage()).total()).isEqualTo(20);
            assertThat(Recount.query(shared, "SELECT COUNT(*) FROM campaigns WHERE id = ?", campaign.id()))
                    .isEqualTo(1);
        }
    }

    /** Busy then reached; no answer three times (retries exhausted); voicemail then reached; invalid; failed. */
    private static void script(EngineCluster cluster, List<String> numbers) {
        for (int i = 0; i < numbers.size(); i++) {
            String number = numbers.get(i);
            if (i % 5 == 1) {
                cluster.telephony.script(number, CallOutcome.BUSY, CallOutcome.COMPLETED);
            } else if (i % 7 == 2) {
                cluster.telephony.script(number, CallOutcome.NO_ANSWER, CallOutcome.NO_ANSWER, CallOutcome.NO_ANSWER);
            } else if (i % 11 == 3) {
                cluster.telephony.script(number, CallOutcome.VOICEMAIL, CallOutcome.COMPLETED);
            } else if (i % 13 == 4) {
                cluster.telephony.script(number, CallOutcome.INVALID_NUMBER);
            } else if (i % 17 == 5) {
                cluster.telephony.script(number, CallOutcome.FAILED);
            }
        }
    }

    private static void assertEveryContactFinalAndCountersTrue(DataSource dataSource, Campaign campaign,
                                                               CampaignProgress end, int contacts) {
        assertThat(end.status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(end.totalContacts()).isEqualTo(contacts);
        assertThat(end.completed() + end.failed()).isEqualTo(contacts);
        assertThat(end).isEqualTo(Recount.progress(dataSource, campaign.id(), end.status()));
        // From the sessions: every contact dialled, reached exactly when one of its calls completed.
        assertThat(Recount.query(dataSource, "SELECT COUNT(DISTINCT phone_number) FROM call_sessions"
                + " WHERE campaign_id = ?", campaign.id())).isEqualTo(contacts);
        assertThat(Recount.query(dataSource, "SELECT COUNT(DISTINCT phone_number) FROM call_sessions"
                + " WHERE campaign_id = ? AND outcome = 'COMPLETED'", campaign.id())).isEqualTo(end.completed());
        assertThat(Recount.query(dataSource, "SELECT COUNT(*) FROM call_sessions"
                + " WHERE campaign_id = ? AND status = 'IN_PROGRESS'", campaign.id())).isZero();
        assertThat(Recount.orgInFlight(dataSource, ORG)).isZero();
        assertThat(Recount.heldNumbers(dataSource)).isZero();
    }

    private static DataSource withSchemaOf(DataSource shared) {
        return DATABASES.sameSchema(shared, 4);
    }

    private static List<String> numbers(int count, int offset) {
        return IntStream.range(offset, offset + count).mapToObj(i -> String.format("+1415555%04d", i)).toList();
    }
}
