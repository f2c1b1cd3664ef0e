package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a call as the telephony provider reports it (typically from a webhook), handed to
 * {@code engine.calls().report(sessionId, result)}.
 *
 * @param outcome           how the call ended; required
 * @param answered          whether a person answered; {@code null} means "yes exactly when the outcome is
 *                          {@code completed}"
 * @param answeredAt        when it was answered, or {@code null}
 * @param endedAt           when it ended; {@code null} means "when the report is recorded"
 * @param durationSeconds   the call's length; {@code null} means from the dial (or answer) to the end
 * @param transcriptSummary the agent's summary, or {@code null}
 * @param extractedData     what the agent extracted, or {@code null}
 * @param failureReason     for a {@code failed} outcome, what went wrong, or {@code null}
 * @param optOut            the person asked not to be called again: recording the outcome adds the number to the
 *                          organisation's suppression list in the same store operation; {@code null} means no
 */
@JsonPropertyOrder({"outcome", "answered", "answered_at", "ended_at", "duration_seconds", "transcript_summary",
        "extracted_data", "failure_reason", "opt_out"})
public record CallResult(
        @JsonProperty("outcome") CallOutcome outcome,
        @JsonProperty("answered") Boolean answered,
        @JsonProperty("answered_at") @JsonSerialize(using = InstantJson.Serializer.class)
        @JsonDeserialize(using = InstantJson.Deserializer.class) Instant answeredAt,
        @JsonProperty("ended_at") @JsonSerialize(using = InstantJson.Serializer.class)
        @JsonDeserialize(using = InstantJson.Deserializer.class) Instant endedAt,
        @JsonProperty("duration_seconds") Long durationSeconds,
        @JsonProperty("transcript_summary") String transcriptSummary,
        @JsonProperty("extracted_data") Map<String, Object> extractedData,
        @JsonProperty("failure_reason") String failureReason,
        @JsonProperty("opt_out") Boolean optOut) {

    /** A result without an opt-out. */
    public CallResult(CallOutcome outcome, Boolean answered, Instant answeredAt, Instant endedAt, Long durationSeconds,
                      String transcriptSummary, Map<String, Object> extractedData, String failureReason) {
        this(outcome, answered, answeredAt, endedAt, durationSeconds, transcriptSummary, extractedData, failureReason,
                null);
    }

    public CallResult {
        Objects.requireNonNull(outcome, "outcome");
        extractedData = extractedData == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(extractedData));
    }

    /** Just the outcome; everything else derived when recorded. */
    public static CallResult of(CallOutcome outcome) {
        return new CallResult(outcome, null, null, null, null, null, null, null);
    }

    /** A technical failure with its reason. */
    public static CallResult failed(String reason) {
        return new CallResult(CallOutcome.FAILED, false, null, null, null, null, null, reason);
    }

    /** Whether a person answered, deriving it from the outcome when not given. */
    public boolean wasAnswered() {
        return answered != null ? answered : outcome.reached();
    }

    /** A copy ending at the given instant (when none was given). */
    public CallResult endingAt(Instant end) {
        return new CallResult(outcome, answered, answeredAt, end, durationSeconds, transcriptSummary, extractedData,
                failureReason, optOut);
    }

    /** Whether the person asked not to be called again. */
    public boolean optedOut() {
        return optOut != null && optOut;
    }

    /** A copy in which the person asked not to be called again. */
    public CallResult withOptOut() {
        return new CallResult(outcome, answered, answeredAt, endedAt, durationSeconds, transcriptSummary, extractedData,
                failureReason, true);
    }
}
