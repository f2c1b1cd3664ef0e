package io.outbound.campaign.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of the documented table from Twilio's status and answering-machine verdict to the call's outcome. */
class TwilioCallOutcomesTest {

    static Map<String, String> params(String status, String answeredBy) {
        Map<String, String> params = new HashMap<>();
        params.put("CallStatus", status);
        if (answeredBy != null && !answeredBy.isEmpty()) {
            params.put("AnsweredBy", answeredBy);
        }
        return params;
    }

    @ParameterizedTest(name = "{0} answered by {1} is {2}, answered {3}")
    @CsvSource({
            "completed, ,                    COMPLETED,      true",
            "completed, human,               COMPLETED,      true",
            "completed, unknown,             COMPLETED,      true",
            "completed, machine_start,       VOICEMAIL,      false",
            "completed, machine_end_beep,    VOICEMAIL,      false",
            "completed, machine_end_silence, VOICEMAIL,      false",
            "completed, machine_end_other,   VOICEMAIL,      false",
            "completed, fax,                 INVALID_NUMBER, false",
            "busy, ,                         BUSY,           false",
            "busy, human,                    BUSY,           false",
            "no-answer, ,                    NO_ANSWER,      false",
            "no-answer, machine_start,       NO_ANSWER,      false",
            "failed, ,                       FAILED,         false",
            "canceled, ,                     FAILED,         false"})
    void anEndedCallMapsToItsOutcome(String status, String answeredBy, CallOutcome outcome, boolean answered) {
        CallResult result = TwilioCallOutcomes.toResult(params(status, answeredBy)).orElseThrow();

        assertThat(result.outcome()).isEqualTo(outcome);
        assertThat(result.wasAnswered()).isEqualTo(answered);
        assertThat(result.failureReason() != null).isEqualTo(outcome == CallOutcome.FAILED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"queued", "initiated", "ringing", "in-progress"})
    void aCallThatHasNotEndedHasNoOutcomeYet(String status) {
        assertThat(TwilioCallOutcomes.toResult(params(status, "human"))).isEmpty();
    }

    @Test
    void theDurationAndTimestampGiveTheCallsLengthEndAndAnswer() {
        Map<String, String> params = params("completed", "human");
        params.put("CallDuration", "42");
        params.put("Timestamp", "Mon, 01 Jun 2026 13:05:42 +0000");

        CallResult result = TwilioCallOutcomes.toResult(params).orElseThrow();

        assertThat(result.durationSeconds()).isEqualTo(42L);
        assertThat(result.endedAt()).isEqualTo(Instant.parse("2026-06-01T13:05:42Z"));
        assertThat(result.answeredAt()).isEqualTo(Instant.parse("2026-06-01T13:05:00Z"));
    }

    @Test
    void aFailedCallsReasonNamesTheSipResponseAndTwiliosErrorCode() {
        Map<String, String> params = params("failed", null);
        params.put("SipResponseCode", "503");
        params.put("ErrorCode", "32009");

        assertThat(TwilioCallOutcomes.toResult(params).orElseThrow().failureReason())
                .isEqualTo("Twilio could not place the call (CallStatus failed, SIP 503, error 32009)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"404", "410", "484", "604"})
    void aCallThatFailedForWantOfSuchANumberIsAnInvalidNumber(String sip) {
        Map<String, String> params = params("failed", null);
        params.put("SipResponseCode", sip);

        assertThat(TwilioCallOutcomes.toResult(params).orElseThrow().outcome()).isEqualTo(CallOutcome.INVALID_NUMBER);
    }

    @Test
    void aValueTheTableDoesNotKnowIsRefusedNamingTheParameterAndValue() {
        assertThatThrownBy(() -> TwilioCallOutcomes.toResult(params("exploded", null)))
                .hasMessageContaining("CallStatus must be one of").hasMessageEndingWith("was 'exploded'");
        assertThatThrownBy(() -> TwilioCallOutcomes.toResult(params("completed", "robot")))
                .hasMessageContaining("AnsweredBy must be one of").hasMessageEndingWith("was 'robot'");
        assertThatThrownBy(() -> TwilioCallOutcomes.toResult(new HashMap<>()))
                .hasMessage("CallStatus is required");
        Map<String, String> duration = params("completed", null);
        duration.put("CallDuration", "-3");
        assertThatThrownBy(() -> TwilioCallOutcomes.toResult(duration))
                .hasMessage("CallDuration must be a whole number of seconds, was '-3'");
        Map<String, String> timestamp = params("completed", null);
        timestamp.put("Timestamp", "yesterday");
        assertThatThrownBy(() -> TwilioCallOutcomes.toResult(timestamp))
                .hasMessageStartingWith("Timestamp must be an RFC 1123 date").hasMessageEndingWith("was 'yesterday'");
    }
}
