package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Where a campaign is in its lifecycle. The JSON form is the lower-case name. */
public enum CampaignStatus {
    /** Created, not yet started. */
    DRAFT,
    /** Actively dialling contacts. */
    RUNNING,
    /** Temporarily stopped; resumable. In-flight calls still complete. */
    PAUSED,
    /** No contact is pending, in progress or waiting for a retry. */
    COMPLETED,
    /** A fatal error stopped the campaign; the reason is in {@link Campaign#statusReason()}. */
    FAILED;

    /** The JSON form: the lower-case name. */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the JSON form (case-insensitive).
     *
     * @throws CampaignException {@code VALIDATION_FAILED} naming the value when it is not a status
     */
    @JsonCreator
    public static CampaignStatus fromJson(String value) {
        return Enums.parse(CampaignStatus.class, "status", value);
    }

    /**
     * Parses a comma-separated list of statuses as a host receives it in a query string ({@code running,paused}), each
     * entry as {@link #fromJson} reads it (case-insensitive, spaces around it ignored); an entry given twice counts
     * once. {@code null} (no parameter) means every status and returns {@code null}.
     *
     * @return the statuses named, unmodifiable; {@code null} when {@code commaSeparated} is {@code null}
     * @throws CampaignException {@code VALIDATION_FAILED} naming {@code status} and the value: for each entry that
     *                           is not a status, and for an empty value, an empty entry ({@code running,}) or more
     *                           entries than there are statuses
     */
    public static Set<CampaignStatus> parseList(String commaSeparated) {
        if (commaSeparated == null) {
            return null;
        }
        String[] entries = commaSeparated.split(",", -1);
        if (entries.length > values().length) {
            throw CampaignException.validation("status", commaSeparated, "lists " + entries.length
                    + " entries; at most " + values().length + ", one per status");
        }
        Set<CampaignStatus> statuses = EnumSet.noneOf(CampaignStatus.class);
        List<FieldError> errors = new ArrayList<>();
        boolean emptyEntry = false;
        for (String entry : entries) {
            if (entry.isBlank()) {
                emptyEntry = true;
                continue;
            }
            String wanted = entry.trim().toUpperCase(Locale.ROOT);
            Arrays.stream(values()).filter(s -> s.name().equals(wanted)).findFirst().ifPresentOrElse(statuses::add,
                    () -> errors.add(new FieldError("status", entry, "is not a campaign status; use " + allowed())));
        }
        if (emptyEntry) {
            errors.add(0, new FieldError("status", commaSeparated, "must list one or more of " + allowed()
                    + ", separated by commas, without an empty entry"));
        }
        if (!errors.isEmpty()) {
            throw CampaignException.validation(errors);
        }
        return Collections.unmodifiableSet(statuses);
    }

    private static String allowed() {
        return Arrays.stream(values()).map(CampaignStatus::json).collect(Collectors.joining(", "));
    }

    /** Whether no further action but redial applies. */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED;
    }
}
