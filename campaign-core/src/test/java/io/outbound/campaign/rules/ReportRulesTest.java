package io.outbound.campaign.rules;

import static io.outbound.campaign.rules.RuleFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an outcome report must be before a store sees it, and what skew the session's end clamps. */
class ReportRulesTest {
    private static final Instant NOW = T0.plusSeconds(600);

    private static CallResult result(CallOutcome outcome, Boolean answered, Instant answeredAt, Instant endedAt,
                                     Long duration, String summary, Map<String, Object> data, String reason) {
        return new CallResult(outcome, answered, answeredAt, endedAt, duration, summary, data, reason);
    }

    private static List<FieldError> refused(String sessionId, CallResult result) {
        try {
            ReportRules.check(sessionId, result, NOW);
        } catch (CampaignException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            return e.fieldErrors();
        }
        throw new AssertionError("accepted " + result);
    }

    @Test
    void aNulCharacterInAnyTextIsRefusedNamingTheFieldWithTheNulShown() {
        List<FieldError> errors = refused("s1", result(CallOutcome.COMPLETED, true, null, null, 30L,
                "all\0good", Map.of("notes", List.of("fine", "bad\0"), "k\0ey", 1), "oops\0"));

        assertThat(errors).extracting(FieldError::field)
                .containsExactlyInAnyOrder("transcript_summary", "failure_reason", "extracted_data.notes[1]",
                        "extracted_data key");
        FieldError summary = errors.stream().filter(e -> e.field().equals("transcript_summary")).findFirst()
                .orElseThrow();
        assertThat(summary.value()).isEqualTo("all\\u0000good");
        assertThat(summary.message()).contains("NUL", "index 3");
    }

    @Test
    void anUnpairedSurrogateIsRefusedAndAPairedOneAccepted() {
        assertThat(refused("s1", result(CallOutcome.COMPLETED, true, null, null, null, "half \uD83D", null, null)))
                .extracting(FieldError::field).containsExactly("transcript_summary");
        ReportRules.check("s1", result(CallOutcome.COMPLETED, true, null, null, null, "whole \uD83D\uDE00", null,
                null), NOW);
    }

