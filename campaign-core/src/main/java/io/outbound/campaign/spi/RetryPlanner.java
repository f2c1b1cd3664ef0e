package io.outbound.campaign.spi;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.Campaign;
import java.time.Instant;

/**
 * Decides, inside a store's outcome operation, whether and when a contact is dialled again. The
 * engine supplies it; stores call it with the campaign's current settings and must not persist
 * anything it does not return.
 */
@FunctionalInterface
public interface RetryPlanner {

    /**
     * @param campaign the campaign with its current retry configuration and calling hours
     * @param outcome  how the attempt ended
     * @param attempt  the attempt that ended, from 1
     * @param endedAt  when it ended
     * @return when the next attempt falls due, or {@code null} when the contact is final
     */
    Instant retryAt(Campaign campaign, CallOutcome outcome, int attempt, Instant endedAt);
}
