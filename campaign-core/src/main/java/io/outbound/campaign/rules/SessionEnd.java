package io.outbound.campaign.rules;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.CallSessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How a session ends, as a store writes it.
 *
 * @param outcome           the outcome
 * @param answered          whether a person or machine answered
 * @param answeredAt        when, or {@code null}
 * @param endedAt           when the call ended
 * @param durationSeconds   its length
 * @param transcriptSummary the agent's summary, or {@code null}
 * @param extractedData     what the agent extracted, or {@code null}
 * @param failureReason     why it failed, or {@code null}
 * @param lost              the session was closed without the carrier's outcome (its lease expired, or the
 *                          engine gave up on its dial): it takes one late report of the real outcome
 * @param late              this end is that late report
 */
public record SessionEnd(CallOutcome outcome, boolean answered, Instant answeredAt, Instant endedAt,
                         long durationSeconds, String transcriptSummary, Map<String, Object> extractedData,
                         String failureReason, boolean lost, boolean late) {

    /**
     * The end a carrier's result gives a session: it ends at the result's instant, or {@code now} when the
     * result has none; its duration is the result's, or from the session's start to its end.
     */
    public static SessionEnd of(CallSession session, CallResult result, Instant now, boolean lost, boolean late) {
        Instant endedAt = result.endedAt() != null ? result.endedAt() : now;
        long duration = result.durationSeconds() != null ? result.durationSeconds()
                : Math.max(0, Duration.between(session.startedAt(), endedAt).getSeconds());
        return new SessionEnd(result.outcome(), result.wasAnswered(), result.answeredAt(), endedAt, duration,
                result.transcriptSummary(), result.extractedData(), result.failureReason(), lost, late);
    }

    /** The session as it reads once ended this way. */
    public CallSession applyTo(CallSession session) {
        return new CallSession(session.sessionId(), session.campaignId(), session.phoneNumber(), session.attempt(),
                CallSessionStatus.ENDED, outcome, answered, session.callerNumber(), session.startedAt(), answeredAt,
                endedAt, durationSeconds, transcriptSummary, extractedData, session.initialContext(), failureReason);
    }
}
