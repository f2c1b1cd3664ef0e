package io.outbound.campaign.internal.retry;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.internal.calendar.CallingCalendar;
import java.time.Instant;
import java.util.Objects;

/**
 * When a contact is dialled again: a campaign's {@link RetryConfig} applied within its calling
 * hours. A pure function of its inputs, so that recording an outcome can compute the retry
 * schedule inside the same store operation, on any node, with the same answer.
 *
 * <p>The rules: only {@code busy}, {@code no_answer} and {@code voicemail} are retried, each only
 * when {@code enabled} and its {@code retry_on_*} flag are set; {@code max_retries} counts attempts
 * after the first, so attempts {@code 1 .. 1 + max_retries} exist and the last of them is final;
 * a retry is due {@code retry_delay_seconds} after the attempt ended, or at the next opening of the
 * calling hours when that instant lies outside them. No retry configuration means no retries.
 *
 * <p>A calendar with no slots at all never opens; a retry under it is due at end plus delay,
 * and waits there as every other call of such a campaign does.
 */
public final class RetryPolicy {

    private final RetryConfig config;
    private final CallingCalendar calendar;

    private RetryPolicy(RetryConfig config, CallingCalendar calendar) {
        this.config = config;
        this.calendar = calendar;
    }

    /**
     * The policy of one campaign.
     *
     * @param config   the campaign's retry configuration; {@code null} means no retries
     * @param calendar the campaign's compiled calling hours; {@link CallingCalendar#alwaysOpen()}
     *                 when it has none
     * @throws IllegalArgumentException naming the field and value when {@code max_retries} or
     *                                  {@code retry_delay_seconds} is negative
     * @throws NullPointerException     when {@code calendar} is null
     */
    public static RetryPolicy of(RetryConfig config, CallingCalendar calendar) {
        Objects.requireNonNull(calendar, "calendar");
        if (config != null && config.maxRetries() < 0) {
            throw new IllegalArgumentException("retry_config.max_retries must not be negative, was "
                    + config.maxRetries());
        }
        if (config != null && config.retryDelaySeconds() < 0) {
            throw new IllegalArgumentException("retry_config.retry_delay_seconds must not be negative, was "
                    + config.retryDelaySeconds());
        }
        return new RetryPolicy(config, calendar);
    }

    /**
     * The most attempts a contact can get: {@code 1 + max_retries}, or 1 when no outcome is
     * retried at all.
     */
    public int maxAttempts() {
        boolean retriesAny = config != null && (config.retries(CallOutcome.BUSY)
                || config.retries(CallOutcome.NO_ANSWER) || config.retries(CallOutcome.VOICEMAIL));
        return retriesAny ? 1 + config.maxRetries() : 1;
    }

    /**
     * When the next attempt is due after an attempt ended.
     *
     * @param outcome the outcome of the attempt that just ended
     * @param attempt the number of that attempt, 1 for the first
     * @param endedAt when that attempt ended
     * @return the instant the next attempt is due, always inside calling hours when they have any
     *         slot; {@code null} when the contact is final
     * @throws IllegalArgumentException when {@code attempt} is below 1
     */
    public Instant nextAttemptDue(CallOutcome outcome, int attempt, Instant endedAt) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(endedAt, "endedAt");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
        // attempt > max_retries is attempt >= 1 + max_retries without the overflow.
        if (config == null || !config.retries(outcome) || attempt > config.maxRetries()) {
            return null;
        }
        Instant due = endedAt.plusSeconds(config.retryDelaySeconds());
        Instant opening = calendar.nextOpening(due);
        return opening == null ? due : opening;
    }

    @Override
    public String toString() {
        return "RetryPolicy[" + (config == null ? "no retries" : config) + ", " + calendar + "]";
    }
}
