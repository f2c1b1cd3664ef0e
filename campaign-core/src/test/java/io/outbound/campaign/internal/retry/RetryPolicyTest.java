package io.outbound.campaign.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallingHours;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.Slot;
import io.outbound.campaign.internal.calendar.CallingCalendar;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryPolicyTest {

    private static final Instant ENDED = Instant.parse("2026-06-10T14:00:00Z");
    private static final CallingCalendar ALWAYS = CallingCalendar.alwaysOpen();

    private static RetryConfig config(boolean enabled, int maxRetries, long delaySeconds,
                                      boolean busy, boolean noAnswer, boolean voicemail) {
        return new RetryConfig(enabled, maxRetries, delaySeconds, busy, noAnswer, voicemail);
    }

    @ParameterizedTest
    @EnumSource(value = CallOutcome.class, names = {"BUSY", "NO_ANSWER", "VOICEMAIL"})
    void a_retryable_outcome_is_retried_the_configured_delay_after_the_attempt_ended(CallOutcome outcome) {
        RetryPolicy policy = RetryPolicy.of(config(true, 2, 120, true, true, true), ALWAYS);

        assertThat(policy.nextAttemptDue(outcome, 1, ENDED)).isEqualTo(ENDED.plusSeconds(120));
    }

    @ParameterizedTest
    @EnumSource(value = CallOutcome.class, names = {"COMPLETED", "FAILED", "INVALID_NUMBER"})
    void completed_failed_and_invalid_number_are_final_whatever_the_flags(CallOutcome outcome) {
        RetryPolicy policy = RetryPolicy.of(RetryConfig.ofDefaults(), ALWAYS);

        assertThat(policy.nextAttemptDue(outcome, 1, ENDED)).isNull();
    }

    @Test
    void each_retryable_outcome_is_retried_only_when_its_own_flag_is_set() {
        RetryPolicy busyOnly = RetryPolicy.of(config(true, 2, 60, true, false, false), ALWAYS);
        RetryPolicy noAnswerOnly = RetryPolicy.of(config(true, 2, 60, false, true, false), ALWAYS);
        RetryPolicy voicemailOnly = RetryPolicy.of(config(true, 2, 60, false, false, true), ALWAYS);

        assertThat(busyOnly.nextAttemptDue(CallOutcome.BUSY, 1, ENDED)).isNotNull();
        assertThat(busyOnly.nextAttemptDue(CallOutcome.NO_ANSWER, 1, ENDED)).isNull();
        assertThat(busyOnly.nextAttemptDue(CallOutcome.VOICEMAIL, 1, ENDED)).isNull();
        assertThat(noAnswerOnly.nextAttemptDue(CallOutcome.BUSY, 1, ENDED)).isNull();
        assertThat(noAnswerOnly.nextAttemptDue(CallOutcome.NO_ANSWER, 1, ENDED)).isNotNull();
        assertThat(noAnswerOnly.nextAttemptDue(CallOutcome.VOICEMAIL, 1, ENDED)).isNull();
        assertThat(voicemailOnly.nextAttemptDue(CallOutcome.BUSY, 1, ENDED)).isNull();
        assertThat(voicemailOnly.nextAttemptDue(CallOutcome.NO_ANSWER, 1, ENDED)).isNull();
        assertThat(voicemailOnly.nextAttemptDue(CallOutcome.VOICEMAIL, 1, ENDED)).isNotNull();
    }

    @Test
    void a_disabled_configuration_retries_nothing_even_with_every_flag_set() {
        RetryPolicy policy = RetryPolicy.of(config(false, 5, 60, true, true, true), ALWAYS);

        assertThat(policy.nextAttemptDue(CallOutcome.BUSY, 1, ENDED)).isNull();
        assertThat(policy.maxAttempts()).isEqualTo(1);
    }

    @Test
    void no_retry_configuration_means_no_retries() {
        RetryPolicy policy = RetryPolicy.of(null, ALWAYS);

        assertThat(policy.nextAttemptDue(CallOutcome.NO_ANSWER, 1, ENDED)).isNull();
        assertThat(policy.maxAttempts()).isEqualTo(1);
    }

    @Test
    void max_retries_counts_attempts_after_the_first_so_attempt_one_plus_max_retries_is_final() {
        RetryPolicy policy = RetryPolicy.of(config(true, 2, 60, true, true, true), ALWAYS);

        assertThat(policy.maxAttempts()).isEqualTo(3);
        assertThat(policy.nextAttemptDue(CallOutcome.BUSY, 1, ENDED)).isNotNull();
        assertThat(policy.nextAttemptDue(CallOutcome.BUSY, 2, ENDED)).isNotNull();
        assertThat(policy.nextAttemptDue(CallOutcome.BUSY, 3, ENDED)).isNull();
    }

    @Test
    void with_zero_max_retries_the_first_attempt_is_final() {
        RetryPolicy policy = RetryPolicy.of(config(true, 0, 60, true, true, true), ALWAYS);

        assertThat(policy.maxAttempts()).isEqualTo(1);
        assertThat(policy.nextAttemptDue(CallOutcome.BUSY, 1, ENDED)).isNull();
    }

    @Test
    void a_retry_falling_after_hours_waits_for_the_next_opening() {
        ZoneId newYork = ZoneId.of("America/New_York");
        CallingCalendar weekdays = CallingCalendar.of(CallingHours.of("America/New_York",
                Slot.of("monday", "09:00", "17:00"), Slot.of("friday", "09:00", "17:00")));
        RetryPolicy policy = RetryPolicy.of(config(true, 2, 120, true, true, true), weekdays);
        Instant fridayLate = LocalDateTime.parse("2026-06-12T16:59").atZone(newYork).toInstant();
        Instant fridayEarly = LocalDateTime.parse("2026-06-12T10:00").atZone(newYork).toInstant();

        assertThat(policy.nextAttemptDue(CallOutcome.NO_ANSWER, 1, fridayLate))
                .isEqualTo(LocalDateTime.parse("2026-06-15T09:00").atZone(newYork).toInstant());
        assertThat(policy.nextAttemptDue(CallOutcome.NO_ANSWER, 1, fridayEarly))
                .isEqualTo(fridayEarly.plusSeconds(120));
    }

    @Test
    void under_calling_hours_without_slots_a_retry_is_due_at_end_plus_delay() {
        CallingCalendar never = CallingCalendar.of(new CallingHours("UTC", List.of()));
        RetryPolicy policy = RetryPolicy.of(config(true, 2, 120, true, true, true), never);

        assertThat(policy.nextAttemptDue(CallOutcome.BUSY, 1, ENDED)).isEqualTo(ENDED.plusSeconds(120));
    }

    @Test
    void a_zero_delay_retries_at_the_instant_the_attempt_ended() {
        RetryPolicy policy = RetryPolicy.of(config(true, 1, 0, true, true, true), ALWAYS);

        assertThat(policy.nextAttemptDue(CallOutcome.VOICEMAIL, 1, ENDED)).isEqualTo(ENDED);
    }

    @Test
    void malformed_inputs_are_rejected_naming_the_field_and_the_value() {
        assertThatThrownBy(() -> RetryPolicy.of(config(true, -1, 60, true, true, true), ALWAYS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retry_config.max_retries must not be negative, was -1");
        assertThatThrownBy(() -> RetryPolicy.of(config(true, 1, -5, true, true, true), ALWAYS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retry_config.retry_delay_seconds must not be negative, was -5");
        assertThatThrownBy(() -> RetryPolicy.of(RetryConfig.ofDefaults(), ALWAYS).nextAttemptDue(CallOutcome.BUSY, 0, ENDED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attempt must be at least 1, was 0");
    }
}
