package io.outbound.campaign.spi;

import io.outbound.campaign.CallOutcome;
import java.util.List;

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
}
