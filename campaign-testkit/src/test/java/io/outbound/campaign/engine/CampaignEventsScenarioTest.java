package io.outbound.campaign.engine;

import static io.outbound.campaign.engine.Scenarios.ORG;
import static io.outbound.campaign.engine.Scenarios.draft;
import static io.outbound.campaign.engine.Scenarios.numbers;
import static io.outbound.campaign.engine.Scenarios.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.events.CallDialled;
import io.outbound.campaign.events.CallEnded;
import io.outbound.campaign.events.CampaignEvent;
import io.outbound.campaign.events.CampaignListener;
import io.outbound.campaign.events.CampaignStatusChanged;
import io.outbound.campaign.events.ContactSkipped;
import io.outbound.campaign.events.DialFailed;
import io.outbound.campaign.events.EngineObserver;
import io.outbound.campaign.events.StoreOperation;
import io.outbound.campaign.memory.InMemoryCampaignStore;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.testkit.CampaignTestKit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CampaignEventsScenarioTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    /** Keeps every event, in the order delivered. */
    static final class Recorder implements CampaignListener {
        final List<CampaignEvent> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void campaignStatusChanged(CampaignStatusChanged event) {
            events.add(event);
        }

        @Override
        public void callDialled(CallDialled event) {
            events.add(event);
        }

        @Override
        public void callEnded(CallEnded event) {
            events.add(event);
        }

        @Override
        public void dialFailed(DialFailed event) {
            events.add(event);
        }

        @Override
        public void contactSkipped(ContactSkipped event) {
            events.add(event);
        }

        List<CampaignEvent> events() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }
    }

    private static List<CampaignEvent> delivered(CampaignTestKit kit, Recorder recorder) throws InterruptedException {
        assertThat(kit.engine().awaitEvents(DEADLINE)).as("events delivered within " + DEADLINE).isTrue();
        return recorder.events();
    }

    @Test
    void aScriptedCampaignTellsEveryStatusChangeDialAndOutcomeInOrder() throws InterruptedException {
        Recorder recorder = new Recorder();
        CampaignTestKit kit = CampaignTestKit.builder().engine(e -> e.listener(recorder)).build();
        kit.telephony().callDuration(Duration.ofSeconds(30));
        List<String> n = numbers(2);
        kit.telephony().script(n.get(0), CallOutcome.BUSY, CallOutcome.COMPLETED);
        kit.telephony().script(n.get(1), CallOutcome.NO_ANSWER);
        Instant t0 = kit.now();
        Campaign campaign = started(kit, ORG, n, 1, new RetryConfig(true, 1, 60, true, false, false));
        kit.runUntilIdle();

        List<CampaignEvent> events = delivered(kit, recorder);
        assertThat(events).extracting(CampaignEventsScenarioTest::describe).containsExactly(
                "status draft->running",
                "dialled " + n.get(0) + " attempt 1",
                "ended busy answered=false 30s",
                "dialled " + n.get(1) + " attempt 1",
                "ended no_answer answered=false 30s",
                "dialled " + n.get(0) + " attempt 2",
                "ended completed answered=true 30s",
                "status running->completed");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.orgId()).isEqualTo(ORG);
            assertThat(e.campaignId()).isEqualTo(campaign.id());
            assertThat(e.at()).isAfterOrEqualTo(t0);
        });
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).at()).isAfterOrEqualTo(events.get(i - 1).at());
        }
        CallDialled first = (CallDialled) events.get(1);
        CallEnded firstEnd = (CallEnded) events.get(2);
        assertThat(firstEnd.sessionId()).isEqualTo(first.sessionId());
        assertThat(firstEnd.at()).isEqualTo(first.at().plusSeconds(30));
        assertThat(((CampaignStatusChanged) events.get(7)).at())
                .isEqualTo(kit.campaigns().get(ORG, campaign.id()).completedAt());
        assertThat(kit.engine().droppedEvents()).isZero();
    }

    @Test
    void pauseAndResumeByACallerAreStatusChangesAndAnUpdateIsNot() throws InterruptedException {
        Recorder recorder = new Recorder();
        CampaignTestKit kit = CampaignTestKit.builder().engine(e -> e.listener(recorder)).build();
        Campaign campaign = draft(kit, ORG, numbers(1), 1, null);
        kit.campaigns().start(ORG, campaign.id());
        kit.campaigns().start(ORG, campaign.id());           // idempotent: no second event
        kit.campaigns().pause(ORG, campaign.id());
        kit.campaigns().pause(ORG, campaign.id());
        kit.campaigns().update(ORG, campaign.id(),
                io.outbound.campaign.UpdateCampaignRequest.builder().name("Renamed").build());
        kit.campaigns().resume(ORG, campaign.id());

        assertThat(delivered(kit, recorder)).extracting(CampaignEventsScenarioTest::describe).containsExactly(
                "status draft->running", "status running->paused", "status paused->running");
    }

    @Test
    void failedDialsAreToldAsDialFailuresAndThePauseTheyCauseCarriesItsReason() throws InterruptedException {
        Recorder recorder = new Recorder();
        CampaignTestKit kit = CampaignTestKit.builder()
                .engine(e -> e.listener(recorder).pauseAfterConsecutiveFailures(2)).build();
        List<String> n = numbers(3);
        kit.telephony().failNextDials(2);
        Campaign campaign = started(kit, ORG, n, 1, null);
        kit.runUntilIdle();

        List<CampaignEvent> events = delivered(kit, recorder);
        assertThat(events).extracting(CampaignEventsScenarioTest::describe).containsExactly(
                "status draft->running",
                "dialled " + n.get(0) + " attempt 1",
                "dial failed: provider refused the call to " + n.get(0) + " timedOut=false",
                "dialled " + n.get(1) + " attempt 1",
                "dial failed: provider refused the call to " + n.get(1) + " timedOut=false",
                "status running->paused");
        assertThat(((CampaignStatusChanged) events.get(5)).reason())
                .isEqualTo("paused after 2 technical failures in a row; last: dial failed: provider refused the call to "
                        + n.get(1));
        assertThat(kit.campaigns().get(ORG, campaign.id()).status()).isEqualTo(CampaignStatus.PAUSED);
    }

    @Test
    void aDialPastItsTimeoutIsATimedOutDialFailureAndItsRealOutcomeALateEnd() throws InterruptedException {
        Recorder recorder = new Recorder();
        CampaignTestKit kit = CampaignTestKit.builder()
                .engine(e -> e.listener(recorder).dialTimeout(Duration.ofSeconds(30))).build();
        String slow = numbers(1).get(0);
        kit.telephony().hangDialsTo(slow, Duration.ofSeconds(45)).callDuration(Duration.ofSeconds(20));
        started(kit, ORG, List.of(slow), 1, null);
        kit.runUntilIdle();

        assertThat(delivered(kit, recorder)).extracting(CampaignEventsScenarioTest::describe).containsExactly(
                "status draft->running",
                "dialled " + slow + " attempt 1",
                "dial failed: dial timed out timedOut=true",
                "status running->completed",
                "ended completed answered=true 20s late");
    }

    @Test
    void aListenerThatThrowsIsIsolatedFromTheOthersAndStillToldEveryEvent() throws InterruptedException {
        CampaignListener failing = mock(CampaignListener.class);
        doThrow(new IllegalStateException("listener bug")).when(failing).callDialled(any());
        doThrow(new IllegalStateException("listener bug")).when(failing).campaignStatusChanged(any());
        Recorder recorder = new Recorder();
        CampaignTestKit kit = CampaignTestKit.builder().engine(e -> e.listener(failing).listener(recorder)).build();
        started(kit, ORG, numbers(3), 1, null);
        kit.runUntilIdle();

        assertThat(delivered(kit, recorder)).hasSize(1 + 3 + 3 + 1);
        verify(failing, times(2)).campaignStatusChanged(any());
        verify(failing, times(3)).callDialled(any());
        verify(failing, times(3)).callEnded(any());
    }

    @Test
    void aListenerTooSlowForTheQueueLosesEventsNotDials() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        CampaignListener stuck = new CampaignListener() {
            @Override
            public void campaignStatusChanged(CampaignStatusChanged event) {
                blocked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        CampaignTestKit kit = CampaignTestKit.builder()
                .engine(e -> e.listener(stuck).eventQueueCapacity(2)).build();
        Campaign campaign = draft(kit, ORG, numbers(10), 2, null);
        kit.campaigns().start(ORG, campaign.id());
        assertThat(blocked.await(DEADLINE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)).isTrue();
        kit.runUntilIdle();     // would never return if publishing waited for the stuck listener

        assertThat(kit.campaigns().get(ORG, campaign.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(kit.telephony().dials()).hasSize(10);
        // 10 dialled + 10 ended + completed = 21 published while the listener held the first; 2 fit the queue.
        assertThat(kit.engine().droppedEvents()).isEqualTo(19);
        release.countDown();
        assertThat(kit.engine().awaitEvents(DEADLINE)).isTrue();
    }

    @Test
    void observersAreToldOfClaimsHandoversDialsAndOutcomesAndOfAFailedClaim() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        InMemoryCampaignStore store = spy(new InMemoryCampaignStore());
        CampaignTestKit kit = CampaignTestKit.builder().store(store).engine(e -> e.observer(new EngineObserver() {
            @Override
            public void storeOperation(StoreOperation operation, Duration elapsed, Throwable failure) {
                seen.add((elapsed.isNegative() ? "negative " : "") + operation
                        + (failure == null ? "" : " failed: " + failure.getMessage()));
            }

            @Override
            public void dialReturned(Duration elapsed, Throwable failure) {
                seen.add((elapsed.isNegative() ? "negative " : "") + "DIAL"
                        + (failure == null ? "" : " failed: " + failure.getMessage()));
            }
        })).build();
        Campaign campaign = draft(kit, ORG, numbers(1), 1, null);
        doThrow(new CampaignException(ErrorCode.STORE_UNAVAILABLE, "database away"))
                .doCallRealMethod().when(store).claim(any(ClaimRequest.class));
        kit.campaigns().start(ORG, campaign.id());
        kit.runUntilIdle();
        kit.advance(Duration.ofSeconds(1));     // the next pass, after the failed one
        kit.runUntilIdle();

        assertThat(seen).startsWith(StoreOperation.CLAIM + " failed: database away");
        assertThat(seen).noneMatch(s -> s.startsWith("negative"));
        assertThat(seen).contains(StoreOperation.CLAIM.name(), StoreOperation.HAND_OVER.name(), "DIAL",
                StoreOperation.RECORD_OUTCOME.name());
        assertThat(kit.campaigns().get(ORG, campaign.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void aBuilderRefusesAnEventQueueWithoutRoom() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> io.outbound.campaign.CampaignEngine.builder().eventQueueCapacity(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("eventQueueCapacity must be between 1 and 10000000, was 0");
    }

    private static String describe(CampaignEvent event) {
        if (event instanceof CampaignStatusChanged e) {
            return "status " + e.from().json() + "->" + e.to().json();
        } else if (event instanceof CallDialled e) {
            return "dialled " + e.phoneNumber() + " attempt " + e.attempt();
        } else if (event instanceof CallEnded e) {
            return "ended " + e.outcome().json() + " answered=" + e.answered() + " "
                    + (e.duration() == null ? "?" : e.duration().toSeconds() + "s") + (e.late() ? " late" : "");
        } else if (event instanceof DialFailed e) {
            return "dial failed: " + e.reason().replaceFirst("^dial failed: ", "") + " timedOut=" + e.timedOut();
        }
        return event.toString();
    }
}
