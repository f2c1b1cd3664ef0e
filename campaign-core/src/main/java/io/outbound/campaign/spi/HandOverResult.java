package io.outbound.campaign.spi;

import java.time.Instant;
import java.util.List;

/**
 * What a handover did.
 *
 * @param handedOver the sessions the node may now dial, in the request's order
 * @param pacedUntil when the request was paced and some sessions were held back for it: the earliest
 *                   instant the configuration's next dial may be handed over; else {@code null}
 * @param refused    the sessions the store looked at and did not hand over, in the request's order: given back,
 *                   recovered or ended since the claim, or (when the request respects suppression) with a number on
 *                   the organisation's suppression list. The node gives them back ({@link
 *                   CampaignStore#returnUndialled}), which returns the last kind and ignores the others. A paced
 *                   request's sessions after the one handed over are in neither list: they wait for the next slot.
 */
public record HandOverResult(List<String> handedOver, Instant pacedUntil, List<String> refused) {

    public HandOverResult {
        handedOver = List.copyOf(handedOver);
        refused = List.copyOf(refused);
    }

    /**
     * A result that does not say which sessions were refused: the node then dials what was handed over and leaves
     * the rest to the store (or, paced, to the next slot).
     */
    public HandOverResult(List<String> handedOver, Instant pacedUntil) {
        this(handedOver, pacedUntil, List.of());
    }
}
