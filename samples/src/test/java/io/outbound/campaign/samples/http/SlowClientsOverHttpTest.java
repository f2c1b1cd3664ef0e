package io.outbound.campaign.samples.http;

import static io.outbound.campaign.samples.http.HostUnderTest.KEY_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that connect and then stall, over real sockets and the real clock: they must cost the host a socket at
 * most, never the threads that serve everyone else, and they are cut off after the host's timeouts.
 */
class SlowClientsOverHttpTest {
    private static final String HALF_A_HEAD = "GET /campaign/ HTTP/1.1\r\nHost: 127.0.0.1\r\n";

    @TempDir
    Path dir;

    @Test
    void twoHundredHalfOpenConnectionsDoNotKeepAnHonestClientWaiting() throws Exception {
        try (HostUnderTest host = new HostUnderTest(dir, 1 << 20)) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    stalled.add(send(host.base, HALF_A_HEAD));
                }

                HttpResponse<String> honest = host.send(HttpRequest.newBuilder(host.base.resolve("/campaign/"))
                        .header("Authorization", "Bearer " + KEY_A).timeout(Duration.ofSeconds(10)).build());

                assertThat(honest.statusCode()).as(honest.body()).isEqualTo(200);
                for (Socket socket : stalled) {
                    assertThat(stillOpen(socket)).as("a stalled client was dropped to make room").isTrue();
                }
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aClientThatStopsHalfWayThroughItsHeadersIsAnswered408AndDisconnected() throws Exception {
        try (HostUnderTest host = new HostUnderTest(dir, 1 << 20,
                settings(b -> b.requestHeadTimeout(Duration.ofSeconds(1))));
             Socket socket = send(host.base, HALF_A_HEAD)) {
            long sent = System.nanoTime();

            String answer = new String(RawHttp.readUntilClosed(socket, Duration.ofSeconds(20)), StandardCharsets.UTF_8);

            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(answer).startsWith("HTTP/1.1 408 ").contains("\"code\":\"REQUEST_TIMEOUT\"")
                    .contains("did not arrive within 1000 ms");
        }
    }

    @Test
    void aClientThatSendsNothingAtAllIsDisconnectedAfterTheHeadTimeout() throws Exception {
        try (HostUnderTest host = new HostUnderTest(dir, 1 << 20,
                settings(b -> b.requestHeadTimeout(Duration.ofSeconds(1))));
             Socket socket = new Socket(host.base.getHost(), host.base.getPort())) {

            String answer = new String(RawHttp.readUntilClosed(socket, Duration.ofSeconds(20)), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 408 ");
        }
    }

    @Test
    void aBodyThatStopsComingIsCutOffAfterTheIdleTimeoutAndFreesItsThread() throws Exception {
        try (HostUnderTest host = new HostUnderTest(dir, 1 << 20,
                settings(b -> b.idleTimeout(Duration.ofSeconds(1)).threads(1)))) {
            String head = "POST /campaign/create HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY_A
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"name\":";
            try (Socket socket = send(host.base, head)) {
                RawHttp.readUntilClosed(socket, Duration.ofSeconds(20));
            }

            // With one thread, this answers only once the stalled upload's handler has given its thread back.
            HttpResponse<String> next = host.send(HttpRequest.newBuilder(host.base.resolve("/campaign/"))
                    .header("Authorization", "Bearer " + KEY_A).timeout(Duration.ofSeconds(10)).build());
            assertThat(next.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void requestHeadersOverTheLimitAreAnswered431() throws Exception {
        try (HostUnderTest host = new HostUnderTest(dir, 1 << 20, settings(b -> b.maxHeadBytes(8 * 1024)));
             Socket socket = send(host.base, HALF_A_HEAD + "X-Padding: " + "x".repeat(10 * 1024) + "\r\n\r\n")) {

            String answer = new String(RawHttp.readUntilClosed(socket, Duration.ofSeconds(20)), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 431 ").contains("at most 8192 bytes");
        }
    }

    private static UnaryOperator<CampaignHttpHost.Builder> settings(UnaryOperator<CampaignHttpHost.Builder> change) {
        return change;
    }

    private static Socket send(URI base, String text) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    /** Whether the server has neither closed the connection nor answered on it. */
    private static boolean stillOpen(Socket socket) throws IOException {
        socket.setSoTimeout(1);
        try {
            socket.getInputStream().read();
            return false;
        } catch (SocketTimeoutException nothingYet) {
            return true;
        } catch (IOException reset) {
            return false;
        }
    }
}
