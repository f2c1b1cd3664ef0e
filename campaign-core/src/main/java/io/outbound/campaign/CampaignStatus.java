package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

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

    /** Whether no further action but redial applies. */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED;
    }
}
