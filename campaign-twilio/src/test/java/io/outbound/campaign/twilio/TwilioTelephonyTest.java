package io.outbound.campaign.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.spi.CallRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What Twilio receives from a dial, and what each of its answers makes of the dial, against a local stand-in. */
class TwilioTelephonyTest {
    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "auth-token-of-the-test-account";
    static final URI CALLBACK = URI.create("https://host.example.com/webhooks/twilio");
    static final URI VOICE = URI.create("https://agents.example.com/twiml/247");

    TwilioStandIn twilio;

    @BeforeEach
    void startStandIn() throws IOException {
        twilio = new TwilioStandIn();
    }

    @AfterEach
    void stopStandIn() {
        twilio.close();
    }

    static CallRequest call(String sessionId) {
        return new CallRequest(sessionId, "org-1", 7, "+14155552671", "+16465550001", 247, 3L, 1,
                Map.of("name", "Ada"));
    }

    TwilioTelephony telephony(UnaryOperator<TwilioTelephony.Builder> settings) {
        return settings.apply(TwilioTelephony.builder(TwilioAccounts.single(TwilioCredentials.of(ACCOUNT, TOKEN)))
                .baseUrl(twilio.baseUrl())
                .voiceUrl(VOICE)
                .statusCallbackUrl(CALLBACK)
                .requestTimeout(Duration.ofMillis(800))
                .retryBudget(Duration.ofSeconds(4))
                .backoff(Duration.ofMillis(20), Duration.ofMillis(80))).build();
    }

    static TwilioDialException failure(CompletableFuture<Void> dial) {
        try {
            dial.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TwilioDialException.class);
            return (TwilioDialException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError("the dial neither failed nor succeeded in time", e);
        }
        throw new AssertionError("the dial succeeded");
    }

    static void succeeds(CompletableFuture<Void> dial) throws Exception {
        dial.get(20, TimeUnit.SECONDS);
    }

    @Test
    void twilioReceivesOneFormPostNamingTheContactTheCallerTheAgentAndTheSessionsCallback() throws Exception {
        succeeds(telephony(b -> b).dialAsync(call("session-1")).toCompletableFuture());

        assertThat(twilio.received()).hasSize(1);
        TwilioStandIn.Received request = twilio.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json");
        String basic = Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        assertThat(request.header("Authorization")).isEqualTo("Basic " + basic);
        assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, List<String>> form = request.form();
        assertThat(form).containsEntry("To", List.of("+14155552671"))
                .containsEntry("From", List.of("+16465550001"))
                .containsEntry("Url", List.of(VOICE.toString()))
                .containsEntry("StatusCallbackMethod", List.of("POST"))
                .containsEntry("Timeout", List.of("60"))
                .containsEntry("MachineDetection", List.of("Enable"))
                .doesNotContainKey("Twiml");
        assertThat(form.get("StatusCallback")).containsExactly(
                "https://host.example.com/webhooks/twilio?session_id=session-1&org_id=org-1&configuration_id=3");
    }

    @Test
    void anApiKeyAuthenticatesTheRequestWhenTheAccountHasOne() throws Exception {
        String keySid = "SK0123456789abcdef0123456789abcdef";
        TwilioTelephony withKey = TwilioTelephony.builder(TwilioAccounts.single(
                        TwilioCredentials.withApiKey(ACCOUNT, TOKEN, keySid, "api-key-secret")))
                .baseUrl(twilio.baseUrl()).voiceUrl(VOICE).statusCallbackUrl(CALLBACK).build();

        succeeds(withKey.dialAsync(call("session-1")).toCompletableFuture());

        assertThat(twilio.received().get(0).header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString((keySid + ":api-key-secret").getBytes(StandardCharsets.UTF_8)));
        assertThat(twilio.received().get(0).path()).contains(ACCOUNT);
    }

    @Test
    void inlineTwimlPerWorkflowAndNoDetectionAreSentAsConfigured() throws Exception {
        TwilioTelephony inline = telephony(b -> b
                .voice(call -> VoiceInstructions.twiml("<Response><Say>workflow " + call.workflowId()
                        + "</Say></Response>"))
                .machineDetection(MachineDetection.OFF)
                .ringTimeout(Duration.ofSeconds(25))
                .statusCallbackUrl(URI.create("https://host.example.com/cb?tenant=a")));

        succeeds(inline.dialAsync(call("session-2")).toCompletableFuture());

        Map<String, List<String>> form = twilio.received().get(0).form();
        assertThat(form).containsEntry("Twiml", List.of("<Response><Say>workflow 247</Say></Response>"))
                .containsEntry("Timeout", List.of("25"))
                .doesNotContainKeys("Url", "MachineDetection");
        assertThat(form.get("StatusCallback")).containsExactly(
                "https://host.example.com/cb?tenant=a&session_id=session-2&org_id=org-1&configuration_id=3");
    }

    @Test
    void tooManyRequestsAndServiceUnavailableAreRetriedUntilTwilioAccepts() throws Exception {
        twilio.answer(429, "{\"code\":20429,\"message\":\"Too Many Requests\"}")
                .answer(503, "{\"message\":\"Service Unavailable\"}")
                .answer(429, "");

        succeeds(telephony(b -> b).dialAsync(call("session-3")).toCompletableFuture());

        assertThat(twilio.received()).hasSize(4);
        assertThat(twilio.received()).extracting(TwilioStandIn.Received::body).containsOnly(
                twilio.received().get(0).body());
    }

