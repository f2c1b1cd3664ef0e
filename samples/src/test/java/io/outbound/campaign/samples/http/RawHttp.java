package io.outbound.campaign.samples.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 spoken byte by byte over a plain socket, for what a well-behaved client cannot show: the exact bytes
 * of a response head, or a client that stops half-way through its request.
 */
final class RawHttp {
    private RawHttp() {
    }

    /**
     * The whole response to a {@code GET} of the URL with {@code Connection: close}, as bytes, read until the
     * server closes the connection or the deadline passes.
     */
    static byte[] get(URI url, Duration deadline) {
        String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        String request = "GET " + target + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return readUntilClosed(socket, deadline);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Everything the server sends until it closes the connection.
     *
     * @throws AssertionError when the deadline passes first
     */
    static byte[] readUntilClosed(Socket socket, Duration deadline) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            long left = Duration.ofNanos(end - System.nanoTime()).toMillis();
            if (left <= 0) {
                throw new AssertionError("the server did not close the connection within " + deadline
                        + "; received so far: " + received.toString(StandardCharsets.ISO_8859_1));
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException reset) {
                return received.toByteArray();
            }
            if (n < 0) {
                return received.toByteArray();
            }
            received.write(buffer, 0, n);
        }
    }

    /** The head of a response: its bytes up to and including the blank line, as ISO-8859-1 text. */
    static String head(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        int bareEnd = text.indexOf("\n\n");
        int cut = end < 0 ? bareEnd + 2 : bareEnd >= 0 && bareEnd < end ? bareEnd + 2 : end + 4;
        if (cut < 2) {
            throw new AssertionError("no end of head in: " + text);
        }
        return text.substring(0, cut);
    }
}
