package io.outbound.campaign.jdbc;

import static io.outbound.campaign.jdbc.StoreFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.ClaimResult;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.spi.RecordResult;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database fails a share of connections, statements and commits (before and after the commit reached
 * it). Every failure reaches the caller as {@code STORE_UNAVAILABLE}; a caller that retries loses no outcome
 * and records none twice; claims whose commit happened unseen are closed by lease recovery; and the counters
 * never drift from the rows.
 */
class PostgresFlakyDatabaseTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private static final String ORG = "org-1";
    private static final Duration LEASE = Duration.ofMinutes(2);

    @Test
    void a_flaky_database_loses_no_outcome_records_none_twice_and_keeps_the_counters_true() {
        DataSource real = DATABASES.postgres(4);
        JdbcCampaignStore setup = JdbcCampaignStore.builder(real).createSchemaIfMissing(true).build();
        StoreFixture fixture = new StoreFixture(setup);
        Campaign campaign = fixture.running(ORG, 150, 8);
        FlakyDataSource flakyDataSource = new FlakyDataSource(real, 0.04, 7);
        JdbcCampaignStore flaky = JdbcCampaignStore.builder(flakyDataSource).dialect(new PostgresDialect()).build();

        Random random = new Random(11);
        Map<String, CallOutcome> reported = new HashMap<>();
        int duplicates = 0;
        Instant now = T0;
        for (int round = 0; round < 3000 && fixture.reload(campaign).status() == CampaignStatus.RUNNING; round++) {
            now = now.plusSeconds(5);
            Instant claimedAt = now;
            ClaimResult claim = retrying(() -> flaky.claim(new ClaimRequest(campaign.id(), "node-" + (claimedAt
                    .getEpochSecond() % 2), claimedAt, claimedAt.plus(LEASE), 4, 100, StoreFixture.numbers(20))), 1);
            if (claim == null) {
                continue; // a lost claim: if it committed unseen, lease recovery closes its sessions
            }
            for (CallSession call : claim.calls()) {
                CallOutcome outcome = CallOutcome.values()[random.nextInt(CallOutcome.values().length)];
                OutcomeReport report = new OutcomeReport(call.sessionId(), CallResult.of(outcome), now,
                        StoreFixture.RETRY_TWICE, 0);
                RecordResult result = retrying(() -> flaky.recordOutcome(report), 100);
                assertThat(result).as("an outcome retried until stored").isNotNull();
                assertThat(result.kind()).isIn(RecordResult.Kind.RECORDED, RecordResult.Kind.DUPLICATE);
                duplicates += result.kind() == RecordResult.Kind.DUPLICATE ? 1 : 0;
                reported.put(call.sessionId(), outcome);
            }
            Instant recoverAt = now;
            retrying(() -> flaky.recoverExpiredSessions(recoverAt, 100), 1);
        }
        flakyDataSource.quiet();
        flaky.recoverExpiredSessions(now.plus(LEASE).plusSeconds(1), 1000);

        assertThat(flakyDataSource.failedConnects.get()).isPositive();
        assertThat(flakyDataSource.failedStatements.get()).isPositive();
        assertThat(flakyDataSource.failedBeforeCommit.get()).isPositive();
        assertThat(flakyDataSource.failedAfterCommit.get()).isPositive();
        assertThat(duplicates).as("retries after a commit that did happen").isPositive();

        Campaign end = fixture.reload(campaign);
        assertThat(end.status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(end.progress()).isEqualTo(Recount.progress(real, campaign.id(), end.status()));
        assertThat(end.progress().completed() + end.progress().failed()).isEqualTo(150);
        assertThat(Recount.orgInFlight(real, ORG)).isZero();
        assertThat(Recount.heldNumbers(real)).isZero();
        reported.forEach((sessionId, outcome) ->
                assertThat(setup.findSession(sessionId).orElseThrow().outcome()).isEqualTo(outcome));
        List<CallSession> unreported = new java.util.ArrayList<>();
        setup.forEachEndedSession(campaign.id(), null, null, s -> {
            if (!reported.containsKey(s.sessionId())) {
                unreported.add(s);
            }
        });
        assertThat(unreported).allSatisfy(s -> assertThat(s.failureReason()).startsWith("lease expired"));
    }

    /** Runs {@code operation} up to {@code attempts} times while the store is unavailable; null if it never was. */
    private static <T> T retrying(Supplier<T> operation, int attempts) {
        for (int i = 0; i < attempts; i++) {
            try {
                return operation.get();
            } catch (CampaignException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
            }
        }
        return null;
    }
}
