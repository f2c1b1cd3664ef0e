package io.outbound.campaign.engine;

import static io.outbound.campaign.engine.Scenarios.ORG;
import static io.outbound.campaign.engine.Scenarios.numbers;
import static io.outbound.campaign.engine.Scenarios.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.testkit.CampaignTestKit;
import io.outbound.campaign.testkit.FakeTelephony;
import io.outbound.campaign.spi.CampaignChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiallingScenarioTest {

    private final CampaignTestKit kit = CampaignTestKit.builder().build();

    @Test
    void fiveContactsWithScriptedOutcomesEndWithExactFiguresAndDials() {
        List<String> n = numbers(5);
        kit.telephony()
                .script(n.get(0), CallOutcome.COMPLETED)
                .script(n.get(1), CallOutcome.BUSY, CallOutcome.COMPLETED)
                .script(n.get(2), CallOutcome.NO_ANSWER, CallOutcome.NO_ANSWER, CallOutcome.NO_ANSWER,
                        CallOutcome.COMPLETED)
                .script(n.get(3), CallOutcome.VOICEMAIL, CallOutcome.COMPLETED)
                .script(n.get(4), CallOutcome.INVALID_NUMBER, CallOutcome.COMPLETED)
                .callDuration(Duration.ofSeconds(45));
        RetryConfig retry = new RetryConfig(true, 2, 120, true, true, false);
        Campaign campaign = started(kit, ORG, n, 5, retry);

        kit.runUntilIdle();

        assertThat(kit.campaigns().progress(ORG, campaign.id()))
                .isEqualTo(new CampaignProgress(5, 5, 2, 2, 3, 0, 0, CampaignStatus.COMPLETED, 0));
        assertThat(kit.telephony().dialsTo(n.get(0))).hasSize(1);
        assertThat(kit.telephony().dialsTo(n.get(1))).hasSize(2);
        assertThat(kit.telephony().dialsTo(n.get(2))).hasSize(3);
        assertThat(kit.telephony().dialsTo(n.get(3))).hasSize(1);
        assertThat(kit.telephony().dialsTo(n.get(4))).hasSize(1);
        assertThat(kit.telephony().dials()).hasSize(8);
        for (String number : n) {
            List<FakeTelephony.Dial> dials = kit.telephony().dialsTo(number);
            for (int i = 1; i < dials.size(); i++) {
                Instant previousEnd = dials.get(i - 1).at().plusSeconds(45);
                assertThat(dials.get(i).at()).isAfterOrEqualTo(previousEnd.plusSeconds(120));
                assertThat(dials.get(i).request().attempt()).isEqualTo(i + 1);
            }
        }
    }

    @Test
    void everyDialCarriesTheSessionTheContactsColumnsAndTheCampaignsAgent() {
        Campaign campaign = started(kit, ORG, numbers(2), 2, null);

        kit.runUntilIdle();

        FakeTelephony.Dial first = kit.telephony().dials().get(0);
        assertThat(first.request().workflowId()).isEqualTo(247);
        assertThat(first.request().campaignId()).isEqualTo(campaign.id());
        assertThat(first.request().initialContext()).containsEntry("name", "Contact 0");
        assertThat(first.request().callerNumber()).startsWith("+1555");
        assertThat(kit.store().findSession(first.request().sessionId())).get()
                .satisfies(s -> assertThat(s.outcome()).isEqualTo(CallOutcome.COMPLETED));
    }

    @Test
    void withoutARetryConfigNothingIsRetried() {
        kit.telephony().defaultOutcome(CallOutcome.BUSY);
        Campaign campaign = started(kit, ORG, numbers(3), 3, null);

        kit.runUntilIdle();

        assertThat(kit.telephony().dials()).hasSize(3);
        assertThat(kit.campaigns().progress(ORG, campaign.id()).failed()).isEqualTo(3);
    }

    @Test
    void aDialThatThrowsIsAFailedAttemptWithItsReasonKept() {
        List<String> n = numbers(2);
        kit.telephony().refuseDials(n.get(0));
        Campaign campaign = started(kit, ORG, n, 2, RetryConfig.ofDefaults());

        kit.runUntilIdle();

        var failed = kit.campaigns().runs(ORG, campaign.id(),
                new io.outbound.campaign.RunsQuery(null, null, "{\"outcome\": \"failed\"}", null, null)).items();
        assertThat(failed).singleElement().satisfies(s -> {
            assertThat(s.phoneNumber()).isEqualTo(n.get(0));
            assertThat(s.failureReason()).contains("dial failed", "provider refused");
        });
        assertThat(kit.campaigns().progress(ORG, campaign.id()))
                .isEqualTo(new CampaignProgress(2, 2, 1, 1, 1, 0, 0, CampaignStatus.COMPLETED, 0));
    }

    @Test
    void repeatedTechnicalFailuresPauseTheCampaignInsteadOfBurningTheList() {
        CampaignTestKit failing = CampaignTestKit.builder()
                .engine(e -> e.pauseAfterConsecutiveFailures(5)).build();
        failing.telephony().defaultOutcome(CallOutcome.FAILED);
        Campaign campaign = started(failing, ORG, numbers(50), 1, null);

        failing.runUntilIdle();

        Campaign paused = failing.campaigns().get(ORG, campaign.id());
        assertThat(paused.status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(paused.statusReason()).contains("5 technical failures in a row");
        assertThat(failing.telephony().dials()).hasSize(5);
    }

    @Test
    void anUnknownTelephonyConfigurationFailsTheCampaignAtStartWithTheReason() {
        kit.putCsv("c.csv", Scenarios.csv(numbers(1)));
        Campaign draft = kit.campaigns().create(ORG, CreateCampaignRequest.of("x", 247, "c.csv", 1)
                .withTelephonyConfigurationId(99L));

        Campaign started = kit.campaigns().start(ORG, draft.id());

        assertThat(started.status()).isEqualTo(CampaignStatus.FAILED);
        assertThat(started.statusReason()).contains("telephony configuration 99", "unknown");
        kit.runUntilIdle();
        assertThat(kit.telephony().dials()).isEmpty();
    }

    @Test
    void anOrganisationWithoutCallerNumbersFailsTheCampaign() {
        CampaignTestKit noNumbers = CampaignTestKit.builder().callerNumbers(ORG, List.of()).build();
        Campaign campaign = started(noNumbers, ORG, numbers(1), 1, null);

        assertThat(campaign.status()).isEqualTo(CampaignStatus.FAILED);
        assertThat(campaign.statusReason()).contains("no caller numbers");
    }

    @Test
    void anEmptyContactListCompletesAtOnce() {
        Campaign campaign = started(kit, ORG, List.of(), 1, null);

        kit.runUntilIdle();

        assertThat(kit.campaigns().get(ORG, campaign.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void aWeekLongCampaignWithRetriesRunsInVirtualTime() {
        kit.telephony().defaultOutcome(CallOutcome.NO_ANSWER).callDuration(Duration.ofMinutes(1));
        RetryConfig daily = new RetryConfig(true, 6, 86_400, true, true, true);
        Campaign campaign = started(kit, ORG, numbers(20), 4, daily);
        Instant start = kit.now();

        kit.runUntilIdle();

        assertThat(kit.telephony().dials()).hasSize(20 * 7);
        assertThat(Duration.between(start, kit.now())).isGreaterThan(Duration.ofDays(6));
        assertThat(kit.campaigns().progress(ORG, campaign.id()).failed()).isEqualTo(20);
    }

    @Test
    void aHostLookupThatThrowsForOneOrganisationDoesNotStopAnother() {
        CampaignTestKit kit = CampaignTestKit.builder().telephonyConfigs((org, id) -> {
            if (org.equals("org-broken")) {
                throw new IllegalStateException("configuration service down");
            }
            return java.util.Optional.of(List.of("+15550000001"));
        }).build();
        Campaign healthy = started(kit, ORG, numbers(3), 1, null);
        kit.putCsv("b.csv", Scenarios.csv(numbers(2, 50)));
        Campaign broken = kit.campaigns().create("org-broken", CreateCampaignRequest.of("b", 247, "b.csv", 1));
        kit.store().updateCampaign("org-broken", broken.id(),
                c -> CampaignChange.none(c).toStatus(CampaignStatus.RUNNING, null, kit.now()));

        kit.advance(Duration.ofHours(1));

        assertThat(kit.campaigns().get(ORG, healthy.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(kit.campaigns().progress("org-broken", broken.id()).pending()).isEqualTo(2);
    }
}
