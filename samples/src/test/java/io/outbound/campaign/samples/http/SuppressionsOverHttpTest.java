package io.outbound.campaign.samples.http;

import static io.outbound.campaign.samples.http.HostUnderTest.KEY_A;
import static io.outbound.campaign.samples.http.HostUnderTest.KEY_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suppression routes and contact rules over real HTTP, each organisation seeing only its own list. */
class SuppressionsOverHttpTest {

    @TempDir
    Path dir;
    private HostUnderTest host;

    @BeforeEach
    void startHost() throws IOException {
        host = new HostUnderTest(dir, 1 << 20);
    }

    @AfterEach
    void stopHost() {
        host.close();
    }

    @Test
    void addListFindAndRemoveAreScopedToTheCallersOrganisation() {
        JsonNode added = host.expect(201, "POST", "/suppressions",
                "{\"phone_number\":\"+14155550100\",\"reason\":\"asked by email\"}", KEY_A);
        JsonNode again = host.expect(200, "POST", "/suppressions",
                "{\"phone_number\":\"+14155550100\",\"reason\":\"twice\"}", KEY_A);

        assertThat(added.get("reason").asText()).isEqualTo("asked by email");
        assertThat(again.get("reason").asText()).isEqualTo("asked by email");
        assertThat(host.expect(200, "GET", "/suppressions", null, KEY_A).get("items")).hasSize(1);
        assertThat(host.expect(200, "GET", "/suppressions", null, KEY_B).get("items")).isEmpty();
        assertThat(host.expect(200, "GET", "/suppressions/%2B14155550100", null, KEY_A).get("phone_number")
                .asText()).isEqualTo("+14155550100");
        host.expect(404, "GET", "/suppressions/+14155550100", null, KEY_B);
        host.expect(404, "DELETE", "/suppressions/+14155550100", null, KEY_B);
        assertThat(host.send("DELETE", "/suppressions/+14155550100", null, KEY_A).statusCode()).isEqualTo(204);
        host.expect(404, "DELETE", "/suppressions/+14155550100", null, KEY_A);
    }

    @Test
    void badNumbersAndUnknownFieldsAreRefusedNamingTheField() {
        JsonNode bad = host.expect(422, "POST", "/suppressions", "{\"phone_number\":\"4155550100\"}", KEY_A);
        JsonNode unknown = host.expect(422, "POST", "/suppressions",
                "{\"phone_number\":\"+14155550100\",\"why\":\"x\"}", KEY_A);
        JsonNode path = host.expect(422, "GET", "/suppressions/abc", null, KEY_A);

        assertThat(bad.get("errors").get(0).get("field").asText()).isEqualTo("phone_number");
        assertThat(unknown.get("errors").get(0).get("field").asText()).isEqualTo("why");
        assertThat(path.get("errors").get(0).get("field").asText()).isEqualTo("phone_number");
        assertThat(host.send("GET", "/suppressions", null, null).statusCode()).isEqualTo(401);
        assertThat(host.send("PUT", "/suppressions", "{}", KEY_A).statusCode()).isEqualTo(405);
    }

    @Test
    void aCampaignSkipsSuppressedNumbersAndItsReportSaysWhy() {
        String file = host.upload(KEY_A, "optouts.csv", "phone_number,reason\n+14155550101,stop\nnot a number,x\n");
        JsonNode summary = host.expect(200, "POST", "/suppressions/import", "{\"file_key\":\"" + file + "\"}", KEY_A);
        assertThat(summary.get("accepted").asLong()).isEqualTo(1);
        assertThat(summary.get("rejected").asLong()).isEqualTo(1);
        host.expect(422, "POST", "/suppressions/import", "{\"file_key\":\"orgs/org-b/x.csv\"}", KEY_A);

        String contacts = host.upload(KEY_A, "contacts.csv", "phone_number\n+14155550100\n+14155550101\n");
        String body = "{\"name\":\"Rules\",\"workflow_id\":247,\"contacts_file_key\":\"" + contacts + "\","
                + "\"max_concurrency\":2,\"contact_rules\":{\"jurisdiction\":\"none\","
                + "\"attempt_limits\":[{\"max_attempts\":2,\"period_hours\":24}]}}";
        JsonNode created = host.expect(201, "POST", "/campaign/create", body, KEY_A);
        assertThat(created.get("contact_rules").get("respect_suppression").asBoolean()).isTrue();
        long id = created.get("id").asLong();
        host.expect(200, "POST", "/campaign/" + id + "/start", null, KEY_A);

        JsonNode done = host.awaitProgress(KEY_A, id, p -> p.get("status").asText().equals("completed"),
                Duration.ofSeconds(30));

        assertThat(done.get("skipped").asLong()).isEqualTo(1);
        JsonNode waiting = host.expect(200, "GET", "/campaign/" + id + "/waiting", null, KEY_A);
        assertThat(waiting.get("for_local_hours").asLong()).isZero();
        assertThat(waiting.get("for_attempt_limits").asLong()).isZero();
        HttpResponse<String> report = host.send("GET", "/campaign/" + id + "/report", null, KEY_A);
        assertThat(report.body()).contains("\"\",+14155550101,0,skipped,false,,,,,,suppressed: stop");
    }
}
