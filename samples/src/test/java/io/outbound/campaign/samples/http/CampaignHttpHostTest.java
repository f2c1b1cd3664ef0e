package io.outbound.campaign.samples.http;

import static io.outbound.campaign.samples.http.HostUnderTest.KEY_A;
import static io.outbound.campaign.samples.http.HostUnderTest.KEY_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outbound.campaign.samples.DemoContacts;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole flow over real HTTP against the host on a random port: upload, create, start, progress until
 * completed, runs, report, redial, source download, and how every kind of bad request is answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignHttpHostTest {
    private static final int CONTACTS = 40;
    private static final long MAX_UPLOAD = 256 * 1024;

    HostUnderTest host;
    String csv;
    String fileKey;
    long finished;
    Instant finishedAt;

    /** One campaign of organisation A run to completion, which most tests then query. */
    @BeforeAll
    void runOneCampaignToCompletion(@TempDir Path dir) throws Exception {
        host = new HostUnderTest(dir, MAX_UPLOAD);
        csv = DemoContacts.csv(CONTACTS);
        fileKey = host.upload(KEY_A, "june/contacts.csv", csv);
        finished = host.create(KEY_A, fileKey, "June Lead Outreach", "{\"enabled\":true,\"max_retries\":1,"
                + "\"retry_delay_seconds\":0}");
        JsonNode started = host.expect(200, "POST", "/campaign/" + finished + "/start", null, KEY_A);
        assertThat(started.get("status").asText()).isIn("running", "completed");
        host.awaitStatus(KEY_A, finished, "completed");
        finishedAt = Instant.now();
    }

    @AfterAll
    void stopHost() {
        host.close();
    }

    @Test
    void anUploadedFileBecomesACampaignWhoseContactsAreAllImported() {
        JsonNode campaign = host.expect(200, "GET", "/campaign/" + finished, null, KEY_A);
        assertThat(fileKey).isEqualTo("orgs/org-a/june/contacts.csv");
        assertThat(campaign.get("contacts_file_key").asText()).isEqualTo(fileKey);
        assertThat(campaign.get("import_summary").get("accepted").asInt()).isEqualTo(CONTACTS);
        assertThat(campaign.get("contact_columns")).extracting(JsonNode::asText)
                .containsExactly("name", "company", "notes");
    }

    @Test
    void theProgressOfACompletedCampaignAccountsForEveryContact() {
        JsonNode p = host.expect(200, "GET", "/campaign/" + finished + "/progress", null, KEY_A);
        assertThat(p.get("status").asText()).isEqualTo("completed");
        assertThat(p.get("total_contacts").asLong()).isEqualTo(CONTACTS);
        assertThat(p.get("dialled").asLong()).isEqualTo(CONTACTS);
        assertThat(p.get("pending").asLong() + p.get("in_progress").asLong() + p.get("retry_scheduled").asLong())
                .isZero();
        assertThat(p.get("completed").asLong() + p.get("failed").asLong()).isEqualTo(CONTACTS);
        assertThat(p.get("answered").asLong()).isEqualTo(p.get("completed").asLong());
    }

    @Test
    void runsFilteredByOutcomeHoldOnlyThatOutcomeAndTogetherMakeUpEverySession() {
        long total = runs("").get("total").asLong();
        assertThat(total).isGreaterThanOrEqualTo(CONTACTS);
        long sum = 0;
        for (String outcome : List.of("completed", "no_answer", "busy", "voicemail", "failed", "invalid_number")) {
            JsonNode page = runs("&filters=" + encode("{\"outcome\":\"" + outcome + "\"}"));
            page.get("items").forEach(run -> assertThat(run.get("outcome").asText()).isEqualTo(outcome));
            sum += page.get("total").asLong();
        }
        assertThat(sum).isEqualTo(total);
        JsonNode retries = runs("&filters=" + encode("{\"attempt\":2}"));
        retries.get("items").forEach(run -> assertThat(run.get("attempt").asInt()).isEqualTo(2));
        assertThat(retries.get("total").asLong()).isEqualTo(total - CONTACTS);
    }

    @Test
    void runsSortedByPhoneNumberComeInThatOrderEitherWay() {
        List<String> ascending = phoneNumbers(runs("&sort_by=phone_number&sort_order=asc"));
        List<String> descending = phoneNumbers(runs("&sort_by=phone_number&sort_order=desc"));
        assertThat(ascending).hasSizeGreaterThanOrEqualTo(CONTACTS).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(descending).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(descending).containsExactlyInAnyOrderElementsOf(ascending);
    }

    @Test
    void runsComeInPagesThatDoNotOverlap() {
        JsonNode first = host.expect(200, "GET", "/campaign/" + finished + "/runs?page=1&limit=10"
                + "&sort_by=phone_number&sort_order=asc", null, KEY_A);
        JsonNode second = host.expect(200, "GET", "/campaign/" + finished + "/runs?page=2&limit=10"
                + "&sort_by=phone_number&sort_order=asc", null, KEY_A);
        assertThat(first.get("items")).hasSize(10);
        assertThat(first.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("page").asInt()).isEqualTo(2);
        List<String> ids = new ArrayList<>();
        first.get("items").forEach(run -> ids.add(run.get("session_id").asText()));
        second.get("items").forEach(run -> assertThat(ids).doesNotContain(run.get("session_id").asText()));
    }

    @Test
    void theReportIsACsvDownloadWithOneRowPerSessionFilteredByStartDate() {
        long sessions = runs("").get("total").asLong();
        HttpResponse<String> all = host.send("GET", "/campaign/" + finished + "/report", null, KEY_A);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(all.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("attachment; filename="));
        List<String> lines = all.body().lines().toList();
        assertThat(lines.get(0)).startsWith("session_id,phone_number,name,company,notes");
        assertThat(lines).hasSize((int) sessions + 1);

        String later = encode(finishedAt.plusSeconds(60).toString());
        String earlier = encode(finishedAt.minusSeconds(600).toString());
        assertThat(report("?start_date=" + later).lines()).hasSize(1);
        assertThat(report("?end_date=" + earlier).lines()).hasSize(1);
        assertThat(report("?start_date=" + earlier + "&end_date=" + later).lines()).hasSize((int) sessions + 1);
    }

    @Test
    void theSourceDownloadUrlServesTheUploadedFileAndNothingElse() {
        JsonNode url = host.expect(200, "GET", "/campaign/" + finished + "/source-download-url", null, KEY_A);
        assertThat(url.get("method").asText()).isEqualTo("GET");
        assertThat(Instant.parse(url.get("expires_at").asText())).isAfter(Instant.now().plusSeconds(600));
        URI download = URI.create(url.get("url").asText());
        HttpResponse<String> file = host.send(HttpRequest.newBuilder(download).GET().build());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(csv);

        String tampered = download.toString().replaceAll("signature=[0-9a-f]", "signature=x");
        HttpResponse<String> refused = host.send(HttpRequest.newBuilder(URI.create(tampered)).GET().build());
        assertThat(refused.statusCode()).isEqualTo(403);
        HttpResponse<String> asUpload = host.send(HttpRequest.newBuilder(download)
                .PUT(HttpRequest.BodyPublishers.ofString("phone_number\n")).build());
        assertThat(asUpload.statusCode()).as("a GET URL is not a PUT URL").isEqualTo(403);
    }

    @Test
    void aRedialIsADraftOfTheContactsNeverReachedWhoseLastOutcomeWasAsked() {
        Map<String, JsonNode> lastAttempt = new HashMap<>();
        Set<String> reached = new java.util.HashSet<>();
        host.expect(200, "GET", "/campaign/" + finished + "/runs?limit=500", null, KEY_A).get("items")
                .forEach(run -> {
                    String number = run.get("phone_number").asText();
                    lastAttempt.merge(number, run, (a, b) -> a.get("attempt").asInt() >= b.get("attempt").asInt() ? a : b);
                    if (run.get("answered").asBoolean()) {
                        reached.add(number);
                    }
                });
        Set<String> asked = Set.of("no_answer", "busy", "voicemail");
        long expected = lastAttempt.entrySet().stream()
                .filter(e -> !reached.contains(e.getKey()))
                .filter(e -> asked.contains(e.getValue().get("outcome").asText()))
                .count();

        JsonNode redial = host.expect(201, "POST", "/campaign/" + finished + "/redial",
                "{\"name\":\"June Outreach - Redial\",\"redial_statuses\":[\"no_answer\",\"busy\",\"voicemail\"]}",
                KEY_A);
        assertThat(redial.get("status").asText()).isEqualTo("draft");
        assertThat(redial.get("parent_campaign_id").asLong()).isEqualTo(finished);
        assertThat(redial.get("workflow_id").asLong()).isEqualTo(247);
        assertThat(redial.get("progress").get("total_contacts").asLong()).isEqualTo(expected);
        JsonNode source = host.expect(200, "GET", "/campaign/" + redial.get("id").asLong() + "/source-download-url",
                null, KEY_A);
        HttpResponse<String> file = host.send(HttpRequest.newBuilder(URI.create(source.get("url").asText())).build());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body().lines()).hasSize((int) expected + 1);
    }

    @Test
    void aRunningCampaignPausesResumesAndTakesSettingsChanges() {
        String key = host.upload(KEY_A, "pause/contacts.csv", DemoContacts.csv(10));
        long id = host.create(KEY_A, key, "Pause me", null);
        host.backend.telephony().holdOutcomes();
        try {
            host.expect(200, "POST", "/campaign/" + id + "/start", null, KEY_A);
            host.awaitProgress(KEY_A, id, p -> p.get("in_progress").asInt() == 10, java.time.Duration.ofSeconds(20));
            assertThat(host.expect(200, "POST", "/campaign/" + id + "/pause", null, KEY_A).get("status").asText())
                    .isEqualTo("paused");
            JsonNode renamed = host.expect(200, "PATCH", "/campaign/" + id, "{\"name\":\"Paused and renamed\","
                    + "\"max_concurrency\":3}", KEY_A);
            assertThat(renamed.get("name").asText()).isEqualTo("Paused and renamed");
            assertThat(renamed.get("max_concurrency").asInt()).isEqualTo(3);
            assertThat(host.expect(200, "POST", "/campaign/" + id + "/resume", null, KEY_A).get("status").asText())
                    .isEqualTo("running");
        } finally {
            host.backend.telephony().releaseOutcomes();
        }
        assertThat(host.awaitStatus(KEY_A, id, "completed").get("total_contacts").asInt()).isEqualTo(10);
    }

    @Test
    void theListShowsAnOrganisationOnlyItsOwnCampaigns() {
        JsonNode a = host.expect(200, "GET", "/campaign/?page=1&limit=100", null, KEY_A);
        List<Long> ids = new ArrayList<>();
        a.get("items").forEach(c -> ids.add(c.get("id").asLong()));
        assertThat(ids).contains(finished);
        JsonNode b = host.expect(200, "GET", "/campaign/", null, KEY_B);
        b.get("items").forEach(c -> assertThat(ids).doesNotContain(c.get("id").asLong()));
        assertThat(b.get("total").asLong()).isEqualTo(b.get("items").size());
    }

    @Test
    void theListFiltersByStatusesPagingAndCountingOnlyThose() {
        String key = host.upload(KEY_A, "listed/contacts.csv", DemoContacts.csv(2));
        long draft = host.create(KEY_A, key, "Listed draft", null);

        JsonNode ended = host.expect(200, "GET", "/campaign/?status=completed,failed&limit=500", null, KEY_A);
        JsonNode drafts = host.expect(200, "GET", "/campaign/?status=draft&page=1&limit=1", null, KEY_A);
        JsonNode active = host.expect(200, "GET", "/campaign/?status=running%2Cpaused", null, KEY_A);

        List<Long> endedIds = new ArrayList<>();
        ended.get("items").forEach(c -> {
            endedIds.add(c.get("id").asLong());
            assertThat(c.get("status").asText()).isIn("completed", "failed");
        });
        assertThat(endedIds).contains(finished).doesNotContain(draft);
        assertThat(ended.get("total").asLong()).isEqualTo(endedIds.size());
        assertThat(drafts.get("items")).hasSize(1);
        assertThat(drafts.get("items").get(0).get("id").asLong()).as("the newest draft").isEqualTo(draft);
        assertThat(drafts.get("total").asLong()).isEqualTo(host.expect(200, "GET", "/campaign/?status=draft&limit=500",
                null, KEY_A).get("items").size());
        active.get("items").forEach(c -> assertThat(c.get("status").asText()).isIn("running", "paused"));
        host.expect(200, "GET", "/campaign/?status=completed&limit=500", null, KEY_B).get("items")
                .forEach(c -> assertThat(c.get("id").asLong()).isNotEqualTo(finished));
    }

    @Test
    void anUnknownOrEmptyStatusIsRefusedNamingTheParameterAndTheValue() {
        for (String[] bad : new String[][]{{"runing", "runing"}, {"running,ended", "ended"}, {"", ""},
                {"running,", "running,"}, {"%27%3B+drop", "'; drop"}}) {
            JsonNode error = host.expect(422, "GET", "/campaign/?status=" + bad[0], null, KEY_A);
            assertThat(error.get("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(error.get("errors")).hasSize(1);
            assertThat(error.get("errors").get(0).get("field").asText()).isEqualTo("status");
            assertThat(error.get("errors").get(0).get("value").asText()).isEqualTo(bad[1]);
        }
    }

    @Test
    void anotherOrganisationsCampaignIsNotFoundWhateverTheEndpoint() {
        for (String[] call : new String[][]{{"GET", ""}, {"GET", "/progress"}, {"GET", "/runs"}, {"GET", "/report"},
                {"GET", "/source-download-url"}, {"POST", "/start"}, {"POST", "/pause"}}) {
            JsonNode error = host.expect(404, call[0], "/campaign/" + finished + call[1], null, KEY_B);
            assertThat(error.get("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(error.get("message").asText()).contains(String.valueOf(finished));
        }
    }

    @Test
    void aRequestWithoutAKnownApiKeyIsUnauthorized() {
        HttpResponse<String> none = host.send("GET", "/campaign/", null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(host.json(none).get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(host.expect(401, "GET", "/campaign/" + finished, null, "not-a-key-of-anyone-at-all")
                .get("message").asText()).contains("not known");
        host.expect(401, "POST", "/files/upload-url", "{}", null);
        HttpResponse<String> basic = host.send(HttpRequest.newBuilder(host.base.resolve("/campaign/"))
                .header("Authorization", "Basic " + KEY_A).build());
        assertThat(basic.statusCode()).isEqualTo(401);
    }

    @Test
    void unknownRoutesAndCampaignsAreNotFound() {
        host.expect(404, "GET", "/nothing-here", null, KEY_A);
        host.expect(404, "GET", "/campaign/" + finished + "/transcripts", null, KEY_A);
        host.expect(404, "GET", "/campaign/abc", null, KEY_A);
        host.expect(404, "GET", "/campaign/999999", null, KEY_A);
        host.expect(404, "GET", "/campaign/1/runs/extra", null, KEY_A);
    }

    @Test
    void aMethodARouteDoesNotTakeIsNotAllowedAndTheAllowedOnesAreNamed() {
        HttpResponse<String> delete = host.send("DELETE", "/campaign/" + finished, null, KEY_A);
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).hasValue("GET, PATCH");
        assertThat(host.json(delete).get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        host.expect(405, "GET", "/campaign/create", null, KEY_A);
        host.expect(405, "POST", "/campaign/" + finished + "/progress", "{}", KEY_A);
        host.expect(405, "GET", "/campaign/" + finished + "/start", null, KEY_A);
        host.expect(405, "POST", "/", "{}", null);
        host.expect(405, "GET", "/files/upload-url", null, KEY_A);
    }

    @Test
    void anActionTheCampaignsStatusForbidsIsAConflict() {
        JsonNode error = host.expect(409, "POST", "/campaign/" + finished + "/pause", null, KEY_A);
        assertThat(error.get("code").asText()).isEqualTo("INVALID_STATE");
        assertThat(error.get("message").asText()).contains("completed");
        host.expect(409, "PATCH", "/campaign/" + finished, "{\"name\":\"too late\"}", KEY_A);
        String key = host.upload(KEY_A, "draft/contacts.csv", DemoContacts.csv(3));
        long draft = host.create(KEY_A, key, "Draft", null);
        host.expect(409, "POST", "/campaign/" + draft + "/resume", null, KEY_A);
        host.expect(409, "POST", "/campaign/" + draft + "/redial", "{\"name\":\"r\",\"redial_statuses\":[\"busy\"]}",
                KEY_A);
    }

    @Test
    void anInvalidCreateRequestListsEveryFieldAtFault() {
        JsonNode error = host.expect(422, "POST", "/campaign/create", "{\"name\":\"\",\"workflow_id\":247,"
                + "\"contacts_file_key\":\"" + fileKey + "\",\"max_concurrency\":0,\"max_concurency\":5}", KEY_A);
        assertThat(error.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        List<String> fields = new ArrayList<>();
        error.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("name", "max_concurrency", "max_concurency");
        error.get("errors").forEach(e -> assertThat(e.has("value") && e.has("message")).isTrue());
    }

    @Test
    void aCampaignCannotImportAFileOfAnotherOrganisation() {
        JsonNode error = host.expect(422, "POST", "/campaign/create", "{\"name\":\"Theft\",\"workflow_id\":1,"
                + "\"contacts_file_key\":\"" + fileKey + "\",\"max_concurrency\":1}", KEY_B);
        assertThat(error.get("errors").get(0).get("field").asText()).isEqualTo("contacts_file_key");
        JsonNode missing = host.expect(422, "POST", "/campaign/create", "{\"name\":\"Nothing\",\"workflow_id\":1,"
                + "\"contacts_file_key\":\"orgs/org-b/never-uploaded.csv\",\"max_concurrency\":1}", KEY_B);
        assertThat(missing.get("code").asText()).isEqualTo("CONTACTS_REJECTED");
    }

    @Test
    void badQueryParametersAreNamedInTheError() {
        JsonNode sort = host.expect(422, "GET", "/campaign/" + finished + "/runs?sort_by=password", null, KEY_A);
        assertThat(sort.get("errors").get(0).get("field").asText()).isEqualTo("sort_by");
        JsonNode page = host.expect(422, "GET", "/campaign/" + finished + "/runs?page=abc&limit=9999", null, KEY_A);
        List<String> fields = new ArrayList<>();
        page.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("page");
        host.expect(422, "GET", "/campaign/" + finished + "/runs?limit=9999", null, KEY_A);
        host.expect(422, "GET", "/campaign/" + finished + "/runs?filters=" + encode("{\"status; drop\":1}"), null,
                KEY_A);
        JsonNode date = host.expect(422, "GET", "/campaign/" + finished + "/report?start_date=yesterday", null, KEY_A);
        assertThat(date.get("errors").get(0).get("field").asText()).isEqualTo("start_date");
        host.expect(422, "GET", "/campaign/?limit=0", null, KEY_A);
        // Instants a billion years out were a 500 (no store holds them) or a report cut off after its 200.
        String farOff = encode("+1000000000-01-01T00:00:00Z");
        JsonNode far = host.expect(422, "GET", "/campaign/" + finished + "/runs?filters="
                + encode("{\"started_after\":\"+1000000000-01-01T00:00:00Z\"}"), null, KEY_A);
        assertThat(far.get("errors").get(0).get("field").asText()).isEqualTo("filters.started_after");
        host.expect(422, "GET", "/campaign/" + finished + "/activity?from=" + farOff + "&to=" + farOff, null, KEY_A);
        host.expect(422, "GET", "/campaign/" + finished + "/report?start_date=" + farOff, null, KEY_A);
    }

    @Test
    void malformedJsonIsABadRequestThatSaysWhereItBroke() {
        JsonNode error = host.expect(400, "POST", "/campaign/create", "{\"name\": \"x\",\n \"workflow_id\": }", KEY_A);
        assertThat(error.get("code").asText()).isEqualTo("MALFORMED_REQUEST");
        assertThat(error.get("message").asText()).contains("line 2");
        host.expect(400, "PATCH", "/campaign/" + finished, "", KEY_A);
        host.expect(400, "POST", "/campaign/" + finished + "/redial", "[1, 2", KEY_A);
        // Zero bytes first once made the JSON reader guess UTF-32 and fail with an I/O error: a 500.
        JsonNode zeros = host.expect(400, "POST", "/campaign/create", "\u0000X\u0000\u0000", KEY_A);
        assertThat(zeros.get("code").asText()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        String huge = "{\"name\":\"" + "x".repeat(1 << 20) + "\"}";
        JsonNode error = host.expect(413, "POST", "/campaign/create", huge, KEY_A);
        assertThat(error.get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        JsonNode ticket = host.expect(200, "POST", "/files/upload-url", "{\"key\":\"big.csv\"}", KEY_A);
        HttpResponse<String> upload = host.send(HttpRequest.newBuilder(URI.create(ticket.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofString("phone_number\n" + "+14155550100\n".repeat(30_000))).build());
        assertThat(upload.statusCode()).isEqualTo(413);
        assertThat(host.backend.files().exists("orgs/org-a/big.csv")).as("nothing of a refused upload is kept")
                .isFalse();
        // Sent in chunks, with no length to refuse up front: the store stops at the limit and keeps nothing.
        byte[] chunked = ("phone_number\n" + "+14155550100\n".repeat(30_000)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> streamed = host.send(HttpRequest.newBuilder(URI.create(ticket.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked))).build());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(host.backend.files().exists("orgs/org-a/big.csv")).isFalse();
    }

    /** The host serves one request per connection, and a client that would keep it alive must be told. */
    @Test
    void everyAnswerSaysItsConnectionEndsWithItAndThenEndsIt() throws Exception {
        try (Socket socket = new Socket(host.base.getHost(), host.base.getPort())) {
            socket.getOutputStream().write(("GET /campaign/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + KEY_A + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

            String head = RawHttp.head(RawHttp.readUntilClosed(socket, java.time.Duration.ofSeconds(20)));

            assertThat(head).startsWith("HTTP/1.1 200 ");
            assertThat(head.lines()).anyMatch(line -> line.equalsIgnoreCase("Connection: close"));
        }
    }

    private JsonNode runs(String query) {
        return host.expect(200, "GET", "/campaign/" + finished + "/runs?limit=500" + query, null, KEY_A);
    }

    private String report(String query) {
        HttpResponse<String> response = host.send("GET", "/campaign/" + finished + "/report" + query, null, KEY_A);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static List<String> phoneNumbers(JsonNode page) {
        List<String> numbers = new ArrayList<>();
        page.get("items").forEach(run -> numbers.add(run.get("phone_number").asText()));
        return numbers;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
