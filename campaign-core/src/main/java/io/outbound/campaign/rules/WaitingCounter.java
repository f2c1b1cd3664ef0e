package io.outbound.campaign.rules;

import io.outbound.campaign.WaitingContacts;
import java.util.Objects;
import java.util.Set;

/**
 * Counts a campaign's contacts held back by its contact rules, one contact at a time, as
 * {@link io.outbound.campaign.spi.CampaignStore#countWaiting} defines them: for a store that reads its contacts
 * itself (a database counts the same conditions in its query). A contact waits for local hours when it is pending
 * in a closed zone, or waits for a due instant with the note {@link CallRules#OUTSIDE_LOCAL_HOURS}; it waits for an
 * attempt limit when it waits for a due instant with a note that {@linkplain CallRules#waitsForAttemptLimit names
 * one}. Any other contact is not counted.
 */
public final class WaitingCounter {
    private final Set<Integer> closedZones;
    private long forLocalHours;
    private long forAttemptLimits;

    /** A counter for a claim's instant at which the {@code closedZones} are closed. */
    public WaitingCounter(Set<Integer> closedZones) {
        this.closedZones = Objects.requireNonNull(closedZones, "closedZones");
    }

    /** Counts one contact of the campaign, in any state, with its zone. */
    public void add(ContactFacts contact, int zone) {
        ContactState state = contact.state();
        boolean waitsForInstant = state == ContactState.RETRY_SCHEDULED;
        if (state == ContactState.PENDING && closedZones.contains(zone)
                || waitsForInstant && CallRules.OUTSIDE_LOCAL_HOURS.equals(contact.note())) {
            forLocalHours++;
        } else if (waitsForInstant && CallRules.waitsForAttemptLimit(contact.note())) {
            forAttemptLimits++;
        }
    }

    /** What was counted; {@code nextOpening} is left {@code null} for the caller to fill. */
    public WaitingContacts result() {
        return new WaitingContacts(forLocalHours, forAttemptLimits, null);
    }
}
