package io.outbound.campaign.engine;

import static io.outbound.campaign.engine.Scenarios.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.UpdateCampaignRequest;
import io.outbound.campaign.testkit.CampaignTestKit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Progress says which of the three caps holds a running campaign's calls below its max_concurrency. */
class ConcurrencyBoundTest {
    private static final Instant T0 = Instant.parse("2026-06-01T13:00:00Z");
    private static final List<String> EIGHT = IntStream.range(0, 8)
            .mapToObj(i -> String.format("+1555000%04d", i)).toList();

    @Test
    void withEightCallerNumbersAMaxConcurrencyOfTenNeverBindsAndProgressSaysTheNumbersDo() throws Exception {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(T0).callerNumbers(ORG, EIGHT).build();
        kit.telephony().callDuration(Duration.ofMinutes(2));
        Campaign campaign = Scenarios.started(kit, ORG, Scenarios.numbers(30), 10, null);

        kit.advance(Duration.ofMinutes(1));
        CampaignProgress running = kit.campaigns().progress(ORG, campaign.id());
        kit.runUntilIdle();

        assertThat(running.concurrencyBoundBy()).isEqualTo(CampaignProgress.BOUND_BY_CALLER_NUMBERS);
        assertThat(running.inProgress()).isEqualTo(8);
        assertThat(new ObjectMapper().writeValueAsString(running)).contains("\"concurrency_bound_by\":\"caller_numbers\"");
        assertThat(kit.telephony().maxConcurrentCalls()).isEqualTo(8);
        CampaignProgress done = kit.campaigns().progress(ORG, campaign.id());
        assertThat(done.status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(done.concurrencyBoundBy()).isNull();
        assertThat(new ObjectMapper().writeValueAsString(done)).doesNotContain("concurrency_bound_by");
    }

    @Test
    void anOrganisationLimitBelowTheOtherCapsIsNamedAndLoweringMaxConcurrencyBelowItClearsIt() {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(T0).callerNumbers(ORG, EIGHT).orgLimit(ORG, 3)
                .build();
        kit.telephony().callDuration(Duration.ofMinutes(2));
        Campaign campaign = Scenarios.started(kit, ORG, Scenarios.numbers(30), 10, null);
        kit.advance(Duration.ofSeconds(10));

        assertThat(kit.campaigns().progress(ORG, campaign.id()).concurrencyBoundBy())
                .isEqualTo(CampaignProgress.BOUND_BY_ORG_LIMIT);
        kit.campaigns().update(ORG, campaign.id(), UpdateCampaignRequest.builder().maxConcurrency(2).build());
        assertThat(kit.campaigns().progress(ORG, campaign.id()).concurrencyBoundBy()).isNull();
    }

    @Test
    void withPlentyOfNumbersAndNoOrganisationLimitMaxConcurrencyBindsAndNothingIsSaid() {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(T0).build();
        Campaign campaign = Scenarios.started(kit, ORG, Scenarios.numbers(5), 2, null);

        assertThat(kit.campaigns().progress(ORG, campaign.id()).concurrencyBoundBy()).isNull();
    }
}
