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
 * @param engineEndedAt     when the engine closed the session without the carrier's outcome, or {@code null}:
 *                          {@code now} when the engine closes it as lost, and kept as it was by the late report
 * @param engineEndReason   why, or {@code null}
 */
public record SessionEnd(CallOutcome outcome, boolean answered, Instant answeredAt, Instant endedAt,
                         long durationSeconds, String transcriptSummary, Map<String, Object> extractedData,
                         String failureReason, boolean lost, boolean late, Instant engineEndedAt,
                         String engineEndReason) {

    /**
     * The end a carrier's result gives a session: it ends at the result's instant, or {@code now} when the
     * result has none; its duration is the result's, or from the session's start to its end.
     *
     * <p>Instants a carrier's clock skew explains are clamped, not refused (a report far off is refused before it
     * gets here, {@link ReportRules}): an end after {@code now} ends at {@code now} (a report follows the end it
     * reports), an end before the session's start ends at its start, and an answer outside the call's span is
     * moved to its nearer bound. A session closed as lost ({@code lost} and not {@code late}) is closed by the
     * engine at {@code now} for the result's reason, which {@link CallSession#engineEndedAt()} and
     * {@link CallSession#engineEndReason()} keep when its late report replaces the rest.
     */
    public static SessionEnd of(CallSession session, CallResult result, Instant now, boolean lost, boolean late) {
        Instant endedAt = result.endedAt() != null ? result.endedAt() : now;
        if (endedAt.isAfter(now)) {
            endedAt = now;
        }
        Instant start = session.startedAt();
        if (start != null && endedAt.isBefore(start)) {
            endedAt = start;
        }
        Instant answeredAt = result.answeredAt();
        if (answeredAt != null) {
            if (start != null && answeredAt.isBefore(start)) {
                answeredAt = start;
            }
            if (answeredAt.isAfter(endedAt)) {
                answeredAt = endedAt;
            }
        }
        long duration = result.durationSeconds() != null ? result.durationSeconds()
                : start == null ? 0 : Math.max(0, Duration.between(start, endedAt).getSeconds());
        Instant engineEndedAt = late ? session.engineEndedAt() : lost ? now : null;
        String engineEndReason = late ? session.engineEndReason() : lost ? result.failureReason() : null;
        return new SessionEnd(result.outcome(), result.wasAnswered(), answeredAt, endedAt, duration,
                result.transcriptSummary(), result.extractedData(), result.failureReason(), lost, late,
                engineEndedAt, engineEndReason);
    }

    /** The session as it reads once ended this way. */
    public CallSession applyTo(CallSession session) {
        return new CallSession(session.sessionId(), session.campaignId(), session.phoneNumber(), session.attempt(),
                CallSessionStatus.ENDED, outcome, answered, session.callerNumber(), session.startedAt(), answeredAt,
                endedAt, durationSeconds, transcriptSummary, extractedData, session.initialContext(), failureReason,
                engineEndedAt, engineEndReason);
    }
}
