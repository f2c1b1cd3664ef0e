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

    private static int end(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return ConnectionGate.headEnd(bytes, 0, bytes.length);
    }
}
