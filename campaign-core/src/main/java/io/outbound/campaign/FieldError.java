package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One violation in a request: where it is (a JSON path such as {@code calling_hours.slots[1].end}),
 * the value found there, and what was wrong.
 *
 * @param field   the JSON path of the offending field
 * @param value   the rejected value as text, or {@code null} when the field was missing or null
 * @param message what was wrong, e.g. {@code must be between 1 and 1000}
 */
public record FieldError(
        @JsonProperty("field") String field,
        @JsonProperty("value") String value,
        @JsonProperty("message") String message) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** The error as one sentence: {@code max_concurrency must be between 1 and 1000, was 0}. */
    public String describe() {
        return field + " " + message + ", was " + (value == null ? "null" : "'" + value + "'");
    }
}
