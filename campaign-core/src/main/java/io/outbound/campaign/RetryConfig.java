package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Which unsuccessful attempts are tried again, how often and after how long. Only busy, no-answer
 * and voicemail outcomes are ever retried, each behind its own flag and {@code enabled}.
 * {@code maxRetries} counts attempts after the first: with 2, a contact is dialled at most 3 times.
 * A retry falls due {@code retryDelaySeconds} after the attempt ended, and when that instant lies
 * outside the calling hours it waits for the next opening.
 *
 * <p>Fields missing from the JSON take the {@code DEFAULT_*} values. Ranges are checked when a
 * campaign is created or updated, not here, so that every violation is reported at once.
 */
@JsonPropertyOrder({"enabled", "max_retries", "retry_delay_seconds", "retry_on_busy", "retry_on_no_answer",
        "retry_on_voicemail"})
public record RetryConfig(
        @JsonProperty("enabled") boolean enabled,
        @JsonProperty("max_retries") int maxRetries,
        @JsonProperty("retry_delay_seconds") long retryDelaySeconds,
        @JsonProperty("retry_on_busy") boolean retryOnBusy,
        @JsonProperty("retry_on_no_answer") boolean retryOnNoAnswer,
        @JsonProperty("retry_on_voicemail") boolean retryOnVoicemail) {

    /** Retries are on unless said otherwise. */
    public static final boolean DEFAULT_ENABLED = true;
    /** Two retries after the first attempt. */
    public static final int DEFAULT_MAX_RETRIES = 2;
    /** Two minutes between an attempt's end and its retry. */
    public static final long DEFAULT_RETRY_DELAY_SECONDS = 120;
    /** The largest {@code max_retries} accepted. */
    public static final int MAX_MAX_RETRIES = 10;
    /** The largest {@code retry_delay_seconds} accepted: one week. */
    public static final long MAX_RETRY_DELAY_SECONDS = 604_800;

    /** Reads the JSON form; fields left out take the {@code DEFAULT_*} values. */
    @JsonCreator
    static RetryConfig fromJson(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("max_retries") Integer maxRetries,
            @JsonProperty("retry_delay_seconds") Long retryDelaySeconds,
            @JsonProperty("retry_on_busy") Boolean retryOnBusy,
            @JsonProperty("retry_on_no_answer") Boolean retryOnNoAnswer,
            @JsonProperty("retry_on_voicemail") Boolean retryOnVoicemail) {
        return new RetryConfig(
                enabled == null ? DEFAULT_ENABLED : enabled,
                maxRetries == null ? DEFAULT_MAX_RETRIES : maxRetries,
                retryDelaySeconds == null ? DEFAULT_RETRY_DELAY_SECONDS : retryDelaySeconds,
                retryOnBusy == null || retryOnBusy,
                retryOnNoAnswer == null || retryOnNoAnswer,
                retryOnVoicemail == null || retryOnVoicemail);
    }

    /** Retries enabled for busy, no-answer and voicemail, with the default count and delay. */
    public static RetryConfig ofDefaults() {
        return new RetryConfig(DEFAULT_ENABLED, DEFAULT_MAX_RETRIES, DEFAULT_RETRY_DELAY_SECONDS, true, true, true);
    }

    /** No retries at all. */
    public static RetryConfig disabled() {
        return new RetryConfig(false, 0, 0, false, false, false);
    }

    /** Whether this configuration would retry the given outcome at all (ignoring the count). */
    public boolean retries(CallOutcome outcome) {
        if (!enabled) {
            return false;
        }
        return switch (outcome) {
            case BUSY -> retryOnBusy;
            case NO_ANSWER -> retryOnNoAnswer;
            case VOICEMAIL -> retryOnVoicemail;
            default -> false;
        };
    }
}
