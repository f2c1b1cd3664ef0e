package io.outbound.campaign.samples.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How the gate finds the end of a request head and what it passes on to the JDK server. */
class ConnectionGateTest {

    @Test
    void theHeadEndsAtTheFirstEmptyLineWhateverTheLineEnds() {
        assertThat(end("GET / HTTP/1.1\r\nHost: a\r\n\r\nbody")).isEqualTo(27);
        assertThat(end("GET / HTTP/1.1\nHost: a\n\nbody")).isEqualTo(24);
        assertThat(end("GET / HTTP/1.1\r\nHost: a\r\n")).isEqualTo(-1);
        assertThat(end("\r\n\r\nGET / HTTP/1.1\r\n\r\n")).as("empty lines before the request line are not its end")
                .isEqualTo(22);
    }

    @Test
    void hopByHopHeadersGoAndEveryRequestAsksTheServerToCloseAfterIt() {
        String head = "PUT /files/a.csv?x=1 HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, HTTP2-Settings, X-Private\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAEAAEAA\r\nX-Private: 1\r\nKeep-Alive: 5\r\n"
                + "Content-Length: 3\r\nAuthorization: Bearer k\r\n  continued\r\n\r\n";

        String rewritten = new String(ConnectionGate.rewrite(head), StandardCharsets.ISO_8859_1);

        assertThat(rewritten).isEqualTo("PUT /files/a.csv?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n"
                + "Authorization: Bearer k continued\r\nConnection: close\r\n\r\n");
    }

    @Test
    void aHeadThatIsNotHttp11IsRefused() {
        assertThat(ConnectionGate.rewrite("PRI * HTTP/2.0\r\n\r\n")).isNull();
        assertThat(ConnectionGate.rewrite("GET /\r\n\r\n")).isNull();
        assertThat(ConnectionGate.rewrite("GET / HTTP/1.1\r\nno colon here\r\n\r\n")).isNull();
        assertThat(ConnectionGate.rewrite("GET / HTTP/1.1\r\n folded first\r\n\r\n")).isNull();
    }

    @Test
    void theHeadIsFoundWhereverTheReadsSplitIt() {
        String text = "\r\n\nGET / HTTP/1.1\r\nHost: a\n\r\nbody";
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int step = 1; step <= bytes.length; step++) {
            ConnectionGate.HeadScanner scanner = new ConnectionGate.HeadScanner();
            int end = -1;
            for (int to = Math.min(step, bytes.length); end < 0; to = Math.min(to + step, bytes.length)) {
                end = scanner.scan(bytes, to);
                if (to == bytes.length) {
                    break;
                }
            }
            assertThat(end).as("reads of %d bytes", step).isEqualTo(text.indexOf("body"));
            assertThat(scanner.start()).isEqualTo(3);
        }
    }

    @Test
    void blankLinesCostOneLookEach() {
        int size = 64 * 1024;
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) '\n');
        ConnectionGate.HeadScanner scanner = new ConnectionGate.HeadScanner();

        for (int to = 1000; to < size + 1000; to += 1000) {
            assertThat(scanner.scan(bytes, Math.min(to, size))).isEqualTo(-1);
        }

        // Every blank line used to rescan the head from its first byte: about two billion looks for these.
        assertThat(scanner.examined()).isLessThanOrEqualTo(size);
    }

    private static int end(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return new ConnectionGate.HeadScanner().scan(bytes, bytes.length);
    }
}
