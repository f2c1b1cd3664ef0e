package io.outbound.campaign.twilio;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a Twilio status callback's parameters become a {@link CallResult}.
 *
 * <table>
 *   <caption>CallStatus and AnsweredBy to outcome</caption>
 *   <tr><th>{@code CallStatus}</th><th>{@code AnsweredBy}</th><th>outcome</th><th>answered</th></tr>
 *   <tr><td>{@code queued}, {@code initiated}, {@code ringing}, {@code in-progress}</td><td>any</td>
 *       <td>none: the call has not ended; acknowledged, not recorded</td><td></td></tr>
 *   <tr><td>{@code completed}</td><td>absent (detection off), {@code human}, {@code unknown}</td>
 *       <td>{@code completed}</td><td>yes</td></tr>
 *   <tr><td>{@code completed}</td><td>{@code machine_start}, {@code machine_end_beep},
 *       {@code machine_end_silence}, {@code machine_end_other}</td><td>{@code voicemail}</td><td>no</td></tr>
 *   <tr><td>{@code completed}</td><td>{@code fax}</td><td>{@code invalid_number} (no voice agent can talk to a
 *       fax line; never retried)</td><td>no</td></tr>
 *   <tr><td>{@code busy}</td><td>any</td><td>{@code busy}</td><td>no</td></tr>
 *   <tr><td>{@code no-answer}</td><td>any</td><td>{@code no_answer}</td><td>no</td></tr>
 *   <tr><td>{@code failed}</td><td>any</td><td>{@code invalid_number} when {@code SipResponseCode} is 404, 410,
 *       484 or 604 (no such number); otherwise {@code failed}, the reason naming the SIP code and Twilio's
 *       {@code ErrorCode} when given</td><td>no</td></tr>
 *   <tr><td>{@code canceled}</td><td>any</td><td>{@code failed} ("canceled before it was answered")</td>
 *       <td>no</td></tr>
 * </table>
 *
 * <p>{@code unknown} means Twilio's detection could not decide within its timeout; the call was answered and the
 * agent talked, so it counts as reached rather than retried. {@code CallDuration} (whole seconds) becomes
 * {@code duration_seconds}; {@code Timestamp} (RFC 1123) becomes {@code ended_at}, and with the duration gives
 * {@code answered_at} of an answered call. Any other {@code CallStatus} or {@code AnsweredBy} value is refused
 * rather than guessed at.
 */
public final class TwilioCallOutcomes {
    private static final Set<String> IN_FLIGHT = Set.of("queued", "initiated", "ringing", "in-progress");
    private static final Set<String> MACHINE = Set.of("machine_start", "machine_end_beep", "machine_end_silence",
            "machine_end_other");
    private static final Set<String> PERSON = Set.of("human", "unknown");
    private static final Set<String> NO_SUCH_NUMBER = Set.of("404", "410", "484", "604");

    private TwilioCallOutcomes() {
    }

    /**
     * The outcome a status callback reports.
     *
     * @param params the callback's form parameters (one value each)
     * @return the result, or empty when the call has not ended ({@code queued}, {@code initiated},
     *         {@code ringing}, {@code in-progress})
     * @throws IllegalArgumentException naming the parameter and its value when {@code CallStatus} is missing or
     *                                  unknown, {@code AnsweredBy} unknown, {@code CallDuration} not a whole
     *                                  number of seconds, or {@code Timestamp} not an RFC 1123 date
     */
    public static Optional<CallResult> toResult(Map<String, String> params) {
        String status = params.get("CallStatus");
        if (status == null || status.isEmpty()) {
            throw new IllegalArgumentException("CallStatus is required");
        }
        if (IN_FLIGHT.contains(status)) {
            return Optional.empty();
        }
        String answeredBy = params.get("AnsweredBy");
        if (answeredBy != null && !answeredBy.isEmpty() && !MACHINE.contains(answeredBy)
                && !PERSON.contains(answeredBy) && !answeredBy.equals("fax")) {
            throw new IllegalArgumentException("AnsweredBy must be one of human, machine_start, machine_end_beep,"
                    + " machine_end_silence, machine_end_other, fax, unknown; was '"
                    + TwilioStatusCallbacks.shown(answeredBy) + "'");
        }
        Long duration = duration(params.get("CallDuration"));
        Instant endedAt = timestamp(params.get("Timestamp"));
        return Optional.of(switch (status) {
            case "completed" -> completed(answeredBy, duration, endedAt);
            case "busy" -> ended(CallOutcome.BUSY, duration, endedAt, null);
            case "no-answer" -> ended(CallOutcome.NO_ANSWER, duration, endedAt, null);
            case "canceled" -> ended(CallOutcome.FAILED, duration, endedAt,
                    "canceled before it was answered (Twilio CallStatus canceled)");
            case "failed" -> failed(params, duration, endedAt);
            default -> throw new IllegalArgumentException("CallStatus must be one of queued, initiated, ringing,"
                    + " in-progress, completed, busy, no-answer, failed, canceled; was '"
                    + TwilioStatusCallbacks.shown(status) + "'");
        });
    }

    private static CallResult completed(String answeredBy, Long duration, Instant endedAt) {
        if (answeredBy != null && MACHINE.contains(answeredBy)) {
            return ended(CallOutcome.VOICEMAIL, duration, endedAt, null);
        }
        if ("fax".equals(answeredBy)) {
            return ended(CallOutcome.INVALID_NUMBER, duration, endedAt, null);
        }
        Instant answeredAt = endedAt != null && duration != null ? endedAt.minusSeconds(duration) : null;
        return new CallResult(CallOutcome.COMPLETED, true, answeredAt, endedAt, duration, null, null, null);
    }

    private static CallResult failed(Map<String, String> params, Long duration, Instant endedAt) {
        String sip = params.get("SipResponseCode");
        if (sip != null && NO_SUCH_NUMBER.contains(sip)) {
            return ended(CallOutcome.INVALID_NUMBER, duration, endedAt, null);
        }
        StringBuilder reason = new StringBuilder("Twilio could not place the call (CallStatus failed");
        if (sip != null && !sip.isEmpty()) {
            reason.append(", SIP ").append(TwilioStatusCallbacks.shown(sip));
        }
        String error = params.get("ErrorCode");
        if (error != null && !error.isEmpty()) {
            reason.append(", error ").append(TwilioStatusCallbacks.shown(error));
        }
        return ended(CallOutcome.FAILED, duration, endedAt, reason.append(')').toString());
    }

    private static CallResult ended(CallOutcome outcome, Long duration, Instant endedAt, String reason) {
        return new CallResult(outcome, false, null, endedAt, duration, null, null, reason);
    }

    private static Long duration(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("CallDuration must be a whole number of seconds, was '"
                    + TwilioStatusCallbacks.shown(text) + "'");
        }
        return Long.parseLong(text);
    }

    private static Instant timestamp(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Timestamp must be an RFC 1123 date such as"
                    + " 'Mon, 16 Aug 2010 03:45:01 +0000', was '" + TwilioStatusCallbacks.shown(text) + "'", e);
        }
    }
}
