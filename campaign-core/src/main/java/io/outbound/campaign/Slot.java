package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One window of calling hours on one day of the week, in the campaign's local wall-clock time.
 * Values are kept as written so that validation can name them; {@code end} may be {@code 24:00}.
 *
 * @param day   {@code monday} .. {@code sunday}
 * @param start {@code HH:MM}, 24-hour
 * @param end   {@code HH:MM}, after {@code start}; {@code 24:00} means the end of the day
 */
@JsonPropertyOrder({"day", "start", "end"})
public record Slot(
        @JsonProperty("day") String day,
        @JsonProperty("start") String start,
        @JsonProperty("end") String end) {

    /** A slot, e.g. {@code Slot.of("monday", "09:00", "17:00")}. */
    public static Slot of(String day, String start, String end) {
        return new Slot(day, start, end);
    }
}
