package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Why one row of a contacts file was not imported.
 *
 * @param line   the 1-based line of the file where the row starts (the header is line 1)
 * @param column the column at fault, or {@code null} for the row as a whole
 * @param value  the rejected value (cut to a readable length), or {@code null}
 * @param reason what was wrong
 */
@JsonPropertyOrder({"line", "column", "value", "reason"})
public record ImportError(
        @JsonProperty("line") long line,
        @JsonProperty("column") String column,
        @JsonProperty("value") String value,
        @JsonProperty("reason") String reason) {
}
