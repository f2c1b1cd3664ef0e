package io.outbound.campaign.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A dial handed to the telephony did not place a call: {@code Telephony.dial} threw (or its stage completed
 * exceptionally), or it had not returned within the engine's {@code dialTimeout}. The session was recorded as
 * {@code failed} with {@code reason}, which counts towards pausing the campaign after repeated failures.
 *
 * @param orgId      the organisation
 * @param campaignId the campaign
 * @param sessionId  the call session
 * @param reason     what went wrong ({@code "dial timed out"}, or {@code "dial failed: "} and the carrier's
 *                   message)
 * @param timedOut   whether the dial timed out rather than failed; a real outcome reported later for it arrives
 *                   as a late {@link CallEnded}
 * @param at         when it was recorded
 */
public record DialFailed(String orgId, long campaignId, String sessionId, String reason, boolean timedOut,
                         Instant at) implements CampaignEvent {

    public DialFailed {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
