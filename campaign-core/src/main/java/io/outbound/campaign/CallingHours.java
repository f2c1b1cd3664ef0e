package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * When calls may start: slots of local wall-clock time in an IANA time zone. A call in flight may
 * run past a slot's end; only starts are restricted. A campaign without calling hours may call at
 * any time.
 *
 * @param timezone an IANA zone id such as {@code America/New_York}
 * @param slots    the weekly windows; several on one day are allowed, overlapping ones merge
 */
@JsonPropertyOrder({"timezone", "slots"})
public record CallingHours(
        @JsonProperty("timezone") String timezone,
        @JsonProperty("slots") List<Slot> slots) {

    public CallingHours {
        slots = slots == null ? null : List.copyOf(slots);
    }

    /** Calling hours in a zone, e.g. {@code CallingHours.of("America/New_York", Slot.of(...))}. */
    public static CallingHours of(String timezone, Slot... slots) {
        return new CallingHours(timezone, List.of(slots));
    }
}
