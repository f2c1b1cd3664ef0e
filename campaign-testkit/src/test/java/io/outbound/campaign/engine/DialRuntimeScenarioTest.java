package io.outbound.campaign.engine;

import static io.outbound.campaign.engine.Scenarios.ORG;
import static io.outbound.campaign.engine.Scenarios.numbers;
import static io.outbound.campaign.engine.Scenarios.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.CallSessionStatus;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.RunsQuery;
import io.outbound.campaign.memory.InMemoryCampaignStore;
import io.outbound.campaign.spi.CallerPool;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.testkit.CampaignTestKit;
import io.outbound.campaign.testkit.FakeTelephony;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dial runtime in virtual time: slow and hung carriers, dial timeouts, pauses with dials queued,
 * pacing and shared caller ids, all deterministic under the test kit's manual clock.
 */
class DialRuntimeScenarioTest {

    /**
     * A refused dial whose failure the store could not record (a database blip) is recorded at the store's next
     * retry: the node renews the session's lease meanwhile, so recovery would never close it.
     */
    @Test
    void aRefusedDialTheStoreCouldNotRecordIsRecordedWhenTheStoreIsBack() {
        InMemoryCampaignStore store = spy(new InMemoryCampaignStore());
        doThrow(new CampaignException(ErrorCode.STORE_UNAVAILABLE, "database away")).doCallRealMethod()
                .when(store).recordOutcome(any(OutcomeReport.class));
        CampaignTestKit kit = CampaignTestKit.builder().store(store).build();
        String number = numbers(1).get(0);
        kit.telephony().refuseDials(number);
        Campaign campaign = started(kit, ORG, List.of(number), 1, null);

        kit.advance(Duration.ofSeconds(5));

        assertThat(kit.telephony().dials()).hasSize(1);
        CallSession session = kit.campaigns().runs(ORG, campaign.id(), RunsQuery.firstPage()).items().get(0);
        assertThat(session.status()).isEqualTo(CallSessionStatus.ENDED);
        assertThat(session.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(session.failureReason()).startsWith("dial failed: ");
        assertThat(kit.campaigns().progress(ORG, campaign.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void aDialThatTimesOutEndsFailedAndTheCarriersLateOutcomeIsStillRecorded() {
        CampaignTestKit kit = CampaignTestKit.builder().engine(e -> e.dialTimeout(Duration.ofSeconds(30))).build();
        String slow = numbers(1).get(0);
        kit.telephony().hangDialsTo(slow, Duration.ofSeconds(45)).callDuration(Duration.ofSeconds(20));
        Campaign campaign = started(kit, ORG, List.of(slow), 1, null);

        kit.advance(Duration.ofSeconds(31));
        CallSession timedOut = onlySession(kit, campaign);
        assertThat(timedOut.status()).isEqualTo(CallSessionStatus.ENDED);
        assertThat(timedOut.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(timedOut.failureReason()).isEqualTo("dial timed out");
        assertThat(kit.campaigns().progress(ORG, campaign.id()).status()).isEqualTo(CampaignStatus.COMPLETED);

        kit.runUntilIdle();      // the carrier accepts at 45 s anyway; the call ends at 65 s

        CallSession late = onlySession(kit, campaign);
        assertThat(late.outcome()).isEqualTo(CallOutcome.COMPLETED);
        assertThat(kit.campaigns().progress(ORG, campaign.id()).completed()).isEqualTo(1);
        assertThat(kit.telephony().dials()).hasSize(1);
    }

    @Test
    void pausingWithDialsQueuedPlacesNoneOfThemAndCountsNoAttempt() {
        CampaignTestKit kit = CampaignTestKit.builder().engine(e -> e.dialConcurrency(2)).build();
        kit.telephony().dialLatency(Duration.ofSeconds(10)).callDuration(Duration.ofMinutes(1));
        Campaign campaign = started(kit, ORG, numbers(8), 8, null);
        kit.advance(Duration.ofSeconds(1));
        CampaignProgress busy = kit.campaigns().progress(ORG, campaign.id());
        assertThat(kit.telephony().dials()).hasSize(2);
        assertThat(busy.inProgress()).isGreaterThan(2);       // claimed calls wait for a place in the pool

        Campaign paused = kit.campaigns().pause(ORG, campaign.id());

        assertThat(paused.progress().inProgress()).isEqualTo(2);
        assertThat(paused.progress().pending()).isEqualTo(6);
        kit.runUntilIdle();
        assertThat(kit.telephony().dials()).hasSize(2);
        assertThat(kit.campaigns().runs(ORG, campaign.id(), RunsQuery.firstPage()).total()).isEqualTo(2);

        kit.campaigns().resume(ORG, campaign.id());
        kit.runUntilIdle();
        assertThat(kit.telephony().dials()).hasSize(8)
                .allSatisfy(d -> assertThat(d.request().attempt()).isEqualTo(1));
        assertThat(kit.telephony().dials()).extracting(d -> d.request().toNumber())
                .containsExactlyInAnyOrderElementsOf(numbers(8));
        assertThat(kit.campaigns().progress(ORG, campaign.id()).completed()).isEqualTo(8);
    }

    @Test
    void aSlowCarrierStillFillsTheCampaignsConcurrency() {
        CampaignTestKit kit = CampaignTestKit.builder().build();
        kit.telephony().dialLatency(Duration.ofMillis(100)).callDuration(Duration.ofSeconds(2));
        Campaign campaign = started(kit, ORG, numbers(240), 40, null);

        kit.runUntilIdle();

        assertThat(kit.telephony().maxConcurrentCalls(campaign.id())).isEqualTo(40);
        assertThat(kit.campaigns().progress(ORG, campaign.id()).completed()).isEqualTo(240);
    }

    @Test
    void aCampaignWithThousandsDueCannotStarveAnotherCampaignsFirstDial() {
        CampaignTestKit kit = CampaignTestKit.builder().engine(e -> e.dialConcurrency(4)).build();
        kit.telephony().dialLatency(Duration.ofSeconds(1)).callDuration(Duration.ofMinutes(5));
        Campaign big = started(kit, ORG, numbers(2000), 500, null);
        kit.advance(Duration.ofMillis(10));
        Instant secondStarted = kit.now();
        Campaign small = started(kit, ORG, numbers(3, 5000), 3, null);

        kit.advance(Duration.ofSeconds(3));

        List<FakeTelephony.Dial> smallDials = kit.telephony().dials().stream()
                .filter(d -> d.request().campaignId() == small.id()).toList();
        assertThat(smallDials).isNotEmpty();
        assertThat(smallDials.get(0).at()).isBefore(secondStarted.plusSeconds(2));
        assertThat(kit.telephony().dials().stream().filter(d -> d.request().campaignId() == big.id()).count())
                .isGreaterThan(4);
    }

    @Test
    void aHungCarrierHoldsOnlyItsCampaignsShareOfThePool() {
        CampaignTestKit kit = CampaignTestKit.builder().engine(e -> e.dialConcurrency(4)).build();
        kit.telephony().callDuration(Duration.ofSeconds(5));
        Campaign hung = Scenarios.draft(kit, ORG, numbers(50), 50, null);
        kit.telephony().hangDials(hung.id(), Duration.ofMinutes(10));
        kit.campaigns().start(ORG, hung.id());
        kit.advance(Duration.ofSeconds(2));                  // the hung dials fill the pool, then stall
        Campaign healthy = started(kit, ORG, numbers(20, 100), 5, null);

        kit.advance(Duration.ofSeconds(30));

        assertThat(kit.campaigns().progress(ORG, healthy.id()).completed()).isEqualTo(20);
        assertThat(kit.campaigns().progress(ORG, hung.id()).completed()).isZero();
    }

    @Test
    void aPacedConfigurationNeverDialsMoreThanItsRateInAnySecondAndSaysSo() {
        CampaignTestKit kit = CampaignTestKit.builder()
                .callerPool(ORG, CallerPool.exclusive(callers(20)).withCallsPerSecond(2)).build();
        kit.telephony().callDuration(Duration.ofSeconds(3));
        Campaign campaign = started(kit, ORG, numbers(40), 20, null);

        kit.advance(Duration.ofSeconds(5));
        Campaign running = kit.campaigns().get(ORG, campaign.id());
        kit.runUntilIdle();

        assertThat(running.status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(running.statusReason()).startsWith("dialling paced: ").contains("2.0 calls per second");
        assertThat(kit.telephony().maxDialsPerSecond()).isEqualTo(2);
        List<FakeTelephony.Dial> dials = kit.telephony().dials();
        assertThat(dials).hasSize(40);
        Duration span = Duration.between(dials.get(0).at(), dials.get(39).at());
        assertThat(span).isBetween(Duration.ofMillis(19_500), Duration.ofMillis(21_000));
        Campaign done = kit.campaigns().get(ORG, campaign.id());
        assertThat(done.status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void sharedCallerIdsCarrySeveralCallsEachButNeverMoreThanTheirLimit() {
        List<String> two = callers(2);
        CampaignTestKit kit = CampaignTestKit.builder().callerPool(ORG, CallerPool.shared(two, 3)).build();
        kit.telephony().callDuration(Duration.ofMinutes(2));
        Campaign campaign = started(kit, ORG, numbers(30), 10, null);

        kit.runUntilIdle();

        assertThat(kit.telephony().maxConcurrentCalls(campaign.id())).isEqualTo(6);
        assertThat(two).allSatisfy(n -> assertThat(kit.telephony().maxConcurrentCallsFrom(n)).isEqualTo(3));
        assertThat(kit.campaigns().progress(ORG, campaign.id()).completed()).isEqualTo(30);
    }

    @Test
    void idleSharedCallerIdsTakeTurns() {
        List<String> three = callers(3);
        CampaignTestKit kit = CampaignTestKit.builder().callerPool(ORG, CallerPool.shared(three, 2)).build();
        Campaign campaign = started(kit, ORG, numbers(9), 1, null);

        kit.runUntilIdle();

        assertThat(kit.telephony().dials()).extracting(d -> d.request().callerNumber())
                .containsExactlyElementsOf(List.of(three.get(0), three.get(1), three.get(2), three.get(0),
                        three.get(1), three.get(2), three.get(0), three.get(1), three.get(2)));
        assertThat(kit.campaigns().progress(ORG, campaign.id()).completed()).isEqualTo(9);
    }

    private static List<String> callers(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> String.format("+1555000%04d", i)).toList();
    }

    private static CallSession onlySession(CampaignTestKit kit, Campaign campaign) {
        List<CallSession> runs = kit.campaigns().runs(ORG, campaign.id(), RunsQuery.firstPage()).items();
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }
}
