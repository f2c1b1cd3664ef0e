package io.outbound.campaign.jdbc;

import static io.outbound.campaign.jdbc.StoreFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignStatus;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One node dials a campaign to the end through claims and outcomes, and prints the rate (a figure for the
 * benchmarks to refine, not an assertion).
 */
class PostgresDispatchRateTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private static final int CONTACTS = 3000;

    @Test
    void one_node_claims_and_records_every_contact_of_a_campaign_once() {
        DataSource dataSource = DATABASES.postgres(2);
        JdbcCampaignStore store = JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
        StoreFixture fixture = new StoreFixture(store);
        run(fixture, fixture.running("warm-up", 500, 20)); // class loading and JIT out of the figure
        Campaign campaign = fixture.running("org-1", CONTACTS, 20);

        long started = System.nanoTime();
        int calls = run(fixture, campaign);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("dispatch on PostgreSQL, one node: %d calls claimed and recorded in %.2f s (%.0f calls/s)%n",
                calls, seconds, calls / seconds);

        Campaign end = fixture.reload(campaign);
        assertThat(calls).isEqualTo(CONTACTS);
        assertThat(end.status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(end.progress().completed()).isEqualTo(CONTACTS);
    }

    private static int run(StoreFixture fixture, Campaign campaign) {
        int calls = 0;
        Instant now = T0;
        while (fixture.reload(campaign).status() == CampaignStatus.RUNNING) {
            now = now.plusSeconds(1);
            for (CallSession call : fixture.claim(campaign, now, 20).calls()) {
                fixture.report(call.sessionId(), CallOutcome.COMPLETED, now);
                calls++;
            }
        }
        return calls;
    }
}
