package io.outbound.campaign.internal.engine;

import io.outbound.campaign.internal.calendar.CallingCalendar;
import io.outbound.campaign.spi.ClaimRules;
import java.time.Instant;

/**
 * When the calls of one claim may still start: the campaign's calling hours, and the local hours of every zone
 * that was open when they were claimed. A claimed call waits in its node's {@link DialPool} for a place or for
 * its configuration's pace, which may take it past the end of the window it was claimed in; the pool asks this
 * just before the handover, and gives back what may no longer start.
 *
 * <p>Which zone each claimed contact is in is not known here, so the window is that of every zone open at the
 * claim: when any of them closes, every call of the claim still waiting goes back, and the dispatcher claims
 * again from the zones still open. The queue holds about one claim batch, so that costs one claim.
 *
 * @param hours   the campaign's calling hours
 * @param plan    the campaign's contact rules, compiled
 * @param claimed the plan's rules at the claim: which zones were open
 */
record DialWindow(CallingCalendar hours, ContactRulesPlan plan, ClaimRules claimed) {

    /** Whether the calls may start at {@code t}. */
    boolean allows(Instant t) {
        return hours.isOpen(t) && plan.stillOpen(claimed, t);
    }
}
