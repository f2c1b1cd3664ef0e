package io.outbound.campaign.engine;

import static io.outbound.campaign.engine.Scenarios.ORG;
import static io.outbound.campaign.engine.Scenarios.numbers;
import static io.outbound.campaign.engine.Scenarios.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.UpdateCampaignRequest;
import io.outbound.campaign.testkit.CampaignTestKit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcurrencyScenarioTest {

    @Test
    void maxConcurrencyThreeWithLongCallsUsesAllThreeAndNeverAFourth() {
        CampaignTestKit kit = CampaignTestKit.builder().build();
        kit.telephony().callDuration(Duration.ofMinutes(10));
        Campaign campaign = started(kit, ORG, numbers(20), 3, null);

        kit.runUntilIdle();

        assertThat(kit.telephony().maxConcurrentCalls()).isEqualTo(3);
        assertThat(kit.telephony().dials()).hasSize(20);
        assertThat(kit.campaigns().get(ORG, campaign.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void twoCampaignsOfAnOrganisationWithALimitOfTwoNeverHaveAThirdCallBetweenThem() {
        CampaignTestKit kit = CampaignTestKit.builder().orgLimit(ORG, 2).build();
        kit.telephony().callDuration(Duration.ofMinutes(3));
        Campaign a = started(kit, ORG, numbers(10), 5, null);
        Campaign b = started(kit, ORG, numbers(10, 100), 5, null);

        kit.runUntilIdle();

        assertThat(kit.telephony().maxConcurrentCallsOfOrg(ORG)).isEqualTo(2);
        assertThat(kit.telephony().dials()).hasSize(20);
        assertThat(kit.campaigns().get(ORG, a.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(kit.campaigns().get(ORG, b.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void anotherOrganisationsLimitDoesNotCapThisOne() {
        CampaignTestKit kit = CampaignTestKit.builder().orgLimit("org-2", 1).build();
        kit.telephony().callDuration(Duration.ofMinutes(3));
        started(kit, ORG, numbers(8), 4, null);
        started(kit, "org-2", numbers(8, 100), 4, null);

        kit.runUntilIdle();

        assertThat(kit.telephony().maxConcurrentCallsOfOrg(ORG)).isEqualTo(4);
        assertThat(kit.telephony().maxConcurrentCallsOfOrg("org-2")).isEqualTo(1);
    }

    @Test
    void oneCallerNumberMeansOneCallAtATime() {
        CampaignTestKit kit = CampaignTestKit.builder().callerNumbers(ORG, List.of("+15550000001")).build();
        kit.telephony().callDuration(Duration.ofMinutes(2));
        started(kit, ORG, numbers(6), 5, null);

        kit.runUntilIdle();

        assertThat(kit.telephony().maxConcurrentCalls()).isEqualTo(1);
        assertThat(kit.telephony().dials()).hasSize(6)
                .allSatisfy(d -> assertThat(d.request().callerNumber()).isEqualTo("+15550000001"));
    }

    @Test
    void loweringMaxConcurrencyBelowTheCallsInFlightEndsNoneAndAppliesFromTheNextDial() {
        CampaignTestKit kit = CampaignTestKit.builder().build();
        kit.telephony().callDuration(Duration.ofMinutes(5));
        Campaign campaign = started(kit, ORG, numbers(12), 4, null);
        kit.advance(Duration.ofMinutes(1));
        assertThat(kit.telephony().inFlight()).isEqualTo(4);

        kit.campaigns().update(ORG, campaign.id(), UpdateCampaignRequest.builder().maxConcurrency(1).build());
        kit.advance(Duration.ofMinutes(1));
        assertThat(kit.telephony().inFlight()).isEqualTo(4);
        kit.advance(Duration.ofMinutes(4));

        assertThat(kit.telephony().inFlight()).isEqualTo(1);
        kit.runUntilIdle();
        assertThat(kit.campaigns().progress(ORG, campaign.id()).completed()).isEqualTo(12);
    }
}
