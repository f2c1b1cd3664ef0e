package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The rule set of a campaign's {@link ContactRules}: when, in the called person's own local time, a call may
 * start, and how many dials a number may take in a period. The numbers of each set, with their sources, are in
 * one table in the engine and in the README.
 *
 * <ul>
 *   <li>{@link #NONE}: no legal window beyond the campaign's own calling hours;</li>
 *   <li>{@link #US}: 08:00-21:00 local (TCPA); Florida, Oklahoma and Maryland numbers 08:00-20:00 and at most
 *       3 dials per 24 hours;</li>
 *   <li>{@link #CA}: Monday-Friday 09:00-21:30, Saturday-Sunday 10:00-18:00 local (CRTC);</li>
 *   <li>{@link #FR}: Monday-Friday 10:00-13:00 and 14:00-20:00, never on weekends or public holidays, at most
 *       4 dials per 30 days.</li>
 * </ul>
 */
public enum Jurisdiction {
    NONE, US, CA, FR;

    /** The JSON form: the lowercase name. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the JSON form, in any case.
     *
     * @throws IllegalArgumentException naming the value when it is no jurisdiction
     */
    @JsonCreator
    public static Jurisdiction parse(String value) {
        if (value != null) {
            for (Jurisdiction j : values()) {
                if (j.name().equalsIgnoreCase(value)) {
                    return j;
                }
            }
        }
        throw new IllegalArgumentException("contact_rules.jurisdiction must be one of none, us, ca, fr, was "
                + value);
    }
}
