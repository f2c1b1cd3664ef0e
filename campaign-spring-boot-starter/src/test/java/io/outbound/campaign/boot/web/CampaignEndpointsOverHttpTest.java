package io.outbound.campaign.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.boot.BreakableDataSource;
import io.outbound.campaign.spi.FileStore;
import io.outbound.campaign.spi.TelephonyConfigs;
import io.outbound.campaign.testkit.FakeTelephony;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Boot application as a host writes it (a DataSource, a Telephony, caller numbers and an organisation resolver),
 * with Actuator, on a real server on 127.0.0.1: a campaign runs end to end over HTTP with the JSON of the service's
 * documentation, and the health endpoint follows the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "campaign.web.enabled=true",
        "campaign.poll-interval=50ms",
        "management.endpoints.web.exposure.include=health",
        "management.endpoint.health.show-details=always"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
class CampaignEndpointsOverHttpTest {
    private static final String ORG_HEADER = "X-Organisation";
    private static final Path FILES = temporaryDirectory();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A host without Spring Security, which the test class path has for the dashboard's tests. */
    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
    static class HostApplication {
        @Bean
        DataSource dataSource() {
            return new BreakableDataSource();
        }

        @Bean(destroyMethod = "stopRealTime")
        FakeTelephony telephony() {
            return new FakeTelephony(Clock.systemUTC()).startRealTime(Duration.ofMillis(5), Duration.ofMillis(30), 11)
                    .script("+14155552671", CallOutcome.BUSY, CallOutcome.COMPLETED)
                    .script("+14155552672", CallOutcome.NO_ANSWER, CallOutcome.NO_ANSWER, CallOutcome.NO_ANSWER);
        }

        @Bean
        TelephonyConfigs telephonyConfigs() {
            return TelephonyConfigs.defaultNumbers(List.of("+15550000001", "+15550000002"));
        }

