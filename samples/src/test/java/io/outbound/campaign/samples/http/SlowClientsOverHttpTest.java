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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that connect and then stall, over real sockets and the real clock: they must cost the host a socket at
 * most, never the threads that serve everyone else, and they are cut off after the host's timeouts.
 */
class SlowClientsOverHttpTest {
    private static final String HALF_A_HEAD = "GET /campaign/ HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    private static final String NO_KEY_POST = "POST /campaign/create HTTP/1.1\r\nHost: x\r\n";

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

    @Test
    void bodiesThatNeverComeCostSocketsNotThreadsEvenWhenTheRequestIsRefused() throws Exception {
        try (HostUnderTest host = new HostUnderTest(dir, 1 << 20,
                settings(b -> b.threads(1).requestBodyTimeout(Duration.ofSeconds(2))))) {
            List<Socket> held = new ArrayList<>();
            try {
                // Refused without a key, with a body longer than the gate holds back, so that it goes on as it comes
                // and then stops: the 401 arrives and the connection ends, without the thread draining the body.
                for (int i = 0; i < 4; i++) {
                    try (Socket socket = send(host.base, NO_KEY_POST + "Content-Length: 200000\r\n\r\n"
                            + "x".repeat(70 * 1024))) {
                        String answer = new String(RawHttp.readUntilClosed(socket, Duration.ofSeconds(10)),
                                StandardCharsets.UTF_8);
                        assertThat(answer).startsWith("HTTP/1.1 401 ").contains("\"code\":\"UNAUTHORIZED\"");
                    }
                }
                // Small bodies that do not come: the request waits at the gate, not on the one thread.
                for (int i = 0; i < 16; i++) {
                    held.add(send(host.base, NO_KEY_POST + "Content-Length: 1000\r\n\r\n"));
                }

                HttpResponse<String> honest = host.send(HttpRequest.newBuilder(host.base.resolve("/campaign/"))
                        .header("Authorization", "Bearer " + KEY_A).timeout(Duration.ofSeconds(5)).build());

                assertThat(honest.statusCode()).as(honest.body()).isEqualTo(200);
                for (Socket socket : held) {
                    String answer = new String(RawHttp.readUntilClosed(socket, Duration.ofSeconds(20)),
                            StandardCharsets.UTF_8);
                    assertThat(answer).startsWith("HTTP/1.1 408 ").contains("\"code\":\"REQUEST_TIMEOUT\"")
                            .contains("request body");
                }
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aBodyTrickledAByteAtATimeIsAnswered408AndFreesItsThread() throws Exception {
        ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
        try (HostUnderTest host = new HostUnderTest(dir, 1 << 20, settings(b -> b.threads(1)
                .requestBodyTimeout(Duration.ofSeconds(1)).minRequestBodyBytesPerSecond(128 * 1024)))) {
            // More than the gate holds back, so that the handler is reading the body when it stops coming.
            String head = "POST /campaign/create HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY_A
                    + "\r\nContent-Type: application/json\r\nContent-Length: 200000\r\n\r\n{\"name\":\""
                    + "x".repeat(70 * 1024);
            try (Socket socket = send(host.base, head)) {
                OutputStream out = socket.getOutputStream();
                trickler.scheduleWithFixedDelay(() -> {
                    try {
                        out.write('x');
                        out.flush();
                    } catch (IOException closed) {
                        throw new IllegalStateException(closed);
                    }
                }, 100, 100, TimeUnit.MILLISECONDS);

                String answer = new String(RawHttp.readUntilClosed(socket, Duration.ofSeconds(20)),
                        StandardCharsets.UTF_8);

                assertThat(answer).startsWith("HTTP/1.1 408 ").contains("\"code\":\"REQUEST_TIMEOUT\"");
            }

            HttpResponse<String> next = host.send(HttpRequest.newBuilder(host.base.resolve("/campaign/"))
                    .header("Authorization", "Bearer " + KEY_A).timeout(Duration.ofSeconds(5)).build());
            assertThat(next.statusCode()).isEqualTo(200);
        } finally {
            trickler.shutdownNow();
        }
    }

    @Test
    void anUploadSlowerThanTheBodyTimeoutButAboveTheMinimumRateGoesThrough() throws Exception {
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        try (HostUnderTest host = new HostUnderTest(dir, 1 << 20, settings(b -> b.threads(1)
                .requestBodyTimeout(Duration.ofSeconds(1)).minRequestBodyBytesPerSecond(16 * 1024)))) {
            URI url = URI.create(host.expect(200, "POST", "/files/upload-url", "{\"key\":\"slow.csv\"}", KEY_A)
                    .get("url").asText());
            int size = 160 * 1024;
            String head = "PUT " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: text/csv\r\nContent-Length: " + size + "\r\n\r\n";
            try (Socket socket = send(host.base, head)) {
                OutputStream out = socket.getOutputStream();
                byte[] piece = "phone_number\n".repeat(700).substring(0, 8 * 1024).getBytes(StandardCharsets.US_ASCII);
                int[] sent = {0};
                // 8 KiB every 100 ms: about 80 KiB/s, two seconds in all, twice the body timeout.
                sender.scheduleWithFixedDelay(() -> {
                    if (sent[0] < size) {
                        try {
                            out.write(piece);
                            out.flush();
                            sent[0] += piece.length;
                        } catch (IOException closed) {
                            throw new IllegalStateException(closed);
                        }
                    }
                }, 0, 100, TimeUnit.MILLISECONDS);

                String answer = new String(RawHttp.readUntilClosed(socket, Duration.ofSeconds(20)),
                        StandardCharsets.UTF_8);

                assertThat(answer).startsWith("HTTP/1.1 200 ");
            }
        } finally {
            sender.shutdownNow();
        }
    }

    @Test
    void blankLinesBeforeTheRequestLineDoNotStallTheGate() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try (HostUnderTest host = new HostUnderTest(dir, 1 << 20)) {
            host.expect(200, "GET", "/campaign/", null, KEY_A);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(senders.submit(() -> {
                    try (Socket socket = send(host.base, "\n".repeat(CampaignHttpHost.Builder.DEFAULT_MAX_HEAD_BYTES))) {
                        return new String(RawHttp.readUntilClosed(socket, Duration.ofSeconds(60)),
                                StandardCharsets.UTF_8);
                    }
                }));
            }

            // Each of those took the gate's only thread 1.7 s when every blank line rescanned the head from its
            // start; a linear scan takes microseconds. The bound is far from both.
            HttpResponse<String> honest = host.send(HttpRequest.newBuilder(host.base.resolve("/campaign/"))
                    .header("Authorization", "Bearer " + KEY_A).timeout(Duration.ofSeconds(4)).build());

            assertThat(honest.statusCode()).isEqualTo(200);
            for (Future<String> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).startsWith("HTTP/1.1 431 ");
            }
        } finally {
            senders.shutdownNow();
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
