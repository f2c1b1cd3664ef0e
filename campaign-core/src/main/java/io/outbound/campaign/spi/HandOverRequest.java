package io.outbound.campaign.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A node's request to hand claimed sessions to the telephony: see {@link CampaignStore#handOver}.
 *
 * @param sessionIds the sessions, claimed by this node, in the order they should be dialled
 * @param now        the handover instant, against which pacing is counted
 * @param pacing     the pace of the sessions' telephony configuration, or {@code null} when it has none
 */
public record HandOverRequest(List<String> sessionIds, Instant now, DialPacing pacing) {

    public HandOverRequest {
        sessionIds = List.copyOf(sessionIds);
        Objects.requireNonNull(now, "now");
    }
}