        @Bean
        CampaignOrganisationResolver organisations() {
            return request -> Optional.ofNullable(request.getHeader(ORG_HEADER));
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    CampaignEngine engine;
    @Autowired
    FakeTelephony telephony;
    @Autowired
    FileStore files;
    @Autowired
    DataSource dataSource;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void filesDirectory(DynamicPropertyRegistry registry) {
        registry.add("campaign.files.local.directory", FILES::toString);
    }

    @Test
    @Order(1)
    void a_campaign_runs_end_to_end_over_http() throws Exception {
        telephony.connect(engine.calls());
        files.put("org-1/contacts.csv", new ByteArrayInputStream(("phone_number,first_name\n"
                + "+14155552671,Ada\n+14155552672,Grace\n+14155552673,Alan\nnot-a-number,Bad\n")
                .getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> created = send("POST", "/campaign/create", "org-1", """
                {"name": "June Lead Outreach", "workflow_id": 247, "contacts_file_key": "org-1/contacts.csv",
                 "max_concurrency": 2,
                 "retry_config": {"enabled": true, "max_retries": 1, "retry_delay_seconds": 0,
                                  "retry_on_busy": true, "retry_on_no_answer": true, "retry_on_voicemail": true}}
                """);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode campaign = JSON.readTree(created.body());
        long id = campaign.get("id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue("/campaign/" + id);
        assertThat(campaign.get("status").asText()).isEqualTo("draft");
        assertThat(campaign.get("workflow_id").asLong()).isEqualTo(247);
        assertThat(campaign.get("import_summary").get("accepted").asLong()).isEqualTo(3);
        assertThat(campaign.get("import_summary").get("rejected").asLong()).isEqualTo(1);

        assertThat(send("GET", "/campaign/" + id, "org-2", null).statusCode())
                .as("another organisation's campaign is not found").isEqualTo(404);

        HttpResponse<String> started = send("POST", "/campaign/" + id + "/start", "org-1", null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(JSON.readTree(started.body()).get("status").asText()).isEqualTo("running");

        JsonNode progress = awaitStatus(id, "completed", Duration.ofSeconds(30));
        assertThat(progress.get("total_contacts").asLong()).isEqualTo(3);
        assertThat(progress.get("completed").asLong()).as("Ada on her retry, Alan at once").isEqualTo(2);
        assertThat(progress.get("failed").asLong()).as("Grace, never answering").isEqualTo(1);
        assertThat(progress.get("pending").asLong()).isZero();

        JsonNode runs = JSON.readTree(send("GET", "/campaign/" + id + "/runs?limit=10&sort_by=started_at&sort_order=asc",
                "org-1", null).body());
        assertThat(runs.get("total").asLong()).as("3 first dials and 2 retries").isEqualTo(5);
        assertThat(runs.get("items").get(0).has("session_id")).isTrue();

        JsonNode list = JSON.readTree(send("GET", "/campaign/?page=1&limit=10", "org-1", null).body());
        assertThat(list.get("items")).hasSize(1);
        JsonNode completed = JSON.readTree(send("GET", "/campaign/?status=completed,failed&limit=10", "org-1", null)
                .body());
        assertThat(completed.get("items").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(completed.get("total").asLong()).isEqualTo(1);
        for (String repeated : new String[] {"status=running&status=completed", "status=completed&status=running"}) {
            assertThat(JSON.readTree(send("GET", "/campaign/?" + repeated, "org-1", null).body()).get("total").asLong())
                    .as("a repeated status joins the list: %s", repeated).isEqualTo(1);
        }

        HttpResponse<String> report = send("GET", "/campaign/" + id + "/report", "org-1", null);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/csv"));
        assertThat(report.body().lines().findFirst()).hasValueSatisfying(
                header -> assertThat(header).startsWith("session_id,phone_number,first_name,attempt,outcome"));
        assertThat(report.body().lines().count()).isEqualTo(1 + 5);

        assertThat(JSON.readTree(send("GET", "/campaign/" + id + "/source-download-url", "org-1", null).body())
                .get("url").asText()).startsWith("file:");

        HttpResponse<String> redial = send("POST", "/campaign/" + id + "/redial", "org-1",
                "{\"name\": \"June, again\", \"redial_statuses\": [\"no_answer\"]}");
        assertThat(redial.statusCode()).as(redial.body()).isEqualTo(201);
        long redialId = JSON.readTree(redial.body()).get("id").asLong();
        assertThat(JSON.readTree(send("GET", "/campaign/" + redialId + "/progress", "org-1", null).body())
                .get("total_contacts").asLong()).as("Grace").isEqualTo(1);

        HttpResponse<String> renamed = send("PATCH", "/campaign/" + redialId, "org-1", "{\"max_concurrency\": 1}");
        assertThat(JSON.readTree(renamed.body()).get("max_concurrency").asInt()).isEqualTo(1);
        assertThat(send("POST", "/campaign/" + redialId + "/pause", "org-1", null).statusCode())
                .as("a draft cannot be paused").isEqualTo(409);
        assertThat(send("POST", "/campaign/" + redialId + "/start", "org-1", null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/campaign/" + redialId + "/pause", "org-1", null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/campaign/" + redialId + "/resume", "org-1", null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void errors_carry_the_status_of_their_code_and_the_services_error_body() throws Exception {
        HttpResponse<String> invalid = send("POST", "/campaign/create", "org-1",
                "{\"name\": \"x\", \"workflow_id\": 247, \"contacts_file_key\": \"org-1/contacts.csv\","
                        + " \"max_concurrency\": 0, \"colour\": \"blue\"}");
        assertThat(invalid.statusCode()).isEqualTo(422);
        JsonNode body = JSON.readTree(invalid.body());
        assertThat(body.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(body.get("errors").findValuesAsText("field")).contains("max_concurrency", "colour");

        assertThat(status("POST", "/campaign/create", "org-1", "{\"name\": ")).isEqualTo(400);
        assertThat(status("GET", "/campaign/999999", "org-1", null)).isEqualTo(404);
        assertThat(status("GET", "/campaign/01", "org-1", null)).as("one spelling per campaign").isEqualTo(404);
        assertThat(status("GET", "/campaign/?limit=ten", "org-1", null)).isEqualTo(422);
        HttpResponse<String> unknownStatus = send("GET", "/campaign/?status=running,ended", "org-1", null);
        assertThat(unknownStatus.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(unknownStatus.body()).get("errors").get(0).get("field").asText()).isEqualTo("status");
        assertThat(JSON.readTree(unknownStatus.body()).get("errors").get(0).get("value").asText()).isEqualTo("ended");
        assertThat(status("GET", "/campaign/?status=", "org-1", null)).as("an empty status").isEqualTo(422);
        assertThat(status("GET", "/campaign/", null, null)).as("no organisation").isEqualTo(401);
        assertThat(status("POST", "/campaign/create", "org-1", "{\"name\": \"" + "x".repeat(2_000_000) + "\"}"))
                .isEqualTo(413);
    }

    @Test
    @Order(3)
    void the_dashboard_is_not_served_unless_enabled() throws Exception {
        for (String path : new String[] {"/campaign-dashboard", "/campaign-dashboard/", "/campaign-dashboard/dashboard.js"}) {
            assertThat(status("GET", path, "org-1", null)).as(path).isEqualTo(404);
        }
        assertThat(status("GET", "/suppressions", "org-1", null)).as("while the endpoints it calls are").isEqualTo(200);
    }

    @Test
    @Order(4)
    void health_is_up_and_goes_down_when_the_database_breaks() throws Exception {
        HttpResponse<String> up = send("GET", "/actuator/health", null, null);
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        JsonNode campaign = JSON.readTree(up.body()).get("components").get("campaign");
        assertThat(campaign.get("status").asText()).isEqualTo("UP");
        assertThat(campaign.get("details").get("dispatcher").asText()).isEqualTo("running");

        ((BreakableDataSource) dataSource).breakIt();
        HttpResponse<String> down = send("GET", "/actuator/health", null, null);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(down.body()).get("components").get("campaign").get("status").asText())
                .isEqualTo("DOWN");
    }

    private JsonNode awaitStatus(long id, String status, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode progress;
        do {
            progress = JSON.readTree(send("GET", "/campaign/" + id + "/progress", "org-1", null).body());
            if (progress.get("status").asText().equals(status)) {
                return progress;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("campaign " + id + " not " + status + " within " + timeout + ": " + progress);
    }

    private int status(String method, String path, String org, String body) throws Exception {
        return send(method, path, org, body).statusCode();
    }

    private HttpResponse<String> send(String method, String path, String org, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (org != null) {
            request.header(ORG_HEADER, org);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("campaign-files");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
