package io.outbound.campaign.rules;

import java.util.Locale;

/**
 * Where a contact of a campaign stands. Each contact is in exactly one state, and the campaign's
 * {@link io.outbound.campaign.CampaignProgress} counts them; the name of each constant is also how stores
 * write the state (the JDBC store's {@code campaign_contacts.state}).
 */
public enum ContactState {
    /** Never dialled (or its only claim was returned undialled). */
    PENDING,
    /** In a call: claimed, and not yet ended. */
    IN_PROGRESS,
    /** Waiting for its next attempt, due at an instant. */
    RETRY_SCHEDULED,
    /** Reached by a person: final. */
    COMPLETED,
    /** Final without success: attempts spent, an outcome that is not retried, or its call lost. */
    FAILED,
    /**
     * Final without a call: the contact rules forbid calling it (its number is suppressed, or its local time
     * cannot be known under the campaign's jurisdiction). Why is kept with the contact.
     */
    SKIPPED;

    /** Whether no further attempt will be made. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == SKIPPED;
    }

    /** The state written by {@link #name()}, read back; names the value when it is none. */
    public static ContactState parse(String stored) {
        try {
            return valueOf(stored.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("not a contact state: '" + stored + "'", e);
        }
    }
}
