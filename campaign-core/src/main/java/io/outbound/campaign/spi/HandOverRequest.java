package io.outbound.campaign.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A node's request to hand claimed sessions to the telephony: see {@link CampaignStore#handOver}.
 *
 * @param sessionIds         the sessions, claimed by this node, in the order they should be dialled
 * @param now                the handover instant, against which pacing is counted
 * @param pacing             the pace of the sessions' telephony configuration, or {@code null} when it has none
 * @param respectSuppression whether a session whose number is on its organisation's suppression list is refused
 *                           (its campaign {@linkplain io.outbound.campaign.ContactRules#respectSuppression()
 *                           respects suppression}): a number added after the claim is then never dialled
 */
public record HandOverRequest(List<String> sessionIds, Instant now, DialPacing pacing, boolean respectSuppression) {

    public HandOverRequest {
        sessionIds = List.copyOf(sessionIds);
        Objects.requireNonNull(now, "now");
    }

    /** A handover that respects suppression, as campaigns do by default. */
    public HandOverRequest(List<String> sessionIds, Instant now, DialPacing pacing) {
        this(sessionIds, now, pacing, true);
    }

    /**
     * This handover for a store that marks sessions dialled one at a time and keeps the configuration's next free
     * dial instant itself, both under the operation's lock or transaction (see {@link CampaignStore#handOver}).
     * Unpaced, every session {@code dial} accepts is handed over. Paced, nothing is while {@code nextSlot} is after
     * {@code now} (the result says until when); otherwise the first session {@code dial} accepts is, and the store
     * then keeps {@link #nextSlot()} as the configuration's next free dial instant. Every session {@code dial} was
     * asked about and refused is in the result's {@link HandOverResult#refused()}.
     *
     * @param nextSlot the configuration's next free dial instant as the store holds it, or {@code null} (none yet,
     *                 or not paced)
     * @param dial     marks a session dialled when it is still claimed and not yet dialled (and, with
     *                 {@link #respectSuppression}, its number is not suppressed), and says whether it did
     */
    public HandOverResult handOverEach(Instant nextSlot, Predicate<String> dial) {
        if (pacing != null && nextSlot != null && nextSlot.isAfter(now)) {
            return new HandOverResult(List.of(), nextSlot);
        }
        List<String> handed = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String sessionId : sessionIds) {
            if (dial.test(sessionId)) {
                handed.add(sessionId);
                if (pacing != null) {
                    return new HandOverResult(handed, sessionIds.size() > 1 ? nextSlot() : null, refused);
                }
            } else {
                refused.add(sessionId);
            }
        }
        return new HandOverResult(handed, null, refused);
    }

    /**
     * The configuration's next free dial instant once a paced handover handed a session over: {@code now} plus the
     * pace's interval; {@code null} when not paced.
     */
    public Instant nextSlot() {
        return pacing == null ? null : now.plus(pacing.interval());
    }
}
