package io.outbound.campaign.internal.validation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The instants a request may name: ISO 8601 with {@code Z} or an offset, in the years 0001 to 9999. {@link Instant}
 * itself reaches a billion years either way, which no store's timestamp column holds, and a window that wide
 * overflows any count of milliseconds.
 */
public final class Instants {

    /** The earliest instant a request may name. */
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest instant a request may name. */
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");
    /** What a field holding anything else must be. */
    public static final String EXPECTED = "must be an ISO 8601 date-time in the years 0001 to 9999, such as "
            + "2026-06-01T00:00:00Z";

    private Instants() {
    }

    /**
     * Parses {@code 2026-06-01T13:00:00Z} or {@code 2026-06-01T09:00:00-04:00}.
     *
     * @throws DateTimeParseException when the text is not such an instant, or names one outside {@link #MIN} to
     *                                {@link #MAX}
     */
    public static Instant parse(String text) {
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                instant = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException again) {
                throw again instanceof DateTimeParseException parse ? parse
                        : new DateTimeParseException(again.getMessage(), text, 0, again);
            }
        }
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new DateTimeParseException("outside the years 0001 to 9999", text, 0);
        }
        return instant;
    }
}
