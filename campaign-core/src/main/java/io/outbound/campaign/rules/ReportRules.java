package io.outbound.campaign.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What an outcome report must be before any store sees it, decided once here so that every store gets the same
 * answer. A report is refused with {@code VALIDATION_FAILED}, naming each field, its value and what was wrong,
 * when no store could keep it or it cannot describe a real call; nothing is stored and the session stays in
 * flight, so the caller can send a corrected report. What a carrier's clock skew explains is not refused but
 * clamped, when the session is ended ({@link SessionEnd#of}).
 *
 * <ul>
 *   <li>{@code result} is required.</li>
 *   <li>Text ({@code transcript_summary}, {@code failure_reason}, and every key and string of
 *       {@code extracted_data}) must be storable: no NUL character (U+0000, which PostgreSQL text cannot hold),
 *       no unpaired surrogate (not Unicode, and silently changed by UTF-8 encoders).</li>
 *   <li>{@code extracted_data} must be writable as JSON (nested maps, lists, strings, numbers, booleans).</li>
 *   <li>{@code ended_at} and {@code answered_at} must not be later than the time of the report plus
 *       {@link #CLOCK_TOLERANCE}: a call reported has ended, and a time years ahead (or {@code Instant.MAX})
 *       would schedule a retry that never falls due. Within the tolerance they are clamped to the time of the
 *       report; one before the session's start is clamped to its start.</li>
 *   <li>{@code answered_at} must not be after {@code ended_at}, and is given only for an answered call.</li>
 *   <li>{@code duration_seconds} must be between 0 and {@link #MAX_DURATION_SECONDS}.</li>
 *   <li>{@code answered} must not be true for {@code busy}, {@code no_answer} or {@code invalid_number} (nobody
 *       answers those) and must not be false for {@code completed} (which means a person answered).</li>
 * </ul>
 *
 * <p>A session id no store can hold (longer than {@link #MAX_SESSION_ID_LENGTH} characters, or with a control
 * character or an unpaired surrogate) names no session: {@code NOT_FOUND}, as an unknown id is, without asking
 * the store.
 */
public final class ReportRules {
    /** How far a report's instants may run ahead of the engine's clock (a carrier's clock skew) and be clamped. */
    public static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);
    /** The longest call a report may describe: a day. */
    public static final long MAX_DURATION_SECONDS = 86_400;
    /** The longest session id a store keeps (the engine's are 36 characters). */
    public static final int MAX_SESSION_ID_LENGTH = 64;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportRules() {
    }

    /**
     * Checks a report of {@code sessionId} at {@code now}.
     *
     * @throws CampaignException {@code VALIDATION_FAILED} naming every field that breaks a rule (a blank session
     *                           id, a missing result, or any of the rules above); {@code NOT_FOUND} for a session
     *                           id no store can hold
     */
    public static void check(String sessionId, CallResult result, Instant now) {
        if (sessionId == null || sessionId.isBlank()) {
            throw CampaignException.validation("session_id", sessionId, "must not be blank");
        }
        if (!possibleSessionId(sessionId)) {
            throw new CampaignException(ErrorCode.NOT_FOUND, "call session '" + visible(sessionId, 80)
                    + "' not found: no session has such an id");
        }
        if (result == null) {
            throw CampaignException.validation("result", null, "is required");
        }
        List<FieldError> errors = problems(result, now);
        if (!errors.isEmpty()) {
            throw CampaignException.validation(errors);
        }
    }

    /** Whether a store could hold a session with this id: not too long, no control character, valid UTF-16. */
    public static boolean possibleSessionId(String sessionId) {
        if (sessionId.length() > MAX_SESSION_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < sessionId.length(); i++) {
            if (Character.isISOControl(sessionId.charAt(i))) {
                return false;
            }
        }
        return unpairedSurrogateAt(sessionId) < 0;
    }

    /** Every rule the result breaks, reported at {@code now}; empty when it may be recorded. */
    public static List<FieldError> problems(CallResult result, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "transcript_summary", result.transcriptSummary());
        text(errors, "failure_reason", result.failureReason());
        if (result.extractedData() != null) {
            int before = errors.size();
            data(errors, "extracted_data", result.extractedData());
            if (errors.size() == before) {
                try {
                    JSON.writeValueAsString(result.extractedData());
                } catch (JsonProcessingException | RuntimeException e) {
                    errors.add(new FieldError("extracted_data", null, "must be writable as JSON (maps, lists, "
                            + "strings, numbers, booleans): " + e.getMessage()));
                }
            }
        }
        Instant latest = now.plus(CLOCK_TOLERANCE);
        notAfter(errors, "ended_at", result.endedAt(), latest);
        notAfter(errors, "answered_at", result.answeredAt(), latest);
        if (result.answeredAt() != null && result.endedAt() != null && result.answeredAt().isAfter(result.endedAt())) {
            errors.add(new FieldError("answered_at", result.answeredAt().toString(),
                    "must not be after ended_at (" + result.endedAt() + ")"));
        }
        Long duration = result.durationSeconds();
        if (duration != null && (duration < 0 || duration > MAX_DURATION_SECONDS)) {
            errors.add(new FieldError("duration_seconds", duration.toString(),
                    "must be between 0 and " + MAX_DURATION_SECONDS + " (a day)"));
        }
        CallOutcome outcome = result.outcome();
        Boolean answered = result.answered();
        boolean nobodyAnswers = outcome == CallOutcome.BUSY || outcome == CallOutcome.NO_ANSWER
                || outcome == CallOutcome.INVALID_NUMBER;
        if (Boolean.TRUE.equals(answered) && nobodyAnswers) {
            errors.add(new FieldError("answered", "true", "must not be true for a " + outcome.json()
                    + " outcome: nobody answered"));
        }
        if (Boolean.FALSE.equals(answered) && outcome == CallOutcome.COMPLETED) {
            errors.add(new FieldError("answered", "false",
                    "must not be false for a completed outcome: completed means a person answered"));
        }
        if (result.answeredAt() != null && !result.wasAnswered()) {
            errors.add(new FieldError("answered_at", result.answeredAt().toString(),
                    "must be absent for a call nobody answered (" + outcome.json() + ", answered "
                            + result.wasAnswered() + ")"));
        }
        return errors;
    }

    /**
     * Text the engine writes itself (a dial's failure, taken from an exception's message) made storable: each
     * NUL and unpaired surrogate replaced by U+FFFD, so that a store never refuses the engine's own record.
     */
    public static String storable(String text) {
        if (text == null || (text.indexOf('\0') < 0 && unpairedSurrogateAt(text) < 0)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                out.append('\uFFFD');
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    private static void notAfter(List<FieldError> errors, String field, Instant value, Instant latest) {
        if (value != null && value.isAfter(latest)) {
            errors.add(new FieldError(field, value.toString(), "must not be later than the time of the report plus "
                    + CLOCK_TOLERANCE.toMinutes() + " minutes of clock skew (" + latest + ")"));
        }
    }

    private static void text(List<FieldError> errors, String field, String value) {
        if (value == null) {
            return;
        }
        int nul = value.indexOf('\0');
        if (nul >= 0) {
            errors.add(new FieldError(field, visible(value, FieldError.MAX_VALUE_CHARS),
                    "must not contain a NUL character (U+0000, at index " + nul + "): it cannot be stored"));
            return;
        }
        int unpaired = unpairedSurrogateAt(value);
        if (unpaired >= 0) {
            errors.add(new FieldError(field, visible(value, FieldError.MAX_VALUE_CHARS),
                    "must be valid Unicode: an unpaired surrogate at index " + unpaired + " cannot be stored"));
        }
    }

    private static void data(List<FieldError> errors, String path, Object value) {
        if (value instanceof String s) {
            text(errors, path, s);
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                int before = errors.size();
                text(errors, path + " key", key);
                if (errors.size() > before) {
                    continue;
                }
                data(errors, path + "." + key, entry.getValue());
            }
        } else if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                data(errors, path + "[" + i++ + "]", item);
            }
        }
    }

    /** The index of the first unpaired surrogate, or -1. */
    private static int unpairedSurrogateAt(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** The text with control characters shown as {@code \}{@code uXXXX} and unpaired surrogates as U+FFFD, cut. */
    private static String visible(String text, int max) {
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            escaped.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        String out = storable(escaped.toString());
        if (out.length() <= max) {
            return out.toString();
        }
        int end = Character.isHighSurrogate(out.charAt(max - 1)) ? max - 1 : max;
        return out.substring(0, end) + "\u2026";
    }
}
