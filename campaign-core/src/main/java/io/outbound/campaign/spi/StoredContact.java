package io.outbound.campaign.spi;

import io.outbound.campaign.CallOutcome;
import java.util.List;
import java.util.Set;

/**
 * A contact as a store keeps it, for redial.
 *
 * @param seq         its position in the campaign, from 1
 * @param phoneNumber its number
 * @param values      its other fields, aligned with the campaign's contact columns
 * @param lastOutcome the outcome of its latest ended attempt, or {@code null} when never dialled
 * @param reached     whether any attempt reached a person
 */
public record StoredContact(long seq, String phoneNumber, List<String> values, CallOutcome lastOutcome,
                            boolean reached) {

    public StoredContact {
        values = List.copyOf(values);
    }

    /**
     * Whether a redial for these outcomes calls this contact again: it was never reached by a person and its latest
     * outcome is one of {@code lastOutcomes} (a contact never dialled has none, so it is never taken).
     */
    public boolean isRedialFor(Set<CallOutcome> lastOutcomes) {
        return !reached && lastOutcome != null && lastOutcomes.contains(lastOutcome);
    }
}
