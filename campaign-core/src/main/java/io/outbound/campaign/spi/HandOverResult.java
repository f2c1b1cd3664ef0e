package io.outbound.campaign.spi;

import java.time.Instant;
import java.util.List;

/**
 * What a handover did.
 *
 * @param handedOver  the sessions the node may now dial, in the request's order
 * @param pacedUntil  when the request was paced and some sessions were held back for it: the earliest
 *                    instant the configuration's next dial may be handed over; else {@code null}
 */
public record HandOverResult(List<String> handedOver, Instant pacedUntil) {

    public HandOverResult {
        handedOver = List.copyOf(handedOver);
    }
}
