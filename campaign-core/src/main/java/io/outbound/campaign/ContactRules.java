package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rules that apply to each contact of a campaign in the called person's own terms: the law's calling hours in
 * the contact's local time, how many dials a number may take, and the organisation's suppression list.
 *
 * <ul>
 *   <li>{@code jurisdiction}: a rule set ({@link Jurisdiction}); its windows apply in each contact's local time,
 *       on top of the campaign's own {@link CallingHours}. A contact whose local time cannot be known under a
 *       jurisdiction other than {@code none} is skipped.</li>
 *   <li>{@code timezone_column}: the CSV column holding each contact's IANA time zone; when absent, empty or not a
 *       valid zone, the zone is inferred from the number (a number with several candidate zones is called only
 *       when every one of them allows it). Resolved once, at import: it can be set at create only.</li>
 *   <li>{@code attempt_limits}: at most {@code max_attempts} dials to one number by the organisation, across all
 *       its campaigns and nodes, in any rolling {@code period_hours}; added to those the jurisdiction implies.</li>
 *   <li>{@code respect_suppression}: whether numbers on the organisation's suppression list are skipped; on
 *       unless said otherwise.</li>
 * </ul>
 *
 * <p>Fields missing from the JSON take the defaults: {@code none}, no column, no limits, suppression respected.
 * Ranges are checked when a campaign is created or updated, so that every violation is reported at once.
 *
 * @param jurisdiction       the rule set; {@code null} reads as {@link Jurisdiction#NONE}
 * @param timezoneColumn     the CSV column with each contact's zone, or {@code null}
 * @param attemptLimits      the organisation-wide limits per number, at most {@value #MAX_ATTEMPT_LIMITS}
 * @param respectSuppression whether suppressed numbers are skipped
 */
@JsonPropertyOrder({"jurisdiction", "timezone_column", "attempt_limits", "respect_suppression"})
public record ContactRules(
        @JsonProperty("jurisdiction") Jurisdiction jurisdiction,
        @JsonProperty("timezone_column") String timezoneColumn,
        @JsonProperty("attempt_limits") List<AttemptLimit> attemptLimits,
        @JsonProperty("respect_suppression") boolean respectSuppression) {

    /** The most attempt limits one campaign may set. */
    public static final int MAX_ATTEMPT_LIMITS = 8;

    /** No jurisdiction, no zone column, no limits, suppression respected: a campaign's rules unless set. */
    public static final ContactRules DEFAULT = new ContactRules(Jurisdiction.NONE, null, List.of(), true);

    public ContactRules {
        jurisdiction = jurisdiction == null ? Jurisdiction.NONE : jurisdiction;
        // Unmodifiable but null-tolerant: a null entry is a field error that validation names.
        attemptLimits = attemptLimits == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(attemptLimits));
    }

    /** Reads the JSON form; fields left out take the defaults. */
    @JsonCreator
    static ContactRules fromJson(
            @JsonProperty("jurisdiction") Jurisdiction jurisdiction,
            @JsonProperty("timezone_column") String timezoneColumn,
            @JsonProperty("attempt_limits") List<AttemptLimit> attemptLimits,
            @JsonProperty("respect_suppression") Boolean respectSuppression) {
        return new ContactRules(jurisdiction, timezoneColumn, attemptLimits,
                respectSuppression == null || respectSuppression);
    }

    /** Rules under a jurisdiction, with the defaults otherwise. */
    public static ContactRules of(Jurisdiction jurisdiction) {
        return new ContactRules(jurisdiction, null, List.of(), true);
    }

    /** A copy reading each contact's zone from a CSV column. */
    public ContactRules withTimezoneColumn(String column) {
        return new ContactRules(jurisdiction, column, attemptLimits, respectSuppression);
    }

    /** A copy with these attempt limits. */
    public ContactRules withAttemptLimits(AttemptLimit... limits) {
        return new ContactRules(jurisdiction, timezoneColumn, List.of(limits), respectSuppression);
    }

    /** A copy that does or does not skip suppressed numbers. */
    public ContactRules withRespectSuppression(boolean respect) {
        return new ContactRules(jurisdiction, timezoneColumn, attemptLimits, respect);
    }
}
