package io.outbound.campaign.boot.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@link SecuredHost} on 127.0.0.1 under the context path {@code /ops}, with the endpoints and the dashboard
 * enabled; the test classes that extend this share one running application. The port is chosen before the
 * application starts because the local file store's presigned URLs must name it
 * ({@code campaign.files.local.base-url}).
 */
@SpringBootTest(classes = SecuredHost.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
                "server.address=127.0.0.1",
                "server.servlet.context-path=/ops",
                "campaign.web.enabled=true",
                "campaign.dashboard.enabled=true",
                "campaign.dashboard.connect-sources=https://campaign-files.s3.eu-west-1.amazonaws.com",
                "campaign.poll-interval=50ms"})
abstract class SecuredHostTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int PORT = freePort();
    static final URI BASE = URI.create("http://127.0.0.1:" + PORT + "/ops");
    private static final Path FILES = temporaryDirectory();
    private static final Pattern META = Pattern.compile("<meta name=\"(campaign-dashboard-[a-z-]+)\" content=\"([^\"]*)\">");
    private static final Pattern LOGIN_CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

    @DynamicPropertySource
    static void hostAddress(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("campaign.files.local.base-url", BASE::toString);
        registry.add("campaign.files.local.directory", FILES::toString);
    }

    /**
     * A client keeping its cookies, as a browser does; it follows no redirect, so a test sees where it is sent.
     */
    static final class Session {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        private String csrfHeader;
        private String csrfToken;

        /** Signs in through the host's login form, as its user would, and reads the dashboard's CSRF settings. */
        static Session signedIn(String user) throws Exception {
            Session session = new Session();
            HttpResponse<String> form = session.send("GET", "/login", null, null);
            Matcher token = LOGIN_CSRF.matcher(form.body());
            assertThat(token.find()).as("the login form carries its CSRF token: " + form.body()).isTrue();
            HttpResponse<String> login = session.send("POST", "/login", "application/x-www-form-urlencoded",
                    "username=" + user + "&password=" + URLEncoder.encode(SecuredHost.PASSWORD, StandardCharsets.UTF_8)
                            + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
            assertThat(login.statusCode()).as("signed in").isEqualTo(302);
            assertThat(login.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).doesNotContain("error"));
            java.util.Map<String, String> meta = meta(session.send("GET", "/campaign-dashboard/", null, null).body());
            session.csrfHeader = meta.get("campaign-dashboard-csrf-header");
            session.csrfToken = meta.get("campaign-dashboard-csrf-token");
            assertThat(session.csrfToken).as("the page tells its script the CSRF token").isNotBlank();
            return session;
        }

        /** A request without the CSRF header. */
        HttpResponse<String> send(String method, String path, String contentType, String body)
                throws IOException, InterruptedException {
            return http.send(request(method, path, contentType, body).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** A request without the CSRF header, accepting the media type (a browser's {@code text/html}). */
        HttpResponse<String> send(String method, String path, String accept, String contentType, String body)
                throws IOException, InterruptedException {
            return http.send(request(method, path, contentType, body).header("Accept", accept).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** A {@code GET} whose answer is read as bytes. */
        HttpResponse<byte[]> bytes(String path) throws IOException, InterruptedException {
            return http.send(request("GET", path, null, null).build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        /** A change as the dashboard's script sends it: JSON, with the CSRF header the page named. */
        HttpResponse<String> change(String method, String path, String json) throws IOException, InterruptedException {
            HttpRequest.Builder request = request(method, path, json == null ? null : "application/json", json);
            request.header(csrfHeader, csrfToken);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonNode json(HttpResponse<String> response) throws IOException {
            return JSON.readTree(response.body());
        }

        private static HttpRequest.Builder request(String method, String path, String contentType, String body) {
            URI uri = path.startsWith("http") ? URI.create(path) : URI.create(BASE + path);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            return request;
        }
    }

    /** The dashboard settings in a page's {@code <meta>} tags, by name. */
    static java.util.Map<String, String> meta(String page) {
        java.util.Map<String, String> meta = new java.util.LinkedHashMap<>();
        Matcher tag = META.matcher(page);
        while (tag.find()) {
            meta.put(tag.group(1), tag.group(2).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&amp;", "&"));
        }
        return meta;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("campaign-files");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
