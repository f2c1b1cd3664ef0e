package io.outbound.campaign.samples.http;

import static io.outbound.campaign.samples.http.HostUnderTest.KEY_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests whose target or body framing the JDK server cannot take: the gate answers them with the host's JSON
 * errors, never the JDK's HTML page naming a Java exception.
 */
class FramingErrorsOverHttpTest {
    private static final String AUTH = "Host: 127.0.0.1\r\nAuthorization: Bearer " + KEY_A + "\r\n";

    @TempDir
    Path dir;
    private HostUnderTest host;

    @BeforeEach
    void start() throws IOException {
        host = new HostUnderTest(dir, 1 << 20);
    }

    @AfterEach
    void stop() {
        host.close();
    }

    @Test
    void aTargetThatIsNotAUriIsAJson400() throws IOException {
        for (String target : new String[]{"/campaign/1%zz", "/campaign/1|x", "/campaign/1%", "/campaign/1%2",
                "campaign/1"}) {
            String answer = exchange("GET " + target + " HTTP/1.1\r\n" + AUTH + "\r\n");

            assertJsonError(answer, 400, "MALFORMED_REQUEST");
            assertThat(answer).as(target).contains("request target");
        }
    }

    @Test
    void aContentLengthThatIsNotOneNumberIsAJson400() throws IOException {
        String post = "POST /campaign/create HTTP/1.1\r\n" + AUTH + "Content-Type: application/json\r\n";
        for (String lengths : new String[]{"Content-Length: abc\r\n", "Content-Length: 99999999999999999999\r\n",
                "Content-Length: -1\r\n", "Content-Length: +2\r\n", "Content-Length: 2\r\nContent-Length: 3\r\n",
                "Content-Length: 2, 3\r\n", "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n"}) {
            String answer = exchange(post + lengths + "\r\n{}");

            assertJsonError(answer, 400, "MALFORMED_REQUEST");
        }
    }

    @Test
    void aTransferEncodingOtherThanChunkedIsAJson501() throws IOException {
        for (String coding : new String[]{"gzip", "gzip, chunked", "chunked, chunked", "identity"}) {
            String answer = exchange("POST /campaign/create HTTP/1.1\r\n" + AUTH + "Transfer-Encoding: " + coding
                    + "\r\n\r\n0\r\n\r\n");

            assertJsonError(answer, 501, "NOT_IMPLEMENTED");
            assertThat(answer).as(coding).contains("Transfer-Encoding");
        }
    }

    @Test
    void wellFramedBodiesStillReachTheRoutes() throws IOException {
        String post = "POST /campaign/create HTTP/1.1\r\n" + AUTH + "Content-Type: application/json\r\n";

        String chunked = exchange(post + "Transfer-Encoding: chunked\r\n\r\n1;ext=1\r\n{\r\n1\r\n}\r\n0\r\n\r\n");
        String trailer = exchange(post + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-Trailer: 1\r\n\r\n");
        String repeated = exchange(post + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}");

        for (String answer : new String[]{chunked, repeated}) {
            assertJsonError(answer, 422, "VALIDATION_FAILED");
        }
        assertJsonError(trailer, 400, "MALFORMED_REQUEST");
    }

    @Test
    void aClientThatExpects100ContinueGetsItBeforeSendingItsBody() throws IOException {
        try (Socket socket = new Socket(host.base.getHost(), host.base.getPort())) {
            socket.getOutputStream().write(("POST /campaign/create HTTP/1.1\r\n" + AUTH + "Content-Length: 2\r\n"
                    + "Content-Type: application/json\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.setSoTimeout(10_000);
            byte[] interim = socket.getInputStream().readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            assertThat(new String(interim, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");

            socket.getOutputStream().write("{}".getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();

            assertJsonError(new String(RawHttp.readUntilClosed(socket, Duration.ofSeconds(20)), StandardCharsets.UTF_8),
                    422, "VALIDATION_FAILED");
        }
    }

    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket(host.base.getHost(), host.base.getPort())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(RawHttp.readUntilClosed(socket, Duration.ofSeconds(20)), StandardCharsets.UTF_8);
        }
    }

    private static void assertJsonError(String answer, int status, String code) {
        assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
        assertThat(RawHttp.head(answer.getBytes(StandardCharsets.UTF_8)).toLowerCase())
                .contains("content-type: application/json");
        assertThat(answer).contains("\"code\":\"" + code + "\"").doesNotContain("Exception").doesNotContain("<h1>");
    }
}
