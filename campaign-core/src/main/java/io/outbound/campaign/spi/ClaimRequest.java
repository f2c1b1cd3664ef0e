package io.outbound.campaign.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A dispatcher's request to start calls for one campaign. The store claims at most
 * {@code min(maxCalls, campaign max_concurrency - campaign calls in flight, orgLimit - organisation calls
 * in flight, caller numbers of {@code callerNumbers} not held by an organisation call in flight)} due
 * contacts, and only while the campaign is {@code running}.
 *
 * @param campaignId    the campaign
 * @param nodeId        the claiming node; its leases are renewed by {@link CampaignStore#renewLeases}
 * @param now           the current time: retries due at or before it are claimable
 * @param leaseUntil    when the claimed sessions' leases expire unless renewed
 * @param maxCalls      the most calls to claim in this request, positive
 * @param orgLimit      the organisation's cap on simultaneous calls across its campaigns
 * @param callerNumbers the caller numbers of the campaign's telephony configuration
 */
public record ClaimRequest(
        long campaignId,
        String nodeId,
        Instant now,
        Instant leaseUntil,
        int maxCalls,
        int orgLimit,
        List<String> callerNumbers) {

    public ClaimRequest {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        callerNumbers = List.copyOf(callerNumbers);
        if (maxCalls < 1) {
            throw new IllegalArgumentException("maxCalls must be positive, was " + maxCalls);
        }
    }
}
