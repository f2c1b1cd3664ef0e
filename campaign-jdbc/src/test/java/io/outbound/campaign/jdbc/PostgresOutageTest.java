package io.outbound.campaign.jdbc;

import static io.outbound.campaign.jdbc.StoreFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.postgres.testsupport.EmbeddedPostgres;
import io.outbound.campaign.spi.RecordResult;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL server stops mid-campaign and starts again on the same data directory: while it is down
 * every operation answers {@code STORE_UNAVAILABLE} and changes nothing; once it is back the reports are
 * retried and the campaign completes with true counters.
 */
class PostgresOutageTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @Test
    void a_database_outage_mid_campaign_fails_operations_cleanly_and_the_campaign_then_completes() throws Exception {
        DataSource dataSource = DATABASES.postgres(4, 500);
        JdbcCampaignStore store = JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
        StoreFixture fixture = new StoreFixture(store);
        Campaign campaign = fixture.running("org-1", 40, 5);
        List<CallSession> inFlight = fixture.claim(campaign, T0, 5).calls();
        EmbeddedPostgres server = EmbeddedPostgres.shared();

        server.stop();
        try {
            for (CallSession call : inFlight) {
                assertUnavailable(() -> fixture.report(call.sessionId(), CallOutcome.COMPLETED, T0.plusSeconds(10)));
            }
            assertUnavailable(() -> fixture.claim(campaign, T0.plusSeconds(10), 5));
            assertUnavailable(() -> store.findCampaign("org-1", campaign.id()));
        } finally {
            server.start();
        }

        // The pool reconnects on its own schedule: the caller retries while the store is unavailable.
        for (CallSession call : inFlight) {
            RecordResult result = retrying(() -> fixture.report(call.sessionId(), CallOutcome.COMPLETED,
                    T0.plusSeconds(20)));
            assertThat(result.kind()).isEqualTo(RecordResult.Kind.RECORDED);
        }
        Instant now = T0.plusSeconds(20);
        while (fixture.reload(campaign).status() == CampaignStatus.RUNNING) {
            now = now.plusSeconds(10);
            for (CallSession call : fixture.claim(campaign, now, 5).calls()) {
                fixture.report(call.sessionId(), CallOutcome.COMPLETED, now);
            }
        }
        Campaign end = fixture.reload(campaign);
        assertThat(end.progress().completed()).isEqualTo(40);
        assertThat(end.progress()).isEqualTo(Recount.progress(dataSource, campaign.id(), end.status()));
    }

    /** Retries a bounded number of times (each attempt waits at most the pool's connection timeout). */
    private static <T> T retrying(java.util.function.Supplier<T> operation) {
        CampaignException last = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            try {
                return operation.get();
            } catch (CampaignException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
                last = e;
            }
        }
        throw last;
    }

    private static void assertUnavailable(Runnable operation) {
        assertThatThrownBy(operation::run).isInstanceOfSatisfying(CampaignException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    }
}
