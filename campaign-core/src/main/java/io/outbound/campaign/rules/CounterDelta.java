package io.outbound.campaign.rules;

import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;

/**
 * A change of a campaign's counters: how many contacts enter (positive) or leave (negative) each state, and
 * how many contacts answered for the first time. A transition of one contact moves one out of its old state
 * and one into its new one, so the counters of states always sum to the campaign's contacts (the progress
 * partition); {@code answered} counts contacts, not calls, and only grows.
 */
public record CounterDelta(long pending, long inProgress, long retryScheduled, long completed, long failed,
                           long skipped, long answered) {

    /** No change. */
    public static final CounterDelta NONE = new CounterDelta(0, 0, 0, 0, 0, 0, 0);

    /** Every move of one contact, by its states' ordinals: the values are shared, as a store makes one per call. */
    private static final CounterDelta[][] MOVES = moves();

    /** One contact moved from one state to another ({@code from == to}: no change). */
    public static CounterDelta move(ContactState from, ContactState to) {
        return MOVES[from.ordinal()][to.ordinal()];
    }

    private static CounterDelta[][] moves() {
        ContactState[] states = ContactState.values();
        CounterDelta[][] moves = new CounterDelta[states.length][states.length];
        for (ContactState from : states) {
            for (ContactState to : states) {
                moves[from.ordinal()][to.ordinal()] = from == to ? NONE : of(to, 1).plus(of(from, -1));
            }
        }
        return moves;
    }

    /** {@code count} contacts entering (or, negative, leaving) a state. */
    public static CounterDelta of(ContactState state, long count) {
        return switch (state) {
            case PENDING -> new CounterDelta(count, 0, 0, 0, 0, 0, 0);
            case IN_PROGRESS -> new CounterDelta(0, count, 0, 0, 0, 0, 0);
            case RETRY_SCHEDULED -> new CounterDelta(0, 0, count, 0, 0, 0, 0);
            case COMPLETED -> new CounterDelta(0, 0, 0, count, 0, 0, 0);
            case FAILED -> new CounterDelta(0, 0, 0, 0, count, 0, 0);
            case SKIPPED -> new CounterDelta(0, 0, 0, 0, 0, count, 0);
        };
    }

    /** This change with {@code contacts} more contacts answering for the first time. */
    public CounterDelta withAnswered(long contacts) {
        if (contacts == 0) {
            return this;
        }
        return new CounterDelta(pending, inProgress, retryScheduled, completed, failed, skipped, answered + contacts);
    }

    /** Both changes together. */
    public CounterDelta plus(CounterDelta other) {
        return new CounterDelta(pending + other.pending, inProgress + other.inProgress,
                retryScheduled + other.retryScheduled, completed + other.completed, failed + other.failed,
                skipped + other.skipped, answered + other.answered);
    }

    /** This change {@code times} times. */
    public CounterDelta times(long times) {
        return new CounterDelta(pending * times, inProgress * times, retryScheduled * times, completed * times,
                failed * times, skipped * times, answered * times);
    }

    /** Whether nothing changes. */
    public boolean isNone() {
        return equals(NONE);
    }

    /** The progress after this change, with the campaign's status. */
    public CampaignProgress applyTo(CampaignProgress progress, CampaignStatus status) {
        return CampaignProgress.of(status, progress.pending() + pending, progress.inProgress() + inProgress,
                progress.retryScheduled() + retryScheduled, progress.completed() + completed,
                progress.failed() + failed, progress.skipped() + skipped, progress.answered() + answered);
    }
}
