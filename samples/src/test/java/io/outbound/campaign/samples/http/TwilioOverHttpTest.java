package io.outbound.campaign.samples.http;

import static io.outbound.campaign.samples.http.HostUnderTest.KEY_A;
import static io.outbound.campaign.samples.http.HostUnderTest.KEY_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outbound.campaign.samples.http.TwilioCarrier.Posted;
import io.outbound.campaign.twilio.TwilioAccounts;
import io.outbound.campaign.twilio.TwilioCredentials;
import io.outbound.campaign.twilio.TwilioStatusCallbacks;
import io.outbound.campaign.twilio.TwilioTelephony;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample host dialling through Twilio, with a stand-in for Twilio on 127.0.0.1 that accepts the call requests
 * and calls the host's {@code POST /webhooks/twilio} back over real HTTP; and the generic
 * {@code POST /calls/{session_id}/result} for other carriers.
 */
class TwilioOverHttpTest {
    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "auth-token-of-the-sample-account";
    static final List<String> CALLERS = List.of("+16465550001", "+16465550002", "+16465550003");

    TwilioCarrier twilio;
    HostUnderTest host;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        twilio = new TwilioCarrier(ACCOUNT, TOKEN);
        TwilioAccounts accounts = TwilioAccounts.single(TwilioCredentials.of(ACCOUNT, TOKEN));
        host = new HostUnderTest(dir, 1 << 20,
                (base, backend) -> backend.callerNumbers(CALLERS).telephony(TwilioTelephony.builder(accounts)
                        .baseUrl(twilio.baseUrl())
                        .voiceUrl(URI.create("https://agents.example.com/twiml"))
                        .statusCallbackUrl(base.resolve("/webhooks/twilio"))
                        .build()),
                (backend, builder) -> builder
                        .twilioCallbacks(TwilioStatusCallbacks.builder(accounts, backend.engine().calls())
                                .sessionOwnership(backend::sessionBelongsTo).build())
                        .callResults(backend.engine().calls(), backend::sessionBelongsTo));
    }

    @AfterEach
    void stop() {
        host.close();
        twilio.close();
    }

    long campaignOf(String... numbers) {
        String csv = "phone_number,name\n" + java.util.Arrays.stream(numbers).map(n -> n + ",Contact " + n)
                .collect(Collectors.joining("\n")) + "\n";
        long id = host.create(KEY_A, host.upload(KEY_A, "twilio/contacts-" + numbers.length + ".csv", csv),
                "Twilio", null);
        host.expect(200, "POST", "/campaign/" + id + "/start", null, KEY_A);
        return id;
    }

    @Test
    void aCampaignDialledThroughTwilioCompletesFromItsSignedStatusCallbacks() {
        twilio.ends("+14155550002", "busy", null);
        twilio.ends("+14155550003", "completed", "machine_end_beep");
        twilio.ends("+14155550004", "no-answer", null);
        long id = campaignOf("+14155550001", "+14155550002", "+14155550003", "+14155550004", "+14155550005");

        JsonNode progress = host.awaitStatus(KEY_A, id, "completed");

        assertThat(progress.get("total_contacts").asInt()).isEqualTo(5);
        assertThat(progress.get("completed").asInt()).isEqualTo(2);
        assertThat(progress.get("answered").asInt()).isEqualTo(2);
        JsonNode runs = host.expect(200, "GET", "/campaign/" + id + "/runs?limit=10", null, KEY_A).get("items");
        Map<String, String> outcomes = new java.util.TreeMap<>();
        runs.forEach(run -> outcomes.put(run.get("phone_number").asText(), run.get("outcome").asText()));
        assertThat(outcomes).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("+14155550001", "completed",
                "+14155550002", "busy", "+14155550003", "voicemail", "+14155550004", "no_answer",
                "+14155550005", "completed")));
        runs.forEach(run -> assertThat(run.get("attempt").asInt()).isEqualTo(1));

        assertThat(twilio.callRequests()).hasSize(5);
        assertThat(twilio.callRequests()).allSatisfy(call -> {
            assertThat(CALLERS).contains(call.get("From"));
            assertThat(call.get("StatusCallback")).startsWith(host.base + "/webhooks/twilio?session_id=");
        });
        assertThat(twilio.authorizations()).containsOnly("Basic " + Base64.getEncoder()
                .encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyCallbackIsAcknowledgedAndTheRepeatedOneChangesNothing() {
        long id = campaignOf("+14155550011", "+14155550012");
        host.awaitStatus(KEY_A, id, "completed");
        // The campaign completes on the first final callback; the repeat of each may still be on its way.
        host.awaitProgress(KEY_A, id, p -> twilio.posted().size() == 6, Duration.ofSeconds(20));

        assertThat(twilio.posted()).extracting(Posted::answer).containsOnly(204);
        assertThat(twilio.posted()).extracting(Posted::status).containsOnly("ringing", "completed");
        JsonNode progress = host.expect(200, "GET", "/campaign/" + id + "/progress", null, KEY_A);
        assertThat(progress.get("completed").asInt()).isEqualTo(2);
        assertThat(progress.get("dialled").asInt()).isEqualTo(2);
    }

    @Test
    void aCallbackNotSignedByTheAccountIsRefusedAndChangesNothing() {
        twilio.silent("+14155550021");
        long id = campaignOf("+14155550021");
        host.awaitProgress(KEY_A, id, p -> twilio.callRequests().size() == 1, Duration.ofSeconds(20));
        String callback = twilio.callRequests().get(0).get("StatusCallback");
        String body = "AccountSid=" + ACCOUNT + "&CallSid=CA1&CallStatus=completed&AnsweredBy=human";

        HttpResponse<String> unsigned = post(callback, body, null, "application/x-www-form-urlencoded");
        HttpResponse<String> forged = post(callback, body, "bm90IGEgc2lnbmF0dXJl", "application/x-www-form-urlencoded");
        HttpResponse<String> json = post(callback, "{}", "x", "application/json");

        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(host.json(unsigned).get("code").asText()).isEqualTo("REFUSED");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(host.expect(200, "GET", "/campaign/" + id + "/progress", null, KEY_A).get("in_progress").asInt())
                .isEqualTo(1);
    }

    @Test
    void anotherCarriersResultIsPostedWithTheOrganisationsKeyAndRecordedOnce() {
        twilio.silent("+14155550031");
        long id = campaignOf("+14155550031");
        host.awaitProgress(KEY_A, id, p -> twilio.callRequests().size() == 1, Duration.ofSeconds(20));
        String callback = twilio.callRequests().get(0).get("StatusCallback");
        String session = callback.substring(callback.indexOf("session_id=") + "session_id=".length(),
                callback.indexOf('&'));
        String path = "/calls/" + session + "/result";
        String result = "{\"outcome\":\"completed\",\"duration_seconds\":61,\"transcript_summary\":\"Booked a demo.\"}";

        assertThat(host.send("POST", path, result, null).statusCode()).isEqualTo(401);
        assertThat(host.expect(404, "POST", path, result, KEY_B).get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(host.expect(404, "POST", "/calls/no-such-session/result", result, KEY_A).get("code").asText())
                .isEqualTo("NOT_FOUND");
        assertThat(host.expect(422, "POST", path, "{\"outcome\":\"exploded\"}", KEY_A).get("errors").get(0)
                .get("field").asText()).isEqualTo("outcome");
        assertThat(host.expect(422, "POST", path, "{\"duration_seconds\":5}", KEY_A).get("errors").get(0)
                .get("field").asText()).isEqualTo("outcome");
        assertThat(host.expect(422, "POST", path, "{\"outcome\":\"busy\",\"duration_seconds\":-1}", KEY_A)
                .get("errors").get(0).get("field").asText()).isEqualTo("duration_seconds");
        assertThat(host.expect(422, "POST", path, "{\"outcome\":\"busy\",\"ringing\":true}", KEY_A)
                .get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(host.send("GET", path, null, KEY_A).statusCode()).isEqualTo(405);

        assertThat(host.expect(200, "POST", path, result, KEY_A).get("recorded").asText()).isEqualTo("recorded");
        assertThat(host.expect(200, "POST", path, "{\"outcome\":\"busy\"}", KEY_A).get("recorded").asText())
                .isEqualTo("duplicate");
        JsonNode progress = host.awaitStatus(KEY_A, id, "completed");
        assertThat(progress.get("completed").asInt()).isEqualTo(1);
        JsonNode run = host.expect(200, "GET", "/campaign/" + id + "/runs", null, KEY_A).get("items").get(0);
        assertThat(run.get("transcript_summary").asText()).isEqualTo("Booked a demo.");
        assertThat(run.get("duration_seconds").asInt()).isEqualTo(61);
    }

    HttpResponse<String> post(String url, String body, String signature, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return host.send(request.build());
    }
}
