package io.outbound.campaign.spi;

import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;

/**
 * What recording an outcome did.
 *
 * @param kind     whether it was new, a repeat, or late
 * @param session  the session after the operation
 * @param campaign the campaign after the operation
 */
public record RecordResult(Kind kind, CallSession session, Campaign campaign) {

    /** What recording an outcome did. */
    public enum Kind {
        /** The outcome was recorded: the session ended, counters and retry schedule moved. */
        RECORDED,
        /** The session already had a reported outcome; nothing changed. */
        DUPLICATE,
        /**
         * The session had been closed as lost (its node stopped renewing its lease) and this is its real
         * outcome: the session now shows it, and a contact reached by it counts as completed. No retry is
         * scheduled by a late outcome.
         */
        LATE
    }
}
