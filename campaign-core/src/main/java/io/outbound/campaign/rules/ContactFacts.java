package io.outbound.campaign.rules;

import io.outbound.campaign.CallOutcome;
import java.time.Instant;

/**
 * What a store keeps of one contact and what the rules read and decide about it.
 *
 * @param state         where it stands
 * @param attempts      dials started, including one in flight
 * @param nextAttemptAt when its retry falls due; kept while a retry's claim is in flight, so that a claim
 *                      returned undialled puts the retry back at its own due instant; {@code null} otherwise
 * @param lastOutcome   the outcome of its latest ended call, or {@code null}
 * @param reached       whether a person was ever reached (a redial never selects it)
 * @param answered      whether it ever answered (counted once in {@code answered})
 * @param lastSessionId its latest session, or {@code null}
 * @param note          why it waits (an attempt limit) or was skipped, or {@code null}
 */
public record ContactFacts(ContactState state, int attempts, Instant nextAttemptAt, CallOutcome lastOutcome,
                           boolean reached, boolean answered, String lastSessionId, String note) {

    /** Facts without a note. */
    public ContactFacts(ContactState state, int attempts, Instant nextAttemptAt, CallOutcome lastOutcome,
                        boolean reached, boolean answered, String lastSessionId) {
        this(state, attempts, nextAttemptAt, lastOutcome, reached, answered, lastSessionId, null);
    }

    /** A contact as imported: pending, never dialled. */
    public static final ContactFacts IMPORTED = new ContactFacts(ContactState.PENDING, 0, null, null, false,
            false, null);

    public ContactFacts {
        if (state == null) {
            throw new IllegalArgumentException("state is required");
        }
    }
}
