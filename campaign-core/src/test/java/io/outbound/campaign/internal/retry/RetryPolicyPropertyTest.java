package io.outbound.campaign.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.internal.calendar.CallingCalendar;
import io.outbound.campaign.internal.calendar.CallingHoursArbitraries;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.From;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of {@link RetryPolicy} over random configurations, calendars and outcomes. */
class RetryPolicyPropertyTest {

    private static final long FROM = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2030-12-31T23:59:59Z").getEpochSecond();

    @Provide
    Arbitrary<RetryConfig> configs() {
        return Combinators.combine(
                Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false)),
                Arbitraries.integers().between(0, RetryConfig.MAX_MAX_RETRIES),
                Arbitraries.longs().between(0, RetryConfig.MAX_RETRY_DELAY_SECONDS),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(RetryConfig::new);
    }

    /** A calendar that opens: always open, or random calling hours with at least one slot. */
    @Provide
    Arbitrary<CallingCalendar> calendars() {
        Arbitrary<CallingCalendar> restricted = CallingHoursArbitraries.callingHours()
                .filter(hours -> !hours.slots().isEmpty())
                .map(CallingCalendar::of);
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(CallingCalendar.alwaysOpen())),
                Tuple.of(4, restricted));
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(FROM, TO).map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<CallOutcome> retryable() {
        return Arbitraries.of(CallOutcome.BUSY, CallOutcome.NO_ANSWER, CallOutcome.VOICEMAIL);
    }

    @Provide
    Arbitrary<CallOutcome> notRetryable() {
        return Arbitraries.of(CallOutcome.COMPLETED, CallOutcome.FAILED, CallOutcome.INVALID_NUMBER);
    }

    @Property(tries = 1000)
    void a_contact_that_keeps_getting_retryable_outcomes_is_dialled_at_most_one_plus_max_retries_times(
            @ForAll("configs") RetryConfig config, @ForAll("calendars") CallingCalendar calendar,
            @ForAll("instants") Instant firstEnd,
            @ForAll @Size(12) List<@IntRange(max = 3600) Integer> callSeconds,
            @ForAll @Size(12) List<@From("retryable") CallOutcome> outcomes) {
        RetryPolicy policy = RetryPolicy.of(config, calendar);
        int attempts = 1;
        Instant ended = firstEnd;
        Instant due;
        while ((due = policy.nextAttemptDue(outcomes.get(attempts - 1), attempts, ended)) != null) {
            attempts++;
            ended = due.plusSeconds(callSeconds.get(attempts - 1));
        }

        assertThat(attempts).isLessThanOrEqualTo(1 + config.maxRetries()).isLessThanOrEqualTo(policy.maxAttempts());
        if (attempts < 1 + config.maxRetries()) {
            // Stopping early is only allowed for an outcome the configuration does not retry.
            assertThat(config.retries(outcomes.get(attempts - 1))).isFalse();
        }
    }

    @Property(tries = 1000)
    void a_retry_is_never_due_before_the_attempt_end_plus_the_delay(
            @ForAll("configs") RetryConfig config, @ForAll("calendars") CallingCalendar calendar,
            @ForAll("retryable") CallOutcome outcome, @ForAll @IntRange(min = 1, max = 12) int attempt,
            @ForAll("instants") Instant ended) {
        Instant due = RetryPolicy.of(config, calendar).nextAttemptDue(outcome, attempt, ended);

        if (due != null) {
            assertThat(due).isAfterOrEqualTo(ended.plusSeconds(config.retryDelaySeconds()));
        }
    }

    @Property(tries = 1000)
    void a_retry_is_due_at_the_first_open_instant_from_end_plus_delay(
            @ForAll("configs") RetryConfig config, @ForAll("calendars") CallingCalendar calendar,
            @ForAll("retryable") CallOutcome outcome, @ForAll @IntRange(min = 1, max = 12) int attempt,
            @ForAll("instants") Instant ended) {
        Instant due = RetryPolicy.of(config, calendar).nextAttemptDue(outcome, attempt, ended);

        if (due != null) {
            assertThat(calendar.isOpen(due)).isTrue();
            assertThat(due).isEqualTo(calendar.nextOpening(ended.plusSeconds(config.retryDelaySeconds())));
        } else {
            assertThat(!config.retries(outcome) || attempt >= 1 + config.maxRetries()).isTrue();
        }
    }

    @Property(tries = 1000)
    void a_non_retryable_outcome_is_always_final(
            @ForAll("configs") RetryConfig config, @ForAll("calendars") CallingCalendar calendar,
            @ForAll("notRetryable") CallOutcome outcome, @ForAll @IntRange(min = 1, max = 12) int attempt,
            @ForAll("instants") Instant ended) {
        assertThat(RetryPolicy.of(config, calendar).nextAttemptDue(outcome, attempt, ended)).isNull();
    }

    @Property(tries = 1000)
    void a_disabled_or_missing_configuration_is_always_final(
            @ForAll("configs") RetryConfig config, @ForAll boolean missing,
            @ForAll("calendars") CallingCalendar calendar, @ForAll CallOutcome outcome,
            @ForAll @IntRange(min = 1, max = 12) int attempt, @ForAll("instants") Instant ended) {
        RetryConfig disabled = missing ? null : new RetryConfig(false, config.maxRetries(),
                config.retryDelaySeconds(), config.retryOnBusy(), config.retryOnNoAnswer(), config.retryOnVoicemail());

        assertThat(RetryPolicy.of(disabled, calendar).nextAttemptDue(outcome, attempt, ended)).isNull();
    }
}
