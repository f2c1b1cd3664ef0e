package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One call attempt to one contact.
 *
 * @param sessionId         unique id of the attempt; the telephony provider's idempotency key
 * @param campaignId        the campaign
 * @param phoneNumber       the contact's number, E.164
 * @param attempt           1 for the first attempt, 2 for the first retry, ...
 * @param status            in flight or ended
 * @param outcome           how it ended, or {@code null} while in flight
 * @param answered          whether a person answered
 * @param callerNumber      the caller number the call used
 * @param startedAt         when the engine claimed the call to dial it, a moment before it was handed to the
 *                          telephony (longer only while it waits for a dial place or its configuration's pace)
 * @param answeredAt        when it was answered, or {@code null}
 * @param endedAt           when it ended, or {@code null} while in flight
 * @param durationSeconds   the call's length, or {@code null} while in flight
 * @param transcriptSummary the agent's summary of the conversation, or {@code null}
 * @param extractedData     what the agent extracted, or {@code null}
 * @param initialContext    the contact's other columns, in file order
 * @param failureReason     why a {@code failed} attempt failed (a dial error, a lost node), or {@code null}
 * @param engineEndedAt     when the engine closed the session without the carrier's outcome (its node's lease
 *                          expired, or its dial timed out) and freed its caller number, or {@code null} when the
 *                          carrier's outcome ended it. Kept when the real outcome arrives later (late): then
 *                          {@code ended_at} and the outcome are the carrier's, and this says when the engine let
 *                          the caller number go
 * @param engineEndReason   why the engine closed it ({@code lease expired: ...}, {@code dial timed out}), or
 *                          {@code null}; kept beside a late outcome as {@code engine_ended_at} is
 */
@JsonPropertyOrder({"session_id", "campaign_id", "phone_number", "attempt", "status", "outcome", "answered",
        "caller_number", "started_at", "answered_at", "ended_at", "duration_seconds", "transcript_summary",
        "extracted_data", "initial_context", "failure_reason", "engine_ended_at", "engine_end_reason"})
public record CallSession(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("campaign_id") long campaignId,
        @JsonProperty("phone_number") String phoneNumber,
        @JsonProperty("attempt") int attempt,
        @JsonProperty("status") CallSessionStatus status,
        @JsonProperty("outcome") CallOutcome outcome,
        @JsonProperty("answered") boolean answered,
        @JsonProperty("caller_number") String callerNumber,
        @JsonProperty("started_at") @JsonSerialize(using = InstantJson.Serializer.class)
        @JsonDeserialize(using = InstantJson.Deserializer.class) Instant startedAt,
        @JsonProperty("answered_at") @JsonSerialize(using = InstantJson.Serializer.class)
        @JsonDeserialize(using = InstantJson.Deserializer.class) Instant answeredAt,
        @JsonProperty("ended_at") @JsonSerialize(using = InstantJson.Serializer.class)
        @JsonDeserialize(using = InstantJson.Deserializer.class) Instant endedAt,
        @JsonProperty("duration_seconds") Long durationSeconds,
        @JsonProperty("transcript_summary") String transcriptSummary,
        @JsonProperty("extracted_data") Map<String, Object> extractedData,
        @JsonProperty("initial_context") Map<String, String> initialContext,
        @JsonProperty("failure_reason") String failureReason,
        @JsonProperty("engine_ended_at") @JsonSerialize(using = InstantJson.Serializer.class)
        @JsonDeserialize(using = InstantJson.Deserializer.class) Instant engineEndedAt,
        @JsonProperty("engine_end_reason") String engineEndReason) {

    public CallSession {
        initialContext = initialContext == null ? Map.of() : FrozenMap.of(initialContext);
        extractedData = extractedData == null ? null : FrozenMap.of(extractedData);
    }

    /** A session the engine never closed without the carrier's outcome ({@code engine_ended_at} absent). */
    public CallSession(String sessionId, long campaignId, String phoneNumber, int attempt, CallSessionStatus status,
                       CallOutcome outcome, boolean answered, String callerNumber, Instant startedAt,
                       Instant answeredAt, Instant endedAt, Long durationSeconds, String transcriptSummary,
                       Map<String, Object> extractedData, Map<String, String> initialContext, String failureReason) {
        this(sessionId, campaignId, phoneNumber, attempt, status, outcome, answered, callerNumber, startedAt,
                answeredAt, endedAt, durationSeconds, transcriptSummary, extractedData, initialContext, failureReason,
                null, null);
    }

    /**
     * A contact's initial context: each column with the row's value in file order, {@code ""} for a column the row
     * lacks. It is a view of the two lists (copied only when not immutable already), so that the sessions of a
     * contact share its values; a session given it keeps it as it is.
     */
    public static Map<String, String> contextOf(List<String> columns, List<String> values) {
        return FrozenMap.columns(columns, values);
    }

    /** Whether the call is still in flight. */
    public boolean inProgress() {
        return status == CallSessionStatus.IN_PROGRESS;
    }
}
