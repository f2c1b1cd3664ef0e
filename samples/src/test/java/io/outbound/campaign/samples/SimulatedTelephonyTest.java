package io.outbound.campaign.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.spi.CallRequest;
import io.outbound.campaign.spi.RecordResult;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimulatedTelephonyTest {

    @Test
    void aCallsOutcomeDependsOnlyOnTheSeedTheNumberAndTheAttempt() {
        SimulatedTelephony one = SimulatedTelephony.builder().seed(3).build();
        SimulatedTelephony two = SimulatedTelephony.builder().seed(3).build();
        SimulatedTelephony other = SimulatedTelephony.builder().seed(4).build();
        int differ = 0;
        for (int i = 0; i < 200; i++) {
            String number = DemoContacts.phoneNumber(i);
            assertThat(one.outcomeOf(number, 1)).isEqualTo(two.outcomeOf(number, 1));
            differ += one.outcomeOf(number, 1) == other.outcomeOf(number, 1) ? 0 : 1;
        }
        assertThat(differ).as("another seed gives another campaign").isPositive();
        one.close();
        two.close();
        other.close();
    }

    @Test
    void overManyNumbersTheOutcomesFollowTheRealisticMix() {
        SimulatedTelephony telephony = SimulatedTelephony.builder().build();
        Map<CallOutcome, Integer> counts = new EnumMap<>(CallOutcome.class);
        int calls = 20_000;
        for (int i = 0; i < calls; i++) {
            counts.merge(telephony.outcomeOf(DemoContacts.phoneNumber(i), 1), 1, Integer::sum);
        }
        telephony.close();
        assertThat(counts.get(CallOutcome.COMPLETED) / (double) calls).isCloseTo(0.60, within(0.02));
        assertThat(counts.get(CallOutcome.NO_ANSWER) / (double) calls).isCloseTo(0.15, within(0.02));
        assertThat(counts.get(CallOutcome.BUSY) / (double) calls).isCloseTo(0.10, within(0.02));
        assertThat(counts.get(CallOutcome.VOICEMAIL) / (double) calls).isCloseTo(0.10, within(0.02));
        assertThat(counts.get(CallOutcome.FAILED) / (double) calls).isCloseTo(0.05, within(0.02));
    }

    @Test
    void aDialledCallIsReportedUnderItsSessionWithTheDrawnOutcomeAndACompressedDuration() throws Exception {
        SimulatedTelephony telephony = SimulatedTelephony.builder().mix(OutcomeMix.always(CallOutcome.COMPLETED))
                .callDuration(Duration.ofMillis(10), Duration.ofMillis(10)).compression(3000).build();
        CompletableFuture<Map.Entry<String, CallResult>> reported = new CompletableFuture<>();
        telephony.connect((session, result) -> {
            reported.complete(Map.entry(session, result));
            return RecordResult.Kind.RECORDED;
        });
        telephony.dial(new CallRequest("session-1", "org", 1, "+14155550100", "+16465550000", 7, null, 1,
                Map.of("name", "Ada")));
        Map.Entry<String, CallResult> report = reported.get(10, TimeUnit.SECONDS);
        telephony.close();
        assertThat(report.getKey()).isEqualTo("session-1");
        assertThat(report.getValue().outcome()).isEqualTo(CallOutcome.COMPLETED);
        assertThat(report.getValue().wasAnswered()).isTrue();
        assertThat(report.getValue().durationSeconds()).isEqualTo(30);
        assertThat(report.getValue().transcriptSummary()).isNotBlank();
        assertThat(report.getValue().extractedData()).containsKeys("interested", "callback_requested");
    }
}
