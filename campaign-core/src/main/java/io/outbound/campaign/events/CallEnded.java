package io.outbound.campaign.events;

import io.outbound.campaign.CallOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A call's outcome, reported through {@code engine.calls().report}, was recorded: the session ended, the counters
 * and the retry schedule moved. A second report of the same session is not an event.
 *
 * @param orgId      the organisation
 * @param campaignId the campaign
 * @param sessionId  the call session
 * @param outcome    how the call ended
 * @param answered   whether a person answered
 * @param duration   the call's length as recorded, or {@code null} when the session has none
 * @param late       the session had been closed earlier (its dial timed out, or its node's lease expired) and
 *                   this is its real outcome, recorded late: it schedules no retry
 * @param at         when it was recorded
 */
public record CallEnded(String orgId, long campaignId, String sessionId, CallOutcome outcome, boolean answered,
                        Duration duration, boolean late, Instant at) implements CampaignEvent {

    public CallEnded {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
    }
}
