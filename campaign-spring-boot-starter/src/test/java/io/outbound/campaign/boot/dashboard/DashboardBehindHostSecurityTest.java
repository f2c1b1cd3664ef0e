package io.outbound.campaign.boot.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outbound.campaign.dashboard.Dashboard;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the endpoints it calls, served by the starter behind a host's own Spring Security: the host
 * turns away anyone not signed in, the page carries the user's CSRF token and the host refuses changes without it,
 * every answer is scoped to the signed-in user's organisation, and the presigned file URLs work without a session.
 */
class DashboardBehindHostSecurityTest extends SecuredHostTest {
    private static final String CONTACTS = "phone_number,first_name\n+14155552671,Ada\n+14155552672,Grace\n"
            + "+14155552673,Alan\nnot-a-number,Bad\n";
    private static final String S3 = "https://campaign-files.s3.eu-west-1.amazonaws.com";

    /** A client with no cookies at all: a presigned URL must work from anywhere. */
    private final HttpClient anonymous = HttpClient.newHttpClient();

    @Test
    void without_a_signed_in_user_the_host_refuses_the_dashboard_and_the_endpoints() throws Exception {
        Session nobody = new Session();
        for (String path : new String[] {"/campaign-dashboard/", "/campaign-dashboard/dashboard.js"}) {
            HttpResponse<String> toLogin = nobody.send("GET", path, "text/html", null, null);
            assertThat(toLogin.statusCode()).as("a browser's GET " + path).isEqualTo(302);
            assertThat(toLogin.headers().firstValue("Location")).as("GET " + path).hasValue(BASE + "/login");
        }
        for (String path : new String[] {"/campaign-dashboard/", "/campaign/", "/campaign/1/activity",
                "/campaign/1/waiting", "/suppressions", "/suppressions/%2B14155550100"}) {
            HttpResponse<String> refused = nobody.send("GET", path, "application/json", null, null);
            assertThat(refused.statusCode()).as("GET " + path).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic"));
        }
        for (String path : new String[] {"/suppressions", "/suppressions/import", "/files/upload-url",
                "/campaign/create"}) {
            assertThat(nobody.send("POST", path, "application/json", "application/json", "{}").statusCode())
                    .as("POST " + path).isEqualTo(401);
        }
    }

    @Test
    void a_signed_in_user_gets_the_page_set_for_the_hosts_session_and_its_files_with_their_headers() throws Exception {
        Session ada = Session.signedIn("ada");

        HttpResponse<String> folder = ada.send("GET", "/campaign-dashboard", null, null);
        assertThat(folder.statusCode()).isEqualTo(308);
        assertThat(folder.headers().firstValue("Location")).hasValue("/ops/campaign-dashboard/");

        for (String path : new String[] {"/campaign-dashboard/", "/campaign-dashboard/index.html"}) {
            HttpResponse<String> page = ada.send("GET", path, null, null);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
            assertThat(page.headers().allValues("Cache-Control")).as("the page holds the user's CSRF token")
                    .anySatisfy(value -> assertThat(value).contains("no-store"));
            assertProtected(page);
            Map<String, String> meta = meta(page.body());
            assertThat(meta).containsEntry("campaign-dashboard-auth", "host")
                    .containsEntry("campaign-dashboard-api-base", "/ops")
                    .containsEntry("campaign-dashboard-csrf-header", "X-CSRF-TOKEN");
            assertThat(meta.get("campaign-dashboard-csrf-token")).isNotBlank();
        }
        for (String name : new String[] {"dashboard.js", "dashboard.css"}) {
            HttpResponse<byte[]> file = ada.bytes("/campaign-dashboard/" + name);
            Dashboard.Asset asset = Dashboard.asset(name).orElseThrow();
            assertThat(file.statusCode()).as(name).isEqualTo(200);
            assertThat(file.body()).as(name).isEqualTo(asset.bytes());
            assertThat(file.headers().firstValue("Content-Type")).hasValue(asset.contentType().replace("; ", ";"));
            assertProtected(file);
        }
    }

