package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One violation in a request: where it is (a JSON path such as {@code calling_hours.slots[1].end}),
 * the value found there, and what was wrong.
 *
 * @param field   the JSON path of the offending field
 * @param value   the rejected value as text, or {@code null} when the field was missing or null; a value longer
 *                than {@value #MAX_VALUE_CHARS} characters is cut there and ends with {@code …}, so that an error
 *                never echoes a hostile value in full
 * @param message what was wrong, e.g. {@code must be between 1 and 1000}
 */
public record FieldError(
        @JsonProperty("field") String field,
        @JsonProperty("value") String value,
        @JsonProperty("message") String message) {

    /** The most characters of a rejected value kept in an error. */
    public static final int MAX_VALUE_CHARS = 100;

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        if (value != null && value.length() > MAX_VALUE_CHARS) {
            int end = Character.isHighSurrogate(value.charAt(MAX_VALUE_CHARS - 1)) ? MAX_VALUE_CHARS - 1
                    : MAX_VALUE_CHARS;
            value = value.substring(0, end) + "…";
        }
    }

    /** The error as one sentence: {@code max_concurrency must be between 1 and 1000, was 0}. */
    public String describe() {
        return field + " " + message + ", was " + (value == null ? "null" : "'" + value + "'");
    }
}
