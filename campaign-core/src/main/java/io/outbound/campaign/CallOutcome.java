package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How one call attempt ended. The JSON form is the lower-case name ({@code no_answer}).
 *
 * <p>Only {@link #BUSY}, {@link #NO_ANSWER} and {@link #VOICEMAIL} are ever retried, each behind
 * its own {@link RetryConfig} flag.
 */
public enum CallOutcome {
    /** A person answered and the conversation ended. */
    COMPLETED,
    /** The call reached a voicemail box. */
    VOICEMAIL,
    /** The line was busy. */
    BUSY,
    /** Nobody picked up. */
    NO_ANSWER,
    /** A technical failure: the provider, the network or the dial itself failed. */
    FAILED,
    /** The number does not exist or cannot be called. */
    INVALID_NUMBER;

    /** The JSON form: the lower-case name. */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the JSON form (case-insensitive).
     *
     * @throws CampaignException {@code VALIDATION_FAILED} naming the value when it is not an outcome
     */
    @JsonCreator
    public static CallOutcome fromJson(String value) {
        return Enums.parse(CallOutcome.class, "outcome", value);
    }

    /** Whether the outcome means a person was reached. */
    public boolean reached() {
        return this == COMPLETED;
    }

    /** Whether the outcome is one a {@link RetryConfig} may retry. */
    public boolean retryable() {
        return this == BUSY || this == NO_ANSWER || this == VOICEMAIL;
    }
}
