package io.outbound.campaign.samples.http;

import io.outbound.campaign.CampaignJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.URISyntaxException;
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
 * {@code idleTimeout} is closed.
 *
 * <p>Bodies: the gate checks the head's framing ({@code Content-Length}, {@code Transfer-Encoding}, the request
 * target) and answers what the JDK server would refuse with its own HTML page with the host's JSON 400 or 501
 * instead. A body of up to {@value #BUFFER_BYTES} bytes is collected before the request goes to the JDK server, so
 * that a body that comes slowly or not at all holds no thread; a longer one goes on as it arrives. Either way a
 * body must have arrived within {@code bodyTimeout} of its head or, after that, at an average of at least
 * {@code minBodyRate} bytes a second since its head; a slower one is answered {@code 408} (the handler reading it,
 * if any, sees the connection close). Once the JDK server begins its answer, the rest of an unread body is not
 * passed on: its connection to the gate is half-closed, so that the server does not spend a thread draining a
 * body it refused. {@code Expect: 100-continue} is answered by the gate.
 */
final class ConnectionGate implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGate.class);
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int FIRST_HEAD_BYTES = 4 * 1024;
    /** How long a refused client gets to read its error before the connection closes. */
    private static final long LINGER_NANOS = Duration.ofSeconds(2).toNanos();
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "upgrade",
            "te", "http2-settings", "expect");

    private final ServerSocketChannel listener;
    private final InetSocketAddress backend;
    private final long headTimeoutNanos;
    private final long idleTimeoutNanos;
    private final long bodyTimeoutNanos;
    private final long minBodyRate;
    private final int maxHeadBytes;
    private final int maxConnections;
    private final Selector selector;
    private final Set<Link> links = new HashSet<>();
    private final Thread thread;
    /** Where bytes that nobody needs (after a body, or after an answer) are read to and dropped. */
    private final ByteBuffer sink = ByteBuffer.allocate(FIRST_HEAD_BYTES);
    private volatile boolean closing;

    ConnectionGate(ServerSocketChannel listener, InetSocketAddress backend, Duration headTimeout, Duration idleTimeout,
                   Duration bodyTimeout, long minBodyRate, int maxHeadBytes, int maxConnections) throws IOException {
        this.listener = listener;
        this.backend = backend;
        this.headTimeoutNanos = headTimeout.toNanos();
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.bodyTimeoutNanos = bodyTimeout.toNanos();
        this.minBodyRate = minBodyRate;
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
                Math.min(Duration.ofMillis(250).toNanos(),
                        Math.min(bodyTimeoutNanos, Math.min(headTimeoutNanos, idleTimeoutNanos)) / 10));
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
        /** Collecting a short body before anything goes to the JDK server. */
        BODY,
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
        private final HeadScanner scanner = new HeadScanner();
        /** Body bytes still to come of a {@code Content-Length} body; unused for a chunked one. */
        private long bodyLeft;
        private ChunkedBody chunks;
        private boolean bodyComplete;
        /** The JDK server has begun its answer: what is left of the body is dropped. */
        private boolean bodyCut;
        private long bodyReceived;
        private long headDoneAt;
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
                case BODY, PIPING -> readBody();
                case REFUSING -> {
                    // Read and drop what the refused client still sends, so that closing does not reset the
                    // connection before it has read its answer.
                    sink.clear();
                    if (client.read(sink) < 0) {
                        close();
                    }
                }
                default -> throw new IllegalStateException(phase.name());
            }
        }

        private void readBody() throws IOException {
            if (bodyComplete || bodyCut) {
                // Nothing more goes to the server: what the client still sends is read so that closing later does
                // not reset the connection under its answer, and dropped.
                sink.clear();
                if (client.read(sink) < 0) {
                    clientDone = true;
                    writeServer();
                }
                return;
            }
            int before = toServer.position();
            int n = client.read(toServer);
            if (n < 0) {
                clientDone = true;
                if (phase == Phase.BODY) {
                    close();
                } else {
                    writeServer();
                }
                return;
            }
            if (n == 0) {
                return;
            }
            lastActivity = System.nanoTime();
            toServer.position(before + body(toServer.array(), before, n));
            if (chunks != null && chunks.malformed()) {
                refuse(400, "MALFORMED_REQUEST", "the chunked request body is malformed or has trailer fields");
                return;
            }
            if (phase == Phase.BODY) {
                if (bodyComplete || !toServer.hasRemaining()) {
                    connect();
                }
            } else {
                writeServer();
            }
        }

        /**
         * Counts {@code n} bytes that arrived after the head (at {@code from} in {@code bytes}) against the body and
         * returns how many of them are body; what follows a complete body is not passed on.
         */
        private int body(byte[] bytes, int from, int n) {
            if (bodyComplete) {
                return 0;
            }
            int taken;
            if (chunks != null) {
                taken = chunks.take(bytes, from, n);
                bodyComplete = chunks.done();
            } else {
                taken = (int) Math.min(bodyLeft, n);
                bodyLeft -= taken;
                bodyComplete = bodyLeft == 0;
            }
            bodyReceived += taken;
            return taken;
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
            int end = scanner.scan(head.array(), head.position());
            if (end >= 0) {
                forward(end);
            } else if (!head.hasRemaining() && head.capacity() >= maxHeadBytes) {
                refuse(431, "REQUEST_HEADERS_TOO_LARGE", "the request line and headers must be at most "
                        + maxHeadBytes + " bytes");
            }
        }

        /**
         * The head is complete: check and rewrite it for one request, then collect a short body or open the
         * connection to the JDK server.
         */
        private void forward(int end) throws IOException {
            byte[] bytes = head.array();
            int start = Math.min(scanner.start(), end);
            Request request = parse(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
            if (request.refusal != null) {
                refuse(request.status, request.code, request.refusal);
                return;
            }
            headDoneAt = System.nanoTime();
            if (request.chunked) {
                chunks = new ChunkedBody();
            } else {
                bodyLeft = request.contentLength;
                bodyComplete = bodyLeft == 0;
            }
            int leftover = head.position() - end;
            toServer = ByteBuffer.allocate(request.head.length + Math.max(BUFFER_BYTES, leftover));
            toServer.put(request.head).put(bytes, end, body(bytes, end, leftover));
            if (chunks != null && chunks.malformed()) {
                refuse(400, "MALFORMED_REQUEST", "the chunked request body is malformed or has trailer fields");
                return;
            }
            toClient = ByteBuffer.allocate(BUFFER_BYTES);
            if (request.expectContinue && !bodyComplete) {
                toClient.put(CONTINUE);
                writeClient();
            }
            head = null;
            lastActivity = System.nanoTime();
            if (bodyComplete || !toServer.hasRemaining()) {
                connect();
            } else {
                phase = Phase.BODY;
            }
        }

        /** Opens the connection to the JDK server and starts passing the request on. */
        private void connect() throws IOException {
            phase = Phase.PIPING;
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
                if (!bodyComplete && !bodyCut) {
                    // The server answers without the rest of the body (a refusal, most likely): it must not wait
                    // for, or drain, a body that may come slowly or never.
                    bodyCut = true;
                    toServer.clear();
                    if (!serverOutputShut) {
                        server.shutdownOutput();
                        serverOutputShut = true;
                    }
                }
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
                if (clientDone) {
                    close();
                    return;
                }
                // The answer is out: the client gets a moment to read it and leave, as a refused one does.
                closeQuietly(server);
                server = null;
                serverKey = null;
                phase = Phase.REFUSING;
                refusedAt = System.nanoTime();
                try {
                    client.shutdownOutput();
                } catch (IOException e) {
                    close();
                    return;
                }
            }
            if (phase == Phase.PIPING && clientDone && serverDone) {
                close();
                return;
            }
            int clientOps = 0;
            switch (phase) {
                case HEAD -> clientOps = SelectionKey.OP_READ;
                case BODY -> clientOps = SelectionKey.OP_READ | (toClient.position() > 0 ? SelectionKey.OP_WRITE : 0);
                case PIPING -> {
                    if (!clientDone && (toServer.hasRemaining() || bodyComplete || bodyCut)) {
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

        /**
         * Answers with the host's error shape and ends the connection; only before anything came from the server,
         * whose connection, if any, is closed.
         */
        private void refuse(int status, String code, String message) throws IOException {
            log.debug("refusing a request: {} {}", status, message);
            if (server != null) {
                closeQuietly(server);
                server = null;
                serverKey = null;
                connecting = false;
            }
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
                } else if ((phase == Phase.BODY || phase == Phase.PIPING) && !bodyComplete && !bodyCut
                        && now - headDoneAt > bodyTimeoutNanos
                        && bodyReceived < minBodyRate * (double) (now - headDoneAt) / 1e9) {
                    refuse(408, "REQUEST_TIMEOUT", "the request body did not arrive within "
                            + Duration.ofNanos(bodyTimeoutNanos).toMillis() + " ms, nor at " + minBodyRate
                            + " bytes per second after that");
                } else if ((phase == Phase.BODY || phase == Phase.PIPING) && now - lastActivity > idleTimeoutNanos) {
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
     * Finds where a request head ends as its bytes arrive: just past the empty line that closes it ({@code CRLF CRLF},
     * or bare {@code LF}s, which servers accept too), empty lines before the request line not counting. Each byte is
     * looked at once, however the head is split into reads.
     */
    static final class HeadScanner {
        private int position;
        private int start = -1;
        /** 0 inside a line, 1 just after its {@code LF}, 2 after {@code LF CR}. */
        private int lineEnd;
        private long examined;

        /** The end of the head in {@code bytes[0, to)}, of which earlier calls saw a prefix, or {@code -1}. */
        int scan(byte[] bytes, int to) {
            for (int i = position; i < to; i++) {
                examined++;
                byte b = bytes[i];
                if (start < 0) {
                    if (b != '\r' && b != '\n') {
                        start = i;
                    }
                } else if (b == '\n') {
                    if (lineEnd != 0) {
                        position = i + 1;
                        return i + 1;
                    }
                    lineEnd = 1;
                } else if (b == '\r' && lineEnd == 1) {
                    lineEnd = 2;
                } else {
                    lineEnd = 0;
                }
            }
            position = to;
            return -1;
        }

        /** Where the request line starts, past any empty lines; {@code -1} before it has. */
        int start() {
            return start;
        }

        /** How many bytes were looked at, for the tests. */
        long examined() {
            return examined;
        }
    }

    /** Follows a chunked body's framing as it passes, to know where it ends. */
    static final class ChunkedBody {
        private enum State { SIZE, EXTENSION, DATA, DATA_END, TRAILER_START, DONE, MALFORMED }

        private State state = State.SIZE;
        private long size;
        private boolean digits;

        /** How many of the {@code n} bytes at {@code from} belong to the body (all but what follows its end). */
        int take(byte[] bytes, int from, int n) {
            int i = from;
            int end = from + n;
            while (i < end && state != State.DONE && state != State.MALFORMED) {
                if (state == State.DATA) {
                    int k = (int) Math.min(size, end - i);
                    i += k;
                    size -= k;
                    if (size == 0) {
                        state = State.DATA_END;
                    }
                    continue;
                }
                byte b = bytes[i++];
                switch (state) {
                    case SIZE -> {
                        int digit = Character.digit(b, 16);
                        if (digit >= 0 && size <= (Long.MAX_VALUE >> 4)) {
                            size = size * 16 + digit;
                            digits = true;
                        } else if (digits && (b == ';' || b == ' ' || b == '\t')) {
                            state = State.EXTENSION;
                        } else if (digits && b == '\r') {
                            state = State.EXTENSION;
                        } else if (digits && b == '\n') {
                            sizeEnds();
                        } else {
                            state = State.MALFORMED;
                        }
                    }
                    case EXTENSION -> {
                        if (b == '\n') {
                            sizeEnds();
                        }
                    }
                    case DATA_END -> {
                        if (b == '\n') {
                            state = State.SIZE;
                            size = 0;
                            digits = false;
                        } else if (b != '\r') {
                            state = State.MALFORMED;
                        }
                    }
                    // The JDK server reads no trailer fields: a body with them is refused as malformed.
                    case TRAILER_START -> state = b == '\n' ? State.DONE : b == '\r' ? State.TRAILER_START
                            : State.MALFORMED;
                    default -> throw new IllegalStateException(state.name());
                }
            }
            return i - from;
        }

        private void sizeEnds() {
            state = size == 0 ? State.TRAILER_START : State.DATA;
        }

        boolean done() {
            return state == State.DONE;
        }

        boolean malformed() {
            return state == State.MALFORMED;
        }
    }

    /** A request head as checked by the gate: what goes to the JDK server and how its body is framed, or a refusal. */
    static final class Request {
        final byte[] head;
        final long contentLength;
        final boolean chunked;
        final boolean expectContinue;
        final int status;
        final String code;
        final String refusal;

        private Request(byte[] head, long contentLength, boolean chunked, boolean expectContinue, int status,
                        String code, String refusal) {
            this.head = head;
            this.contentLength = contentLength;
            this.chunked = chunked;
            this.expectContinue = expectContinue;
            this.status = status;
            this.code = code;
            this.refusal = refusal;
        }

        static Request refused(int status, String code, String message) {
            return new Request(null, 0, false, false, status, code, message);
        }
    }

    /** The head as the JDK server gets it ({@link #parse}), or {@code null} when the gate refuses it. */
    static byte[] rewrite(String head) {
        return parse(head).head;
    }

    /**
     * Checks a request head and rewrites it for the JDK server: the request line and the end-to-end headers as they
     * came, the hop-by-hop ones ({@code Connection}, {@code Upgrade}, what {@code Connection} names, ...) and
     * {@code Expect} dropped, {@code Content-Length} once, and {@code Connection: close} added. Refused, with the
     * host's error, what the JDK server would answer with an HTML page: a head that is not HTTP/1.x, a request
     * target that is not a URI, a {@code Content-Length} that is not one number, one together with
     * {@code Transfer-Encoding} (400), and a transfer coding other than {@code chunked} (501).
     */
    static Request parse(String head) {
        List<String> lines = new ArrayList<>();
        for (String line : head.split("\n", -1)) {
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        String requestLine = lines.get(0);
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || !isToken(parts[0]) || parts[1].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
            return malformed();
        }
        String target = parts[1];
        try {
            URI uri = new URI(target);
            if (!target.startsWith("/") && !(uri.isAbsolute() && uri.getRawPath() != null
                    && uri.getRawPath().startsWith("/"))) {
                return badTarget(target);
            }
        } catch (URISyntaxException e) {
            return badTarget(target);
        }
        Set<String> dropped = new HashSet<>(HOP_BY_HOP);
        List<String[]> headers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (headers.isEmpty()) {
                    return malformed();
                }
                String[] last = headers.get(headers.size() - 1);
                last[1] = last[1] + " " + line.trim();
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                return malformed();
            }
            headers.add(new String[]{line.substring(0, colon), line.substring(colon + 1).trim()});
        }
        long contentLength = -1;
        List<String> codings = new ArrayList<>();
        boolean expectContinue = false;
        for (String[] header : headers) {
            String name = header[0].toLowerCase(Locale.ROOT);
            switch (name) {
                case "connection" -> {
                    for (String token : header[1].split(",")) {
                        dropped.add(token.trim().toLowerCase(Locale.ROOT));
                    }
                }
                case "content-length" -> {
                    long length = length(header[1]);
                    if (length < 0) {
                        return Request.refused(400, "MALFORMED_REQUEST", "Content-Length must be one number of"
                                + " bytes, was '" + shorten(header[1]) + "'");
                    }
                    if (contentLength >= 0 && contentLength != length) {
                        return Request.refused(400, "MALFORMED_REQUEST", "the request has Content-Length "
                                + contentLength + " and " + length);
                    }
                    contentLength = length;
                }
                case "transfer-encoding" -> {
                    for (String coding : header[1].split(",", -1)) {
                        codings.add(coding.trim().toLowerCase(Locale.ROOT));
                    }
                }
                case "expect" -> expectContinue |= header[1].equalsIgnoreCase("100-continue");
                default -> {
                    // Passed on as it is.
                }
            }
        }
        boolean chunked = !codings.isEmpty();
        if (chunked && contentLength >= 0) {
            return Request.refused(400, "MALFORMED_REQUEST", "a request may have Content-Length or"
                    + " Transfer-Encoding, not both");
        }
        if (chunked && !codings.equals(List.of("chunked"))) {
            return Request.refused(501, "NOT_IMPLEMENTED", "Transfer-Encoding '" + shorten(String.join(", ",
                    codings)) + "' is not supported: send the body with Content-Length, or chunked only");
        }
        StringBuilder out = new StringBuilder(head.length() + 32).append(requestLine).append("\r\n");
        boolean framed = false;
        for (String[] header : headers) {
            String name = header[0].toLowerCase(Locale.ROOT);
            if (name.equals("content-length") || name.equals("transfer-encoding")) {
                if (!framed) {
                    out.append(chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + contentLength)
                            .append("\r\n");
                    framed = true;
                }
            } else if (!dropped.contains(name)) {
                out.append(header[0]).append(": ").append(header[1]).append("\r\n");
            }
        }
        out.append("Connection: close\r\n\r\n");
        return new Request(out.toString().getBytes(StandardCharsets.ISO_8859_1), Math.max(0, contentLength), chunked,
                expectContinue, 0, null, null);
    }

    private static Request malformed() {
        return Request.refused(400, "MALFORMED_REQUEST", "the request line or a header is not HTTP/1.1");
    }

    private static Request badTarget(String target) {
        return Request.refused(400, "MALFORMED_REQUEST", "the request target '" + shorten(target)
                + "' is not a path with valid %-escapes");
    }

    /** A {@code Content-Length} value as a number, or {@code -1} when it is not digits only or too large. */
    private static long length(String value) {
        if (value.isEmpty() || value.length() > 18) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(value);
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                return false;
            }
        }
        return true;
    }

    private static String shorten(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 408 -> "Request Timeout";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
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
