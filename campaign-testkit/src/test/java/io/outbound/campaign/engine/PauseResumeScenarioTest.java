package io.outbound.campaign.engine;

import static io.outbound.campaign.engine.Scenarios.ORG;
import static io.outbound.campaign.engine.Scenarios.numbers;
import static io.outbound.campaign.engine.Scenarios.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.testkit.CampaignTestKit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PauseResumeScenarioTest {

    @Test
    void pauseStopsNewDialsAtOnceWhileCallsInFlightFinishAndAreRecorded() {
        CampaignTestKit kit = CampaignTestKit.builder().build();
        kit.telephony().callDuration(Duration.ofMinutes(5));
        List<String> n = numbers(10);
        kit.telephony().script(n.get(1), CallOutcome.BUSY, CallOutcome.COMPLETED);
        Campaign campaign = started(kit, ORG, n, 3, new RetryConfig(true, 1, 60, true, true, true));
        kit.advance(Duration.ofMinutes(1));
        assertThat(kit.telephony().dials()).hasSize(3);

        Campaign paused = kit.campaigns().pause(ORG, campaign.id());
        kit.advance(Duration.ofHours(3));

        assertThat(paused.status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(kit.telephony().dials()).hasSize(3);
        assertThat(kit.campaigns().progress(ORG, campaign.id()))
                .isEqualTo(new CampaignProgress(10, 3, 2, 2, 0, 7, 0, CampaignStatus.PAUSED, 1));

        kit.campaigns().resume(ORG, campaign.id());
        kit.runUntilIdle();

        assertThat(kit.campaigns().progress(ORG, campaign.id()))
                .isEqualTo(new CampaignProgress(10, 10, 10, 10, 0, 0, 0, CampaignStatus.COMPLETED, 0));
        for (String number : n) {
            assertThat(kit.telephony().dialsTo(number)).hasSize(number.equals(n.get(1)) ? 2 : 1);
        }
        assertThat(kit.telephony().overlappingCallsToOneNumber()).isZero();
    }

    @Test
    void pausingTwiceIsHarmlessAndResumingARunningCampaignChangesNothing() {
        CampaignTestKit kit = CampaignTestKit.builder().build();
        kit.telephony().callDuration(Duration.ofMinutes(5));
        Campaign campaign = started(kit, ORG, numbers(2), 1, null);
        kit.advance(Duration.ofMinutes(1));
        Campaign before = kit.campaigns().get(ORG, campaign.id());
        assertThat(before.status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(before.progress().inProgress()).isEqualTo(1);
        assertThat(kit.telephony().dials()).hasSize(1);

        Campaign resumed = kit.campaigns().resume(ORG, campaign.id());
        kit.advance(Duration.ofMinutes(1));

        // Same status, reason, timestamps (updated_at included) and counters, and no dial beyond the one in flight.
        assertThat(resumed).isEqualTo(before);
        assertThat(resumed.updatedAt()).isEqualTo(before.updatedAt());
        assertThat(kit.campaigns().get(ORG, campaign.id())).isEqualTo(before);
        assertThat(kit.campaigns().progress(ORG, campaign.id())).isEqualTo(before.progress());
        assertThat(kit.telephony().dials()).hasSize(1);

        kit.campaigns().pause(ORG, campaign.id());
        assertThat(kit.campaigns().pause(ORG, campaign.id()).status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(kit.campaigns().start(ORG, kit.campaigns().resume(ORG, campaign.id()).id()).status())
                .isEqualTo(CampaignStatus.RUNNING);
    }
}
