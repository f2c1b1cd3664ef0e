package io.outbound.campaign.engine;

import static io.outbound.campaign.engine.Scenarios.ORG;
import static io.outbound.campaign.engine.Scenarios.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallingHours;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.Slot;
import io.outbound.campaign.UpdateCampaignRequest;
import io.outbound.campaign.memory.InMemoryCampaignStore;
import io.outbound.campaign.spi.CallerPool;
import io.outbound.campaign.testkit.CampaignTestKit;
import io.outbound.campaign.testkit.FakeTelephony;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallingHoursScenarioTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final CallingHours WEEKDAYS = CallingHours.of("America/New_York",
            Slot.of("monday", "09:00", "17:00"), Slot.of("tuesday", "09:00", "17:00"),
            Slot.of("wednesday", "09:00", "17:00"), Slot.of("thursday", "09:00", "17:00"),
            Slot.of("friday", "09:00", "17:00"));

    private static Instant newYork(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), NEW_YORK).toInstant();
    }

    private static Campaign start(CampaignTestKit kit, List<String> numbers, RetryConfig retry) {
        kit.putCsv("c.csv", Scenarios.csv(numbers));
        Campaign draft = kit.campaigns().create(ORG, CreateCampaignRequest.of("hours", 247, "c.csv", 2)
                .withCallingHours(WEEKDAYS).withRetryConfig(retry));
        return kit.campaigns().start(ORG, draft.id());
    }

    /**
     * A campaign of {@code contacts} contacts, all of them claimed at once, under weekday hours, started behind a
     * carrier whose API takes 4 s to accept each dial (calls of 20 s).
     */
    private static Campaign startedBehindASlowCarrier(CampaignTestKit kit, int contacts) {
        kit.telephony().dialLatency(Duration.ofSeconds(4)).callDuration(Duration.ofSeconds(20));
        kit.putCsv("c.csv", Scenarios.csv(numbers(contacts)));
        Campaign draft = kit.campaigns().create(ORG, CreateCampaignRequest.of("hours", 247, "c.csv", contacts)
                .withCallingHours(WEEKDAYS));
        return kit.campaigns().start(ORG, draft.id());
    }

    @Test
    void startedOnASaturdayTheFirstDialIsMondayAtNineLocalAndNoneBefore() {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(newYork("2026-06-06T11:00:00")).build();
        start(kit, numbers(3), null);

        kit.advance(Duration.ofHours(45).plusMinutes(59));
        assertThat(kit.telephony().dials()).isEmpty();
        kit.runUntilIdle();

        List<FakeTelephony.Dial> dials = kit.telephony().dials();
        assertThat(dials).hasSize(3);
        assertThat(dials.get(0).at()).isEqualTo(newYork("2026-06-08T09:00:00"));
        assertThat(dials).allSatisfy(d -> assertThat(d.at()).isAfterOrEqualTo(newYork("2026-06-08T09:00:00")));
    }

    @Test
    void aRetryFallingDueAfterTheSlotEndsWaitsForTheNextMorning() {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(newYork("2026-06-08T16:58:30")).build();
        kit.telephony().callDuration(Duration.ofSeconds(30));
        String number = numbers(1).get(0);
        kit.telephony().script(number, CallOutcome.BUSY, CallOutcome.COMPLETED);
        start(kit, List.of(number), new RetryConfig(true, 2, 120, true, true, true));

        kit.runUntilIdle();

        List<FakeTelephony.Dial> dials = kit.telephony().dialsTo(number);
        assertThat(dials).extracting(FakeTelephony.Dial::at)
                .containsExactly(newYork("2026-06-08T16:58:30"), newYork("2026-06-09T09:00:00"));
    }

    @Test
    void aCallInFlightMayRunPastTheSlotButNoCallStartsAfterIt() {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(newYork("2026-06-08T16:50:00")).build();
        kit.telephony().callDuration(Duration.ofMinutes(8));
        start(kit, numbers(6), null);

        kit.advance(Duration.ofHours(2));

        assertThat(kit.telephony().dials()).extracting(FakeTelephony.Dial::at)
                .containsExactly(newYork("2026-06-08T16:50:00"), newYork("2026-06-08T16:50:00"),
                        newYork("2026-06-08T16:58:00"), newYork("2026-06-08T16:58:00"));
        kit.runUntilIdle();
        assertThat(kit.telephony().dials().get(4).at()).isEqualTo(newYork("2026-06-09T09:00:00"));
    }

    /**
     * Calls claimed before the slot ends but still waiting for a dial place when it ends (a slow carrier API) are
     * never dialled after it: they go back, with no attempt counted, and are dialled when the next slot opens.
     */
    @Test
    void callsClaimedBeforeTheSlotEndsButStillQueuedWhenItEndsWaitForTheNextSlot() {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(newYork("2026-06-08T16:59:50"))
                .engine(e -> e.dialConcurrency(2)).build();
        Campaign campaign = startedBehindASlowCarrier(kit, 20);

        kit.advance(Duration.ofMinutes(5));

        List<FakeTelephony.Dial> today = kit.telephony().dials();
        assertThat(today).isNotEmpty().allSatisfy(d -> assertThat(d.at()).isBefore(newYork("2026-06-08T17:00:00")));
        assertThat(today.size()).as("some calls were still queued at 17:00").isLessThan(20);
        assertThat(kit.campaigns().progress(ORG, campaign.id()).inProgress()).isZero();

        kit.runUntilIdle();

        List<FakeTelephony.Dial> all = kit.telephony().dials();
        assertThat(all).hasSize(20);
        assertThat(all.subList(today.size(), 20)).allSatisfy(d -> {
            assertThat(d.at()).isAfterOrEqualTo(newYork("2026-06-09T09:00:00"));
            assertThat(d.request().attempt()).as("a call given back is no attempt").isEqualTo(1);
        });
        assertThat(kit.campaigns().progress(ORG, campaign.id()).completed()).isEqualTo(20);
    }

    /** Calling hours changed mid-run so that now is outside them: calls claimed under the old ones do not start. */
    @Test
    void callingHoursChangedToExcludeNowStopTheCallsStillQueued() {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(newYork("2026-06-08T10:00:00"))
                .engine(e -> e.dialConcurrency(1)).build();
        Campaign campaign = startedBehindASlowCarrier(kit, 10);
        kit.advance(Duration.ofSeconds(2));
        int before = kit.telephony().dials().size();
        assertThat(kit.campaigns().progress(ORG, campaign.id()).inProgress()).isEqualTo(10);

        Instant changed = kit.clock().instant();
        kit.campaigns().update(ORG, campaign.id(), UpdateCampaignRequest.builder()
                .callingHours(CallingHours.of("America/New_York", Slot.of("monday", "18:00", "19:00"))).build());
        kit.advance(Duration.ofMinutes(30));

        assertThat(kit.telephony().dials()).hasSize(before)
                .allSatisfy(d -> assertThat(d.at()).isBefore(changed));
        assertThat(kit.campaigns().progress(ORG, campaign.id()).inProgress())
                .as("only the calls dialled before the change").isLessThanOrEqualTo(before);
        kit.runUntilIdle();
        List<FakeTelephony.Dial> later = kit.telephony().dials().subList(before, 10);
        assertThat(later).allSatisfy(d -> {
            assertThat(d.at()).isAfterOrEqualTo(newYork("2026-06-08T18:00:00"));
            assertThat(d.request().attempt()).isEqualTo(1);
        });
    }

    /** A store that cannot take the calls back at once gets them again at its next retry; none is dialled. */
    @Test
    void callsGivenBackWhileTheStoreIsAwayAreGivenBackWhenItReturns() {
        InMemoryCampaignStore store = spy(new InMemoryCampaignStore());
        doThrow(new CampaignException(ErrorCode.STORE_UNAVAILABLE, "database away")).doCallRealMethod()
                .when(store).returnUndialled(anyCollection());
        CampaignTestKit kit = CampaignTestKit.builder().store(store).startAt(newYork("2026-06-08T16:59:50"))
                .engine(e -> e.dialConcurrency(2)).build();
        Campaign campaign = startedBehindASlowCarrier(kit, 20);

        kit.advance(Duration.ofMinutes(5));

        verify(store, times(2)).returnUndialled(anyCollection());
        assertThat(kit.telephony().dials()).hasSizeLessThan(20)
                .allSatisfy(d -> assertThat(d.at()).isBefore(newYork("2026-06-08T17:00:00")));
        assertThat(kit.campaigns().progress(ORG, campaign.id()).inProgress()).isZero();
        kit.runUntilIdle();
        assertThat(kit.campaigns().progress(ORG, campaign.id()).completed()).isEqualTo(20);
    }

    /** With a paced configuration a claimed call waits for its slot of the pace; the slot ending first wins. */
    @Test
    void aPacedCallWhoseTurnComesAfterTheSlotEndsWaitsForTheNextSlot() {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(newYork("2026-06-08T16:59:55"))
                .callerPool(ORG, CallerPool.exclusive(List.of("+15550000001", "+15550000002")).withCallsPerSecond(0.4)).build();
        kit.telephony().callDuration(Duration.ofSeconds(1));
        start(kit, numbers(5), null);

        kit.advance(Duration.ofMinutes(5));

        List<FakeTelephony.Dial> today = kit.telephony().dials();
        assertThat(today).isNotEmpty().allSatisfy(d -> assertThat(d.at()).isBefore(newYork("2026-06-08T17:00:00")));
        kit.runUntilIdle();
        assertThat(kit.telephony().dials()).hasSize(5);
        assertThat(kit.telephony().dials().get(today.size()).at()).isEqualTo(newYork("2026-06-09T09:00:00"));
    }

    @Test
    void removingTheCallingHoursByUpdateLetsCallsStartAtOnce() {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(newYork("2026-06-06T11:00:00")).build();
        Campaign campaign = start(kit, numbers(2), null);
        kit.advance(Duration.ofMinutes(1));
        assertThat(kit.telephony().dials()).isEmpty();

        kit.campaigns().update(ORG, campaign.id(), UpdateCampaignRequest.builder().callingHours(null).build());
        kit.advance(Duration.ofSeconds(1));

        assertThat(kit.telephony().dials()).hasSize(2);
    }
}
