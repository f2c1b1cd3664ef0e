package io.outbound.campaign.samples.http;

import static io.outbound.campaign.samples.http.HostUnderTest.KEY_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outbound.campaign.samples.DemoContacts;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Contact files over real HTTP when the client is not a friend: hostile keys, replaced uploads, odd paths. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilesOverHttpTest {
    HostUnderTest host;
    Path dir;
    String realDir;

    @BeforeAll
    void startHost(@TempDir Path dir) throws Exception {
        this.dir = dir;
        this.realDir = dir.toRealPath().toString();
        host = new HostUnderTest(dir, 256 * 1024);
    }

    @AfterAll
    void stopHost() {
        host.close();
    }

    @Test
    void aKeyWhoseCharactersEndInALineFeedCannotSplitTheDownloadsHeaders() {
        // U+010A is a letter, so the key is valid; the JDK server writes its low byte, 0x0A, a line feed.
        String name = "evil\u010ASet-Cookie=pwn\u010A\u010Ahtml.csv";
        String csv = DemoContacts.csv(3);
        String fileKey = host.upload(KEY_A, "headers/" + name, csv);
        long id = host.create(KEY_A, fileKey, "Header injection", null);
        URI download = URI.create(host.expect(200, "GET", "/campaign/" + id + "/source-download-url", null, KEY_A)
                .get("url").asText());

        byte[] response = RawHttp.get(download, Duration.ofSeconds(20));

        String head = RawHttp.head(response);
        assertThat(head).startsWith("HTTP/1.1 200");
        assertThat(head.replace("\r\n", "")).as("every line of the head ends in CRLF").doesNotContain("\n");
        List<String> lines = head.lines().toList();
        assertThat(lines).noneMatch(line -> line.toLowerCase().startsWith("set-cookie"));
        assertThat(lines).contains("Content-disposition: attachment; filename=\"evil_Set-Cookie=pwn__html.csv\";"
                + " filename*=UTF-8''evil%C4%8ASet-Cookie%3Dpwn%C4%8A%C4%8Ahtml.csv");
        assertThat(head.chars()).allMatch(c -> c < 0x80);
    }

    @Test
    void anUploadUrlUsedAgainAfterTheCampaignImportedItCannotChangeWhatTheCampaignServes() {
        String imported = DemoContacts.csv(4);
        JsonNode ticket = host.expect(200, "POST", "/files/upload-url", "{\"key\":\"once/contacts.csv\"}", KEY_A);
        URI upload = URI.create(ticket.get("url").asText());
        assertThat(put(upload, imported).statusCode()).isEqualTo(200);
        long id = host.create(KEY_A, ticket.get("key").asText(), "Imported once", null);

        HttpResponse<String> again = put(upload, DemoContacts.csv(9));

        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(host.json(again).get("code").asText()).isEqualTo("FILE_EXISTS");
        assertThat(host.json(again).get("message").asText()).contains("'orgs/org-a/once/contacts.csv'");
        URI source = URI.create(host.expect(200, "GET", "/campaign/" + id + "/source-download-url", null, KEY_A)
                .get("url").asText());
        HttpResponse<String> served = host.send(HttpRequest.newBuilder(source).GET().build());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(imported);
        assertThat(host.expect(200, "GET", "/campaign/" + id, null, KEY_A).get("import_summary").get("accepted")
                .asInt()).isEqualTo(4);
        JsonNode refused = host.expect(409, "POST", "/files/upload-url", "{\"key\":\"once/contacts.csv\"}", KEY_A);
        assertThat(refused.get("code").asText()).isEqualTo("FILE_EXISTS");
    }

    @Test
    void anUploadOntoAFolderKeySaysWhatIsWrongWithTheKeyAndNotWhereTheServerKeepsFiles() {
        JsonNode ticket = host.expect(200, "POST", "/files/upload-url", "{\"key\":\"folder\"}", KEY_A);
        host.upload(KEY_A, "folder/inside.csv", DemoContacts.csv(1));

        HttpResponse<String> put = host.send(HttpRequest.newBuilder(URI.create(ticket.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofString(DemoContacts.csv(1))).build());

        assertThat(put.statusCode()).as(put.body()).isEqualTo(422);
        JsonNode error = host.json(put);
        assertThat(error.get("errors").get(0).get("field").asText()).isEqualTo("key");
        assertThat(error.get("errors").get(0).get("value").asText()).isEqualTo("orgs/org-a/folder");
        assertThat(error.get("message").asText()).contains("folder of other files");
        assertThat(put.body()).doesNotContain(dir.toString()).doesNotContain(realDir);
        JsonNode refused = host.expect(422, "POST", "/files/upload-url", "{\"key\":\"folder\"}", KEY_A);
        assertThat(refused.toString()).contains("folder of other files").doesNotContain(dir.toString());
    }

    @Test
    void theHeaderInjectionKeyOfTheIssueIsRefusedWhenTheUploadUrlIsAskedFor() {
        String body = "{\"key\":\"evil\\u010ASet-Cookie: pwn=1\\u010A\\u010A<html>.csv\"}";

        JsonNode error = host.expect(422, "POST", "/files/upload-url", body, KEY_A);

        assertThat(error.get("errors").get(0).get("field").asText()).isEqualTo("key");
        assertThat(error.get("errors").get(0).get("message").asText()).contains("':'");
    }

    private HttpResponse<String> put(URI url, String body) {
        return host.send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
