package io.outbound.campaign.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A dispatcher's request to start calls for one campaign. The store claims at most
 * {@code min(maxCalls, campaign max_concurrency - campaign calls in flight, orgLimit - organisation calls
 * in flight, free places on the caller numbers)} due contacts, and only while the campaign is {@code running}.
 * A caller number has {@code maxCallsPerNumber} places, less the organisation's calls in flight holding it;
 * each call takes the number with the most free places, ties broken by rotating through
 * {@code callerNumbers} so that numbers take turns.
 *
 * <p>The new sessions are claimed, not yet handed over: the node hands them to the telephony with
 * {@link CampaignStore#handOver}, or gives them back with {@link CampaignStore#returnUndialled}.
 *
 * @param campaignId    the campaign
 * @param nodeId        the lease owner of the claiming node (its id and incarnation: one process life, see
 *                      {@code CampaignEngine.leaseOwner()}); the owner given to {@link CampaignStore#renewLeases}
 * @param now           the current time: retries due at or before it are claimable
 * @param leaseUntil    when the claimed sessions' leases expire unless renewed
 * @param maxCalls      the most calls to claim in this request, positive
 * @param orgLimit      the organisation's cap on simultaneous calls across its campaigns
 * @param callerNumbers the caller numbers of the campaign's telephony configuration
 * @param maxCallsPerNumber the most calls one caller number carries at once: 1 for exclusive caller ids
 * @param rules         the contact rules to apply to each candidate ({@link ClaimRules#NONE}: none)
 */
public record ClaimRequest(
        long campaignId,
        String nodeId,
        Instant now,
        Instant leaseUntil,
        int maxCalls,
        int orgLimit,
        List<String> callerNumbers,
        int maxCallsPerNumber,
        ClaimRules rules) {

    /** A claim without contact rules. */
    public ClaimRequest(long campaignId, String nodeId, Instant now, Instant leaseUntil, int maxCalls, int orgLimit,
                        List<String> callerNumbers, int maxCallsPerNumber) {
        this(campaignId, nodeId, now, leaseUntil, maxCalls, orgLimit, callerNumbers, maxCallsPerNumber,
                ClaimRules.NONE);
    }

    public ClaimRequest {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        callerNumbers = List.copyOf(callerNumbers);
        rules = rules == null ? ClaimRules.NONE : rules;
        if (maxCalls < 1) {
            throw new IllegalArgumentException("maxCalls must be positive, was " + maxCalls);
        }
        if (maxCallsPerNumber < 1) {
            throw new IllegalArgumentException("maxCallsPerNumber must be positive, was " + maxCallsPerNumber);
        }
    }

    /** A claim with exclusive caller numbers: one call per number at a time. */
    public ClaimRequest(long campaignId, String nodeId, Instant now, Instant leaseUntil, int maxCalls, int orgLimit,
                        List<String> callerNumbers) {
        this(campaignId, nodeId, now, leaseUntil, maxCalls, orgLimit, callerNumbers, 1);
    }
}
