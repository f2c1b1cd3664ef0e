package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.outbound.campaign.internal.calendar.CallingCalendar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * When calls may start: slots of local wall-clock time in an IANA time zone. A call in flight may
 * run past a slot's end; only starts are restricted. A campaign without calling hours may call at
 * any time.
 *
 * @param timezone an IANA zone id such as {@code America/New_York}
 * @param slots    the weekly windows, at most {@value #MAX_SLOTS}; several on one day are allowed, overlapping
 *                 ones merge
 */
@JsonPropertyOrder({"timezone", "slots"})
public record CallingHours(
        @JsonProperty("timezone") String timezone,
        @JsonProperty("slots") List<Slot> slots) {

    /**
     * The most slots a campaign's calling hours may hold: one for every hour of the week. The hours come back
     * with every campaign listed, so a request with more is refused ({@code VALIDATION_FAILED} on
     * {@code calling_hours.slots}) rather than stored.
     */
    public static final int MAX_SLOTS = 7 * 24;

    public CallingHours {
        // Unmodifiable but null-tolerant, unlike List.copyOf: a null entry is a field error validation names.
        slots = slots == null ? null : Collections.unmodifiableList(new ArrayList<>(slots));
    }

    /** Calling hours in a zone, e.g. {@code CallingHours.of("America/New_York", Slot.of(...))}. */
    public static CallingHours of(String timezone, Slot... slots) {
        return new CallingHours(timezone, List.of(slots));
    }

    /**
     * Whether a call may start at {@code t}: its local wall-clock time in {@link #timezone()} lies
     * in {@code [start, end)} of a slot of that local day.
     *
     * <p>Convenience for one-off questions: it compiles the hours on every call. The engine
     * compiles each campaign's hours once and caches the result.
     *
     * @throws IllegalArgumentException when these hours are malformed (unknown zone, bad time)
     */
    public boolean isOpen(Instant t) {
        return CallingCalendar.of(this).isOpen(t);
    }

    /**
     * The earliest instant at or after {@code t} at which a call may start, correct across
     * daylight-saving changes; {@code null} when there are no slots at all.
     *
     * <p>Convenience for one-off questions: it compiles the hours on every call. The engine
     * compiles each campaign's hours once and caches the result.
     *
     * @throws IllegalArgumentException when these hours are malformed (unknown zone, bad time)
     */
    public Instant nextOpening(Instant t) {
        return CallingCalendar.of(this).nextOpening(t);
    }
}
