package io.outbound.campaign.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A call was handed over to the telephony: the store marked its session dialled and the engine is about to call
 * {@code Telephony.dial}. Exactly one {@link CallEnded} or {@link DialFailed} follows for the session (a
 * {@link DialFailed} for a timed-out dial may be followed by a late {@link CallEnded}).
 *
 * @param orgId        the organisation
 * @param campaignId   the campaign
 * @param sessionId    the call session, the provider's idempotency key
 * @param phoneNumber  the number dialled (E.164). Personal data: keep it out of metric tags and logs that
 *                     outlive the campaign
 * @param callerNumber the caller number shown
 * @param attempt      1 for a contact's first call, 2 for its first retry, ...
 * @param at           when it was handed over
 */
public record CallDialled(String orgId, long campaignId, String sessionId, String phoneNumber, String callerNumber,
                          int attempt, Instant at) implements CampaignEvent {

    public CallDialled {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(at, "at");
    }
}
