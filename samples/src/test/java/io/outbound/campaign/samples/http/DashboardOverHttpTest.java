package io.outbound.campaign.samples.http;

import static io.outbound.campaign.samples.http.HostUnderTest.KEY_A;
import static io.outbound.campaign.samples.http.HostUnderTest.KEY_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outbound.campaign.samples.DemoContacts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's files and the activity route over HTTP, without a browser. */
class DashboardOverHttpTest {
    @TempDir
    Path dir;

    @Test
    void theDashboardsFilesAreServedUnderAStrictPolicyAndNothingElseUnderItsPath() throws Exception {
        try (HostUnderTest host = new HostUnderTest(dir, 1 << 20)) {
            HttpResponse<String> page = host.send("GET", "/dashboard/", null, null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                    assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe-inline"));
            assertThat(page.body()).contains("dashboard.js").doesNotContain("http://").doesNotContain("https://");
            assertThat(host.send("GET", "/dashboard/dashboard.js", null, null).headers().firstValue("Content-Type"))
                    .hasValue("text/javascript; charset=utf-8");
            assertThat(host.send("GET", "/dashboard", null, null).statusCode()).isEqualTo(308);
            assertThat(host.send("GET", "/dashboard/../live-page.html", null, null).statusCode()).isEqualTo(404);
            assertThat(host.send("GET", "/dashboard/LivePage.class", null, null).statusCode()).isEqualTo(404);
            assertThat(host.send("POST", "/dashboard/", "{}", null).statusCode()).isEqualTo(405);
            String script = host.send("GET", "/dashboard/dashboard.js", null, null).body();
            assertThat(script).as("values from the API become text, never markup").doesNotContain("innerHTML")
                    .doesNotContain("insertAdjacentHTML").doesNotContain("document.write");
        }
    }

    @Test
    void activityAnswersCallsPerBucketAndRefusesABadWindowNamingTheParameter() throws Exception {
        try (HostUnderTest host = new HostUnderTest(dir, 1 << 20)) {
            String key = host.upload(KEY_A, "activity/contacts.csv", DemoContacts.csv(5));
            long id = host.create(KEY_A, key, "Activity", null);
            host.expect(200, "POST", "/campaign/" + id + "/start", null, KEY_A);
            host.awaitStatus(KEY_A, id, "completed");

            JsonNode activity = host.expect(200, "GET", "/campaign/" + id + "/activity?bucket_seconds=3600", null,
                    KEY_A);
            assertThat(activity.get("bucket_seconds").asInt()).isEqualTo(3600);
            assertThat(activity.get("buckets")).hasSize(60);
            long started = 0;
            long ended = 0;
            for (JsonNode bucket : activity.get("buckets")) {
                started += bucket.get("started").asLong();
                ended += bucket.get("ended").asLong();
            }
            assertThat(started).isEqualTo(ended).isEqualTo(host.expect(200, "GET", "/campaign/" + id + "/runs",
                    null, KEY_A).get("total").asLong());
            assertThat(activity.get("last_activity_at").asText()).isNotEmpty();

            JsonNode refused = host.expect(422, "GET", "/campaign/" + id + "/activity?bucket_seconds=0", null, KEY_A);
            assertThat(refused.get("errors").get(0).get("field").asText()).isEqualTo("bucket_seconds");
            assertThat(refused.get("errors").get(0).get("value").asText()).isEqualTo("0");
            JsonNode badDate = host.expect(422, "GET", "/campaign/" + id + "/activity?from=noon", null, KEY_A);
            assertThat(badDate.get("errors").get(0).get("field").asText()).isEqualTo("from");
            host.expect(404, "GET", "/campaign/" + id + "/activity", null, KEY_B);
            assertThat(host.send("GET", "/campaign/" + id + "/activity", null, null).statusCode()).isEqualTo(401);
            assertThat(host.send("POST", "/campaign/" + id + "/activity", "{}", KEY_A).statusCode()).isEqualTo(405);
        }
    }
}
