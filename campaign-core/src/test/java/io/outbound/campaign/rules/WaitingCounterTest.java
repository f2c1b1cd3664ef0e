package io.outbound.campaign.rules;

import static io.outbound.campaign.rules.RuleFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.WaitingContacts;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What "why is my campaign not calling everyone?" counts, contact by contact. */
class WaitingCounterTest {
    private static final ContactFacts PENDING = ContactFacts.IMPORTED;

    private static ContactFacts waiting(String note) {
        return new ContactFacts(ContactState.RETRY_SCHEDULED, 1, T0.plusSeconds(3600), CallOutcome.BUSY, false, false,
                "s1", note);
    }

    @Test
    void pendingContactsOfClosedZonesWaitForLocalHoursAndThoseOfOpenZonesDoNot() {
        WaitingCounter counter = new WaitingCounter(Set.of(1, 3));
        counter.add(PENDING, 0);
        counter.add(PENDING, 1);
        counter.add(PENDING, 3);
        counter.add(PENDING, 2);

        assertThat(counter.result()).isEqualTo(new WaitingContacts(2, 0, null));
    }

    @Test
    void aRetryMovedToItsZonesOpeningWaitsForLocalHoursWhetherOrNotItsZoneIsClosedNow() {
        WaitingCounter counter = new WaitingCounter(Set.of());
        counter.add(waiting(CallRules.OUTSIDE_LOCAL_HOURS), 0);

        assertThat(counter.result().forLocalHours()).isEqualTo(1);
    }

    @Test
    void aContactHeldByAnAttemptLimitWaitsForTheLimit() {
        WaitingCounter counter = new WaitingCounter(Set.of(0));
        counter.add(waiting(CallRules.attemptLimitReason(java.util.List.of(), T0)), 0);
        counter.add(waiting(CallRules.ATTEMPT_LIMIT_NOTE + " 3 per 24 h: waits until " + T0), 0);

        assertThat(counter.result()).isEqualTo(new WaitingContacts(0, 2, null));
    }

    @Test
    void anOrdinaryRetryAndAFinalOrInFlightContactAreNotHeldBack() {
        WaitingCounter counter = new WaitingCounter(Set.of(0));
        counter.add(waiting(null), 0);
        counter.add(CallRules.skipped(PENDING, "suppressed: opted out"), 0);
        counter.add(RuleFixtures.inCall("s1", 1), 0);
        counter.add(new ContactFacts(ContactState.FAILED, 3, null, CallOutcome.BUSY, false, false, "s3",
                CallRules.OUTSIDE_LOCAL_HOURS), 0);

        assertThat(counter.result()).isEqualTo(new WaitingContacts(0, 0, null));
    }
}
