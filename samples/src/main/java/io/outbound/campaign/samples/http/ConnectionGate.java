package io.outbound.campaign.samples.http;

import io.outbound.campaign.CampaignJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's listening socket, in front of the JDK server. One selector thread reads every connection's request head
 * (request line and headers) without holding a thread for it, and only a complete head goes on to the JDK server
 * behind, on a loopback port, followed by the rest of the connection byte for byte in both directions.
 *
 * <p>Why: the JDK server reads a request's head on a thread of its executor, so a client that sends half a head and
 * then nothing holds that thread; sixteen of them held all of the host's. Its {@code sun.net.httpserver.maxReqTime}
 * (JDK 17.0.15 starts that clock when a connection's first bytes arrive, so it does bound a slow head) closes such a
 * connection only after the fact, while the thread waits, and it is a JVM-wide property read once, when the first
 * server starts. Here a slow client costs a socket and a small buffer, and is answered {@code 408} and closed when its
 * head has not arrived within {@code headTimeout}.
 *
 * <p>Each request gets its own connection to the JDK server, marked {@code Connection: close} (hop-by-hop headers
 * such as {@code Upgrade} are dropped), so that the gate sees every request's head: a client's next request comes
 * on a new connection and passes the gate again. A connection on which nothing moves in either direction for
 * {@code idleTimeout} is closed; that bounds a slow body too, without a limit on how long a large upload may take.
 */
final class ConnectionGate implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGate.class);
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int FIRST_HEAD_BYTES = 4 * 1024;
    /** How long a refused client gets to read its error before the connection closes. */
    private static final long LINGER_NANOS = Duration.ofSeconds(2).toNanos();
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "upgrade",
            "te", "http2-settings");

    private final ServerSocketChannel listener;
    private final InetSocketAddress backend;
    private final long headTimeoutNanos;
    private final long idleTimeoutNanos;
    private final int maxHeadBytes;
    private final int maxConnections;
    private final Selector selector;
    private final Set<Link> links = new HashSet<>();
    private final Thread thread;
    private volatile boolean closing;

    ConnectionGate(ServerSocketChannel listener, InetSocketAddress backend, Duration headTimeout, Duration idleTimeout,
                   int maxHeadBytes, int maxConnections) throws IOException {
        this.listener = listener;
        this.backend = backend;
        this.headTimeoutNanos = headTimeout.toNanos();
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.maxHeadBytes = maxHeadBytes;
        this.maxConnections = maxConnections;
        this.selector = Selector.open();
        this.thread = new Thread(this::run, "campaign-http-gate");
        this.thread.setDaemon(true);
    }

    /** Starts accepting connections. */
    void start() throws IOException {
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        thread.start();
    }

    /** Closes the listening socket and every connection, and stops the thread. */
    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        // Timeouts are checked often enough to act within a tenth of the shorter one (at most every 250 ms).
        long sweepEvery = Math.max(Duration.ofMillis(10).toNanos(),
                Math.min(Duration.ofMillis(250).toNanos(), Math.min(headTimeoutNanos, idleTimeoutNanos) / 10));
        long nextSweep = System.nanoTime() + sweepEvery;
        try {
            while (!closing) {
                long wait = Math.max(1, (nextSweep - System.nanoTime()) / 1_000_000);
                selector.select(wait);
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    sweep(now);
                    nextSweep = now + sweepEvery;
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closing) {
                log.error("the connection gate stopped: {}", e.toString());
            }
        } finally {
            for (Link link : new ArrayList<>(links)) {
                link.close();
            }
            closeQuietly(listener);
            try {
                selector.close();
            } catch (IOException ignored) {
                // Nothing is listening any more either way.
            }
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.channel() == listener) {
            accept();
            return;
        }
        Link link = (Link) key.attachment();
        try {
            link.ready(key);
        } catch (IOException | RuntimeException e) {
            log.debug("closing a connection: {}", e.toString());
            link.close();
        }
    }

    private void accept() {
        while (true) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                log.debug("accept failed: {}", e.toString());
                return;
            }
            if (client == null) {
                return;
            }
            if (links.size() >= maxConnections) {
                log.debug("refusing a connection: {} open, the most allowed", links.size());
                closeQuietly(client);
                continue;
            }
            try {
                client.configureBlocking(false);
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Link link = new Link(client, System.nanoTime());
                link.clientKey = client.register(selector, SelectionKey.OP_READ, link);
                links.add(link);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void sweep(long now) {
        for (Link link : new ArrayList<>(links)) {
            link.checkTime(now);
        }
    }

    /** What a connection is doing. */
    private enum Phase {
        /** Reading the request head; nothing has gone to the JDK server yet. */
        HEAD,
        /** Passing bytes between the client and its connection to the JDK server. */
        PIPING,
        /** Sending the gate's own error response, then waiting briefly for the client to read it and leave. */
        REFUSING
    }

    /** One client connection and, once its head is complete, its connection to the JDK server. */
    private final class Link {
        private final SocketChannel client;
        private final long acceptedAt;
        private SelectionKey clientKey;
        private SocketChannel server;
        private SelectionKey serverKey;
        private Phase phase = Phase.HEAD;
        private ByteBuffer head = ByteBuffer.allocate(Math.min(FIRST_HEAD_BYTES, maxHeadBytes));
        private ByteBuffer toServer;
        private ByteBuffer toClient;
        private boolean connecting;
        private boolean clientDone;
        private boolean serverDone;
        private boolean serverOutputShut;
        private long lastActivity;
        private long refusedAt;

        Link(SocketChannel client, long acceptedAt) {
            this.client = client;
            this.acceptedAt = acceptedAt;
            this.lastActivity = acceptedAt;
        }

        void ready(SelectionKey key) throws IOException {
            if (key == clientKey) {
                if (key.isReadable()) {
                    readClient();
                }
                if (key.isValid() && key.isWritable()) {
                    writeClient();
                }
            } else {
                if (key.isConnectable()) {
                    connected();
                }
                if (key.isValid() && key.isReadable()) {
                    readServer();
                }
                if (key.isValid() && key.isWritable()) {
                    writeServer();
                }
            }
            if (links.contains(this)) {
                settle();
            }
        }

        private void readClient() throws IOException {
            switch (phase) {
                case HEAD -> readHead();
                case PIPING -> {
                    int n = client.read(toServer);
                    if (n < 0) {
                        clientDone = true;
                    } else if (n > 0) {
                        lastActivity = System.nanoTime();
                        writeServer();
                    }
                }
                case REFUSING -> {
                    // Read and drop what the refused client still sends, so that closing does not reset the
                    // connection before it has read its answer.
                    ByteBuffer sink = ByteBuffer.allocate(FIRST_HEAD_BYTES);
                    if (client.read(sink) < 0) {
                        close();
                    }
                }
                default -> throw new IllegalStateException(phase.name());
            }
        }

        private void readHead() throws IOException {
            if (!head.hasRemaining()) {
                if (head.capacity() >= maxHeadBytes) {
                    refuse(431, "REQUEST_HEADERS_TOO_LARGE", "the request line and headers must be at most "
                            + maxHeadBytes + " bytes");
                    return;
                }
                ByteBuffer larger = ByteBuffer.allocate(Math.min(maxHeadBytes, head.capacity() * 2));
                head.flip();
                larger.put(head);
                head = larger;
            }
            int before = head.position();
            int n = client.read(head);
            if (n < 0) {
                close();
                return;
            }
            if (n == 0) {
                return;
            }
            int end = headEnd(head.array(), Math.max(0, before - 2), head.position());
            if (end >= 0) {
                forward(end);
            } else if (!head.hasRemaining() && head.capacity() >= maxHeadBytes) {
                refuse(431, "REQUEST_HEADERS_TOO_LARGE", "the request line and headers must be at most "
                        + maxHeadBytes + " bytes");
            }
        }

        /** The head is complete: rewrite it for one request and open the connection to the JDK server. */
        private void forward(int end) throws IOException {
            byte[] bytes = head.array();
            int start = 0;
            while (start < end && (bytes[start] == '\r' || bytes[start] == '\n')) {
                start++;
            }
            byte[] rewritten = rewrite(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
            if (rewritten == null) {
                refuse(400, "MALFORMED_REQUEST", "the request line or a header is not HTTP/1.1");
                return;
            }
            int leftover = head.position() - end;
            toServer = ByteBuffer.allocate(Math.max(BUFFER_BYTES, rewritten.length + leftover));
            toServer.put(rewritten).put(bytes, end, leftover);
            toClient = ByteBuffer.allocate(BUFFER_BYTES);
            head = null;
            phase = Phase.PIPING;
            lastActivity = System.nanoTime();
            server = SocketChannel.open();
            server.configureBlocking(false);
            server.setOption(StandardSocketOptions.TCP_NODELAY, true);
            connecting = !server.connect(backend);
            serverKey = server.register(selector, 0, this);
            if (!connecting) {
                writeServer();
            }
        }

        private void connected() throws IOException {
            try {
                server.finishConnect();
            } catch (IOException e) {
                log.error("the gate cannot reach the JDK server at {}: {}", backend, e.toString());
                closeQuietly(server);
                server = null;
                refuse(503, "UNAVAILABLE", "the host cannot answer now; try again");
                return;
            }
            connecting = false;
            writeServer();
        }

        private void writeServer() throws IOException {
            if (connecting || server == null) {
                return;
            }
            toServer.flip();
            int n = server.write(toServer);
            toServer.compact();
            if (n > 0) {
                lastActivity = System.nanoTime();
            }
            if (clientDone && toServer.position() == 0 && !serverOutputShut) {
                server.shutdownOutput();
                serverOutputShut = true;
            }
        }

        private void readServer() throws IOException {
            int n = server.read(toClient);
            if (n < 0) {
                serverDone = true;
            } else if (n > 0) {
                lastActivity = System.nanoTime();
            }
            writeClient();
        }

        private void writeClient() throws IOException {
            toClient.flip();
            int n = client.write(toClient);
            toClient.compact();
            if (n > 0) {
                lastActivity = System.nanoTime();
            }
            if (phase == Phase.REFUSING && toClient.position() == 0) {
                client.shutdownOutput();
            }
        }

        /** Ends the connection when both sides are through, and otherwise asks for the events it can use next. */
        private void settle() {
            if (phase == Phase.PIPING && serverDone && toClient.position() == 0) {
                close();
                return;
            }
            if (phase == Phase.PIPING && clientDone && serverDone) {
                close();
                return;
            }
            int clientOps = 0;
            switch (phase) {
                case HEAD -> clientOps = SelectionKey.OP_READ;
                case PIPING -> {
                    if (!clientDone && toServer.hasRemaining()) {
                        clientOps |= SelectionKey.OP_READ;
                    }
                    if (toClient.position() > 0) {
                        clientOps |= SelectionKey.OP_WRITE;
                    }
                }
                case REFUSING -> clientOps = SelectionKey.OP_READ
                        | (toClient.position() > 0 ? SelectionKey.OP_WRITE : 0);
                default -> throw new IllegalStateException(phase.name());
            }
            clientKey.interestOps(clientOps);
            if (serverKey != null && serverKey.isValid()) {
                int serverOps = 0;
                if (connecting) {
                    serverOps = SelectionKey.OP_CONNECT;
                } else {
                    if (!serverDone && toClient.hasRemaining()) {
                        serverOps |= SelectionKey.OP_READ;
                    }
                    if (toServer.position() > 0) {
                        serverOps |= SelectionKey.OP_WRITE;
                    }
                }
                serverKey.interestOps(serverOps);
            }
        }

        /** Answers with the host's error shape and ends the connection; only before anything went to the server. */
        private void refuse(int status, String code, String message) throws IOException {
            log.debug("refusing a request: {} {}", status, message);
            byte[] body = CampaignJson.write(new HttpReplies.ErrorBody(code, message, List.of()))
                    .getBytes(StandardCharsets.UTF_8);
            String statusAndHeaders = "HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: "
                    + HttpReplies.JSON + "\r\nContent-Length: " + body.length
                    + "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
            byte[] headBytes = statusAndHeaders.getBytes(StandardCharsets.US_ASCII);
            toClient = ByteBuffer.allocate(headBytes.length + body.length);
            toClient.put(headBytes).put(body);
            head = null;
            phase = Phase.REFUSING;
            refusedAt = System.nanoTime();
            writeClient();
            settle();
        }

        void checkTime(long now) {
            try {
                if (phase == Phase.HEAD && now - acceptedAt > headTimeoutNanos) {
                    refuse(408, "REQUEST_TIMEOUT", "the request line and headers did not arrive within "
                            + Duration.ofNanos(headTimeoutNanos).toMillis() + " ms");
                } else if (phase == Phase.PIPING && now - lastActivity > idleTimeoutNanos) {
                    log.debug("closing a connection idle for {} ms", Duration.ofNanos(now - lastActivity).toMillis());
                    close();
                } else if (phase == Phase.REFUSING && now - refusedAt > LINGER_NANOS) {
                    close();
                }
            } catch (IOException | RuntimeException e) {
                close();
            }
        }

        void close() {
            links.remove(this);
            closeQuietly(client);
            if (server != null) {
                closeQuietly(server);
            }
        }
    }

    /**
     * Where the head ends: the index just past the empty line that closes it ({@code CRLF CRLF}, or bare {@code LF}s,
     * which servers accept too), or {@code -1} when it has not arrived yet.
     */
    static int headEnd(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            int next = i + 1;
            if (next < to && bytes[next] == '\r') {
                next++;
            }
            if (next < to && bytes[next] == '\n') {
                boolean atStart = true;
                for (int k = 0; k < i; k++) {
                    if (bytes[k] != '\r' && bytes[k] != '\n') {
                        atStart = false;
                        break;
                    }
                }
                if (!atStart) {
                    return next + 1;
                }
            }
        }
        return -1;
    }

    /**
     * The head as the JDK server gets it: the request line and the end-to-end headers as they came, the hop-by-hop
     * ones ({@code Connection}, {@code Upgrade}, what {@code Connection} names, ...) dropped, and
     * {@code Connection: close} added; {@code null} when it is not an HTTP/1.x request head.
     */
    static byte[] rewrite(String head) {
        List<String> lines = new ArrayList<>();
        for (String line : head.split("\n", -1)) {
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        String requestLine = lines.get(0);
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
            return null;
        }
        Set<String> dropped = new HashSet<>(HOP_BY_HOP);
        List<String[]> headers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (headers.isEmpty()) {
                    return null;
                }
                String[] last = headers.get(headers.size() - 1);
                last[1] = last[1] + " " + line.trim();
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            headers.add(new String[]{line.substring(0, colon), line.substring(colon + 1).trim()});
        }
        for (String[] header : headers) {
            if (header[0].trim().equalsIgnoreCase("connection")) {
                for (String token : header[1].split(",")) {
                    dropped.add(token.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        StringBuilder out = new StringBuilder(head.length() + 32).append(requestLine).append("\r\n");
        for (String[] header : headers) {
            if (!dropped.contains(header[0].trim().toLowerCase(Locale.ROOT))) {
                out.append(header[0]).append(": ").append(header[1]).append("\r\n");
            }
        }
        out.append("Connection: close\r\n\r\n");
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 408 -> "Request Timeout";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    private static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do with it.
        }
    }
}