    @Test
    void only_the_dashboards_own_files_are_served_and_only_to_reads() throws Exception {
        Session ada = Session.signedIn("ada");
        for (String name : new String[] {"Dashboard.class", "index.htm", "dashboard.js.map", "application.properties",
                "io/outbound/campaign/dashboard/dashboard.js"}) {
            assertThat(ada.send("GET", "/campaign-dashboard/" + name, null, null).statusCode()).as(name)
                    .isEqualTo(404);
        }
        for (String path : new String[] {"/campaign-dashboard/", "/campaign-dashboard/dashboard.js"}) {
            HttpResponse<String> post = ada.change("POST", path, "{}");
            assertThat(post.statusCode()).as("POST " + path).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
            assertThat(ada.json(post).get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        }
        assertThat(ada.change("DELETE", "/campaign-dashboard/index.html", null).statusCode()).isEqualTo(405);
    }

    @Test
    void a_change_without_the_pages_csrf_token_is_refused_and_with_it_accepted() throws Exception {
        Session alan = Session.signedIn("alan");
        String entry = "{\"phone_number\": \"+14155550190\", \"reason\": \"asked by email\"}";

        HttpResponse<String> forged = alan.send("POST", "/suppressions", "application/json", entry);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(alan.send("GET", "/suppressions/%2B14155550190", null, null).statusCode())
                .as("nothing was added").isEqualTo(404);

        HttpResponse<String> added = alan.change("POST", "/suppressions", entry);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(alan.send("GET", "/suppressions/%2B14155550190", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void a_campaign_from_an_uploaded_file_shows_its_activity_and_waiting_contacts_to_its_organisation_only()
            throws Exception {
        Session ada = Session.signedIn("ada");
        Session grace = Session.signedIn("grace");
        String key = upload(ada, "june/contacts.csv", CONTACTS);
        assertThat(key).isEqualTo("orgs/org-1/june/contacts.csv");

        String create = """
                {"name": "June Lead Outreach", "workflow_id": 247, "contacts_file_key": "%s", "max_concurrency": 2,
                 "retry_config": {"enabled": true, "max_retries": 1, "retry_delay_seconds": 0}}""".formatted(key);
        HttpResponse<String> stolen = grace.change("POST", "/campaign/create", create);
        assertThat(stolen.statusCode()).as("another organisation's upload").isEqualTo(422);
        assertThat(grace.json(stolen).get("errors").findValuesAsText("field")).containsExactly("contacts_file_key");

        HttpResponse<String> created = ada.change("POST", "/campaign/create", create);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = ada.json(created).get("id").asLong();
        assertThat(ada.json(created).get("import_summary").get("accepted").asInt()).isEqualTo(3);
        assertThat(ada.change("POST", "/campaign/" + id + "/start", null).statusCode()).isEqualTo(200);
        awaitCompleted(ada, id);

        JsonNode activity = ada.json(ada.send("GET", "/campaign/" + id + "/activity?bucket_seconds=60", null, null));
        long started = 0;
        for (JsonNode bucket : activity.get("buckets")) {
            started += bucket.get("started").asLong();
        }
        long sessions = ada.json(ada.send("GET", "/campaign/" + id + "/runs?limit=1", null, null)).get("total").asLong();
        assertThat(sessions).as("3 first calls and the busy number's retry").isEqualTo(4);
        assertThat(started).as("every call of the last hour, by minute").isEqualTo(sessions);
        assertThat(activity.get("bucket_seconds").asInt()).isEqualTo(60);
        assertThat(activity.hasNonNull("last_activity_at")).isTrue();

        HttpResponse<String> waiting = ada.send("GET", "/campaign/" + id + "/waiting", null, null);
        assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(200);
        assertThat(ada.json(waiting).get("for_local_hours").asLong()).isZero();
        assertThat(ada.json(waiting).get("for_attempt_limits").asLong()).isZero();

        for (String path : new String[] {"/activity", "/waiting"}) {
            HttpResponse<String> hidden = grace.send("GET", "/campaign/" + id + path, null, null);
            assertThat(hidden.statusCode()).as("another organisation's campaign" + path).isEqualTo(404);
            assertThat(grace.json(hidden).get("code").asText()).isEqualTo("NOT_FOUND");
        }
        assertFieldError(ada.send("GET", "/campaign/" + id + "/activity?bucket_seconds=0", null, null),
                "bucket_seconds");
        assertFieldError(ada.send("GET", "/campaign/" + id + "/activity?from=noon", null, null), "from");
        assertThat(ada.send("GET", "/campaign/0" + id + "/waiting", null, null).statusCode())
                .as("one spelling per campaign").isEqualTo(404);

        // The source download is a presigned GET served by the starter, with no session.
        URI source = URI.create(ada.json(ada.send("GET", "/campaign/" + id + "/source-download-url", null, null))
                .get("url").asText());
        assertThat(source.toString()).startsWith(BASE + "/files/orgs/org-1/june/contacts.csv?method=GET&");
        HttpResponse<String> download = anonymous.send(HttpRequest.newBuilder(source).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(CONTACTS);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                value -> assertThat(value).contains("filename=\"contacts.csv\""));
    }

    @Test
    void presigned_uploads_need_their_signature_and_create_their_file_once() throws Exception {
        Session ada = Session.signedIn("ada");
        HttpResponse<String> ticket = ada.change("POST", "/files/upload-url", "{\"key\": \"july/contacts.csv\"}");
        assertThat(ticket.statusCode()).as(ticket.body()).isEqualTo(200);
        JsonNode url = ada.json(ticket);
        assertThat(url.get("key").asText()).isEqualTo("orgs/org-1/july/contacts.csv");
        assertThat(url.get("method").asText()).isEqualTo("PUT");
        assertThat(Instant.parse(url.get("expires_at").asText())).isAfter(Instant.now());
        String signed = url.get("url").asText();
        assertThat(signed).startsWith(BASE + "/files/orgs/org-1/july/contacts.csv?method=PUT&expires=");

        String tampered = signed.replaceAll("signature=[0-9a-f]", "signature=x");
        assertThat(put(tampered, CONTACTS).statusCode()).isEqualTo(403);
        String otherFile = signed.replace("july/contacts.csv", "july/other.csv");
        assertThat(put(otherFile, CONTACTS).statusCode()).as("the signature covers the key").isEqualTo(403);
        assertThat(put(signed.replace("method=PUT", "method=GET"), CONTACTS).statusCode()).isEqualTo(403);

        HttpResponse<String> stored = put(signed, CONTACTS);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(JSON.readTree(stored.body()).get("key").asText()).isEqualTo("orgs/org-1/july/contacts.csv");
        HttpResponse<String> again = put(signed, "phone_number\n+14155550000\n");
        assertThat(again.statusCode()).as("an upload URL creates its file once").isEqualTo(409);
        assertThat(JSON.readTree(again.body()).get("code").asText()).isEqualTo("FILE_EXISTS");
        assertThat(ada.change("POST", "/files/upload-url", "{\"key\": \"july/contacts.csv\"}").statusCode())
                .isEqualTo(409);

        HttpResponse<String> fresh = ada.change("POST", "/files/upload-url", null);
        assertThat(ada.json(fresh).get("key").asText()).startsWith("orgs/org-1/uploads/").endsWith(".csv");
        HttpResponse<String> badKey = ada.change("POST", "/files/upload-url", "{\"key\": \"../../etc/passwd\"}");
        assertThat(badKey.statusCode()).isEqualTo(422);
        assertThat(ada.json(badKey).get("errors").findValuesAsText("field")).containsExactly("key");
    }

    @Test
    void the_suppression_list_is_each_organisations_own_and_validated_as_in_the_sample_host() throws Exception {
        Session ada = Session.signedIn("ada");
        Session grace = Session.signedIn("grace");
        String number = "+14155550100";

        HttpResponse<String> added = ada.change("POST", "/suppressions",
                "{\"phone_number\": \"" + number + "\", \"reason\": \"asked by email\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(ada.json(added).get("reason").asText()).isEqualTo("asked by email");
        HttpResponse<String> again = ada.change("POST", "/suppressions",
                "{\"phone_number\": \"" + number + "\", \"reason\": \"second time\"}");
        assertThat(again.statusCode()).as("already listed").isEqualTo(200);
        assertThat(ada.json(again).get("reason").asText()).as("the first entry stays").isEqualTo("asked by email");

        assertThat(ada.send("GET", "/suppressions/%2B14155550100", null, null).statusCode()).isEqualTo(200);
        assertThat(ada.send("GET", "/suppressions/+14155550100", null, null).statusCode()).isEqualTo(200);
        assertThat(grace.send("GET", "/suppressions/%2B14155550100", null, null).statusCode())
                .as("another organisation's list").isEqualTo(404);
        JsonNode graces = grace.json(grace.send("GET", "/suppressions?page=1&limit=10", null, null));
        assertThat(graces.get("items").findValuesAsText("phone_number")).doesNotContain(number);

        assertFieldError(ada.send("GET", "/suppressions?limit=ten", null, null), "limit");
        assertFieldError(ada.send("GET", "/suppressions/%31415", null, null), "phone_number");
        assertFieldError(ada.change("POST", "/suppressions", "{\"phone_number\": \"12345\"}"), "phone_number");
        assertFieldError(ada.change("POST", "/suppressions", "{\"phone_number\": \"" + number + "\", \"colour\": 1}"),
                "colour");

        String optOuts = upload(ada, "optouts.csv", "phone_number,reason\n+14155550101,asked\n+14155550102,\nbad,x\n");
        assertFieldError(grace.change("POST", "/suppressions/import", "{\"file_key\": \"" + optOuts + "\"}"),
                "file_key");
        assertFieldError(ada.change("POST", "/suppressions/import", "{}"), "file_key");
        HttpResponse<String> imported = ada.change("POST", "/suppressions/import",
                "{\"file_key\": \"" + optOuts + "\"}");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(ada.json(imported).get("accepted").asInt()).isEqualTo(2);
        assertThat(ada.json(imported).get("rejected").asInt()).isEqualTo(1);
        assertThat(ada.send("GET", "/suppressions/%2B14155550101", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> notAnImport = ada.send("GET", "/suppressions/import", null, null);
        assertThat(notAnImport.statusCode()).isEqualTo(405);
        assertThat(notAnImport.headers().firstValue("Allow")).hasValue("POST");

        assertThat(ada.change("DELETE", "/suppressions/%2B14155550100", null).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = ada.change("DELETE", "/suppressions/%2B14155550100", null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(ada.json(gone).get("code").asText()).isEqualTo("NOT_FOUND");
    }

    /** Uploads a file as the dashboard does: an upload URL for a name, then a PUT to it without any session. */
    private String upload(Session session, String name, String content) throws Exception {
        HttpResponse<String> ticket = session.change("POST", "/files/upload-url", "{\"key\": \"" + name + "\"}");
        assertThat(ticket.statusCode()).as(ticket.body()).isEqualTo(200);
        JsonNode url = session.json(ticket);
        HttpResponse<String> stored = put(url.get("url").asText(), content);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        return url.get("key").asText();
    }

    private HttpResponse<String> put(String url, String content) throws Exception {
        return anonymous.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString(content)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProtected(HttpResponse<?> response) {
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValue(Dashboard.contentSecurityPolicy(S3));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    private static void assertFieldError(HttpResponse<String> response, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(body.get("errors").findValuesAsText("field")).containsExactly(field);
    }

    private static void awaitCompleted(Session session, long id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode progress;
        do {
            progress = session.json(session.send("GET", "/campaign/" + id + "/progress", null, null));
            if (progress.get("status").asText().equals("completed")) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("campaign " + id + " not completed within 30 s: " + progress);
    }
}