    @Test
    void aRetryWaitsAtLeastAsLongAsRetryAfterAsks() throws Exception {
        twilio.answer(429, "{}", Map.of("Retry-After", "1"));
        long started = System.nanoTime();

        succeeds(telephony(b -> b).dialAsync(call("session-4")).toCompletableFuture());

        assertThat(twilio.received()).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retriesStopWithinTheBudgetAndSayNoCallWasCreated() {
        for (int i = 0; i < 500; i++) {
            twilio.answer(429, "{\"code\":20429,\"message\":\"Too Many Requests\"}");
        }
        long started = System.nanoTime();

        TwilioDialException failure = failure(telephony(b -> b.retryBudget(Duration.ofSeconds(2)))
                .dialAsync(call("session-5")).toCompletableFuture());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(twilio.received().size()).isGreaterThan(2);
        assertThat(failure.getMessage()).contains("error 20429", "HTTP 429", "no call was created");
        assertThat(failure.mayHaveBeenPlaced()).isFalse();
        assertThat(failure.httpStatus()).isEqualTo(429);
    }

    @Test
    void aServerErrorThatMayHaveCreatedTheCallIsNeverSentAgain() {
        twilio.answer(500, "{\"message\":\"Internal Server Error\"}");

        TwilioDialException failure = failure(telephony(b -> b).dialAsync(call("session-6")).toCompletableFuture());

        assertThat(twilio.received()).hasSize(1);
        assertThat(failure.mayHaveBeenPlaced()).isTrue();
        assertThat(failure.getMessage()).contains("HTTP 500", "may have been created", "not requested again");
    }

    @Test
    void aRequestTwilioDoesNotAnswerInTimeFailsTheDialWithoutASecondRequest() {
        twilio.hang();

        TwilioDialException failure = failure(telephony(b -> b).dialAsync(call("session-7")).toCompletableFuture());

        assertThat(twilio.received()).hasSize(1);
        assertThat(failure.mayHaveBeenPlaced()).isTrue();
        assertThat(failure.getMessage()).contains("did not answer within PT0.8S");
    }

    @Test
    void aRefusalIsAFailedDialWithTwiliosCodeAndMessageAndNoSecret() {
        twilio.answer(400, "{\"code\":21211,\"message\":\"The 'To' number +14155552671 is not a valid phone"
                + " number.\",\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}");

        TwilioDialException failure = failure(telephony(b -> b).dialAsync(call("session-8")).toCompletableFuture());

        assertThat(twilio.received()).hasSize(1);
        assertThat(failure.getMessage()).isEqualTo("Twilio refused the call: error 21211: The 'To' number"
                + " +14155552671 is not a valid phone number. (HTTP 400)");
        assertThat(failure.twilioCode()).isEqualTo(21211);
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.mayHaveBeenPlaced()).isFalse();
    }

    @Test
    void wrongCredentialsAreRefusedWithoutTheSecretInTheReason() {
        twilio.answer(401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}");

        TwilioDialException failure = failure(telephony(b -> b).dialAsync(call("session-9")).toCompletableFuture());

        assertThat(failure.getMessage()).isEqualTo("Twilio refused the call: error 20003: Authenticate (HTTP 401)")
                .doesNotContain(TOKEN);
    }

    @Test
    void anAnswerThatIsNotJsonIsDescribedByItsStatus() {
        twilio.answer(404, "<html>not found</html>");

        TwilioDialException failure = failure(telephony(b -> b).dialAsync(call("session-10")).toCompletableFuture());

        assertThat(failure.getMessage()).isEqualTo("Twilio refused the call: (HTTP 404)");
    }

    @Test
    void aTwilioThatCannotBeReachedIsTriedAgainUntilTheBudgetEnds() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        TwilioTelephony unreachable = telephony(b -> b.baseUrl(URI.create("http://127.0.0.1:" + closedPort))
                .retryBudget(Duration.ofSeconds(2)));

        TwilioDialException failure = failure(unreachable.dialAsync(call("session-11")).toCompletableFuture());

        assertThat(failure.getMessage()).startsWith("could not connect to Twilio (ConnectException)")
                .contains("no call was created").doesNotContain(" 1 time ");
        assertThat(failure.mayHaveBeenPlaced()).isFalse();
    }

    @Test
    void anOrganisationWithoutAnAccountFailsItsDialWithoutARequest() {
        TwilioTelephony none = TwilioTelephony.builder((org, config) -> Optional.empty())
                .baseUrl(twilio.baseUrl()).voiceUrl(VOICE).statusCallbackUrl(CALLBACK).build();

        TwilioDialException failure = failure(none.dialAsync(call("session-12")).toCompletableFuture());

        assertThat(failure.getMessage()).isEqualTo("organisation 'org-1' has no Twilio account for telephony"
                + " configuration 3");
        assertThat(twilio.received()).isEmpty();
    }

    @Test
    void theBlockingDialThrowsWhatTheAsynchronousOneCompletesWith() {
        twilio.answer(400, "{\"code\":21212,\"message\":\"Invalid From number\"}");

        assertThatThrownBy(() -> telephony(b -> b).dial(call("session-13")))
                .isInstanceOf(TwilioDialException.class)
                .hasMessage("Twilio refused the call: error 21212: Invalid From number (HTTP 400)");
    }
}