    @Test
    void aSessionIdNoStoreCanHoldIsNotFoundAndABlankOneIsInvalid() {
        for (String id : List.of("abc\0def", "x".repeat(65), "line\nbreak", "\uDC00")) {
            assertThatThrownBy(() -> ReportRules.check(id, CallResult.of(CallOutcome.BUSY), NOW))
                    .isInstanceOfSatisfying(CampaignException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
        assertThat(refused(" ", CallResult.of(CallOutcome.BUSY))).extracting(FieldError::field)
                .containsExactly("session_id");
        ReportRules.check("x".repeat(64), CallResult.of(CallOutcome.BUSY), NOW);
    }

    @Test
    void aMissingResultIsRefusedNamingIt() {
        assertThat(refused("s1", null)).containsExactly(new FieldError("result", null, "is required"));
    }

    @Test
    void anEndOrAnswerLaterThanTheReportPlusTheToleranceIsRefusedEvenInstantMax() {
        Instant tooLate = NOW.plus(ReportRules.CLOCK_TOLERANCE).plusSeconds(1);
        assertThat(refused("s1", result(CallOutcome.BUSY, null, null, Instant.parse("9999-01-01T00:00:00Z"), null,
                null, null, null))).extracting(FieldError::field).containsExactly("ended_at");
        assertThat(refused("s1", result(CallOutcome.BUSY, null, null, Instant.MAX, null, null, null, null)))
                .extracting(FieldError::value).containsExactly(Instant.MAX.toString());
        assertThat(refused("s1", result(CallOutcome.COMPLETED, true, tooLate, null, null, null, null, null)))
                .extracting(FieldError::field).containsExactly("answered_at");
        ReportRules.check("s1", result(CallOutcome.BUSY, null, null, NOW.plus(ReportRules.CLOCK_TOLERANCE), null,
                null, null, null), NOW);
    }

    @Test
    void aDurationMustBeBetweenZeroAndADay() {
        assertThat(refused("s1", result(CallOutcome.COMPLETED, true, null, null, -1L, null, null, null)))
                .extracting(FieldError::field).containsExactly("duration_seconds");
        assertThat(refused("s1", result(CallOutcome.COMPLETED, true, null, null, Long.MAX_VALUE, null, null, null)))
                .extracting(FieldError::field).containsExactly("duration_seconds");
        ReportRules.check("s1", result(CallOutcome.COMPLETED, true, null, null, 86_400L, null, null, null), NOW);
        ReportRules.check("s1", result(CallOutcome.COMPLETED, true, null, null, 0L, null, null, null), NOW);
    }

    @Test
    void answeredMustAgreeWithTheOutcome() {
        for (CallOutcome nobody : List.of(CallOutcome.BUSY, CallOutcome.NO_ANSWER, CallOutcome.INVALID_NUMBER)) {
            assertThat(refused("s1", result(nobody, true, null, null, null, null, null, null)))
                    .extracting(FieldError::field).containsExactly("answered");
        }
        assertThat(refused("s1", result(CallOutcome.COMPLETED, false, null, null, null, null, null, null)))
                .extracting(FieldError::field).containsExactly("answered");
        assertThat(refused("s1", result(CallOutcome.BUSY, null, NOW, null, null, null, null, null)))
                .extracting(FieldError::field).containsExactly("answered_at");
        assertThat(refused("s1", result(CallOutcome.COMPLETED, true, NOW, NOW.minusSeconds(1), null, null, null,
                null))).extracting(FieldError::field).containsExactly("answered_at");
        // A machine answering (voicemail) or a call answered then dropped (failed) may say so.
        ReportRules.check("s1", result(CallOutcome.VOICEMAIL, true, NOW, NOW, 20L, null, null, null), NOW);
        ReportRules.check("s1", result(CallOutcome.FAILED, true, null, null, null, null, null, "dropped"), NOW);
    }

    @Test
    void extractedDataThatCannotBeWrittenAsJsonIsRefused() {
        Map<String, Object> data = Map.of("thread", new Object());
        assertThat(refused("s1", result(CallOutcome.COMPLETED, true, null, null, null, null, data, null)))
                .extracting(FieldError::field).containsExactly("extracted_data");
    }

    @Test
    void everyBrokenRuleIsNamedAtOnce() {
        assertThat(refused("s1", result(CallOutcome.BUSY, true, null, Instant.MAX, -5L, "\0", null, null)))
                .extracting(FieldError::field)
                .containsExactly("transcript_summary", "ended_at", "duration_seconds", "answered");
    }

    @Test
    void theEnginesOwnTextIsMadeStorable() {
        assertThat(ReportRules.storable("dial failed: a\0b \uD83D\uDE00 \uDC00")).isEqualTo(
                "dial failed: a\uFFFDb \uD83D\uDE00 \uFFFD");
        assertThat(ReportRules.storable(null)).isNull();
    }

    @Test
    void anEndAfterTheReportOrBeforeTheStartIsClampedAndAnAnswerIntoTheCall() {
        CallSession session = RuleFixtures.session("s1", 1);            // started at T0
        SessionEnd ahead = SessionEnd.of(session, result(CallOutcome.COMPLETED, true, NOW.plusSeconds(100),
                NOW.plusSeconds(120), null, null, null, null), NOW, false, false);
        SessionEnd behind = SessionEnd.of(session, result(CallOutcome.COMPLETED, true, T0.minusSeconds(90),
                T0.minusSeconds(30), null, null, null, null), NOW, false, false);

        assertThat(ahead.endedAt()).isEqualTo(NOW);
        assertThat(ahead.answeredAt()).isEqualTo(NOW);
        assertThat(ahead.durationSeconds()).isEqualTo(600);
        assertThat(behind.endedAt()).isEqualTo(T0);
        assertThat(behind.answeredAt()).isEqualTo(T0);
        assertThat(behind.durationSeconds()).isZero();
    }

    @Test
    void aLateOutcomeKeepsWhenAndWhyTheEngineClosedTheSession() {
        CallSession session = RuleFixtures.session("s1", 1);
        SessionEnd expired = CallRules.expired(RuleFixtures.campaign(io.outbound.campaign.CampaignStatus.RUNNING,
                0, 1, 0, 0, 0), session, RuleFixtures.inCall("s1", 1), "node-a#01", T0.plusSeconds(130)).end();
        CallSession closed = expired.applyTo(session);
        SessionEnd late = SessionEnd.of(closed, result(CallOutcome.BUSY, null, null, T0.plusSeconds(200), 190L,
                null, null, null), T0.plusSeconds(205), true, true);
        CallSession after = late.applyTo(closed);

        assertThat(closed.engineEndedAt()).isEqualTo(T0.plusSeconds(130));
        assertThat(closed.engineEndReason()).isEqualTo("lease expired: node node-a#01 stopped renewing");
        assertThat(after.endedAt()).isEqualTo(T0.plusSeconds(200));
        assertThat(after.outcome()).isEqualTo(CallOutcome.BUSY);
        assertThat(after.engineEndedAt()).isEqualTo(T0.plusSeconds(130));
        assertThat(after.engineEndReason()).isEqualTo(closed.engineEndReason());
    }
}
