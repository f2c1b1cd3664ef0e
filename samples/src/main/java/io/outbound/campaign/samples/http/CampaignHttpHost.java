package io.outbound.campaign.samples.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.outbound.campaign.CallReports;
import io.outbound.campaign.CampaignService;
import io.outbound.campaign.Suppressions;
import io.outbound.campaign.LocalFileStore;
import io.outbound.campaign.twilio.TwilioStatusCallbacks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

/**
 * The campaign endpoints over HTTP on the JDK's own server ({@code com.sun.net.httpserver}): the twelve routes of
 * the service under {@code /campaign} (and {@code GET /campaign/{id}/activity}), presigned file uploads and downloads
 * under {@code /files}, a live page at {@code /} and the operator's dashboard at {@code /dashboard/}. Call outcomes come in through {@code POST /webhooks/twilio} (Twilio's signed status
 * callbacks, when {@link Builder#twilioCallbacks} is given) and {@code POST /calls/{session_id}/result} (any other
 * carrier, with the host's API key, when {@link Builder#callResults} is given).
 *
 * <pre>{@code
 * ServerSocketChannel listener = CampaignHttpHost.bind(new InetSocketAddress("127.0.0.1", 0));
 * URI base = CampaignHttpHost.baseUrl(listener);            // presigned URLs point here
 * ... build the engine with LocalFileStore.builder(dir).baseUrl(base) ...
 * CampaignHttpHost host = CampaignHttpHost.builder(listener, engine.campaigns(), files, keys).build().start();
 * }</pre>
 *
 * <p>Binding comes first so that a host on port 0 knows its port before the file store signs URLs with it.
 *
 * <p>Slow and silent clients: the listening socket belongs to a {@link ConnectionGate} that reads every request's
 * line and headers on one thread without holding a thread per connection, answers {@code 408} to a client whose
 * head has not arrived within {@link Builder#requestHeadTimeout requestHeadTimeout} (default 10 s), closes a
 * connection on which nothing moves for {@link Builder#idleTimeout idleTimeout} (default 60 s), and hands only
 * complete heads to the JDK server, which listens on a loopback port of its own. A body of up to 64 KiB is collected
 * at the gate too before the request goes on; a body must arrive within
 * {@link Builder#requestBodyTimeout requestBodyTimeout} (default 30 s) or, after that, at an average of at least
 * {@link Builder#minRequestBodyBytesPerSecond minRequestBodyBytesPerSecond} (default 4 KiB/s), or it is answered
 * {@code 408}; and once an answer begins, the rest of an unread body is dropped at the gate instead of drained by the
 * handler's thread. Half-open connections and slow bodies therefore cost a socket each, and never hold one of the
 * {@link Builder#threads threads} that serve requests for longer than the body limits allow.
 */
public final class CampaignHttpHost implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final ConnectionGate gate;
    private final ServerSocketChannel listener;

    private CampaignHttpHost(Builder builder) throws IOException {
        this.listener = builder.listener;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(builder.threads, new NamedThreads());
        server.setExecutor(executor);
        List<HttpContext> contexts = new ArrayList<>(List.of(
                server.createContext("/campaign", new ErrorMapping(
                        new CampaignRoutes(builder.campaigns, builder.keys, builder.maxJsonBytes))),
                server.createContext("/files", new ErrorMapping(
                        new FileRoutes(builder.files, builder.keys, builder.maxJsonBytes, builder.maxUploadBytes))),
                server.createContext("/dashboard", new ErrorMapping(new DashboardAssets())),
                server.createContext("/", new ErrorMapping(new LivePage()))));
        if (builder.suppressions != null) {
            contexts.add(server.createContext("/suppressions", new ErrorMapping(
                    new SuppressionRoutes(builder.suppressions, builder.keys, builder.maxJsonBytes))));
        }
        if (builder.twilioCallbacks != null) {
            URI publicBase = builder.publicBaseUrl != null ? builder.publicBaseUrl : baseUrl(builder.listener);
            contexts.add(server.createContext(TwilioWebhookRoute.PATH, new ErrorMapping(
                    new TwilioWebhookRoute(builder.twilioCallbacks, publicBase))));
        }
        if (builder.callReports != null) {
            contexts.add(server.createContext("/calls/", new ErrorMapping(new CallResultRoute(builder.callReports,
                    builder.sessionBelongsTo, builder.keys, builder.maxJsonBytes))));
        }
        // The gate hands each request over on a connection of its own and closes it after the answer: the client
        // must hear so, or it would send its next request down a connection that is about to close.
        contexts.forEach(context -> context.getFilters().add(Filter.beforeHandler("one request per connection",
                exchange -> exchange.getResponseHeaders().set("Connection", "close"))));
        try {
            this.gate = new ConnectionGate(listener, server.getAddress(), builder.requestHeadTimeout,
                    builder.idleTimeout, builder.requestBodyTimeout, builder.minRequestBodyBytesPerSecond,
                    builder.maxHeadBytes, builder.maxConnections);
        } catch (IOException e) {
            server.stop(0);
            executor.shutdown();
            throw e;
        }
    }

    /**
     * Binds the host's listening socket to the address (port 0 for any free port) without accepting connections.
     *
     * @throws IOException when the address cannot be bound
     */
    public static ServerSocketChannel bind(InetSocketAddress address) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.bind(address, 1024);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        return listener;
    }

    /** {@code http://host:port} of a bound listening socket. */
    public static URI baseUrl(ServerSocketChannel listener) {
        InetSocketAddress address;
        try {
            address = (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (address == null) {
            throw new IllegalStateException("the listener is not bound: call CampaignHttpHost.bind first");
        }
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort());
    }

    /** A builder over a bound listening socket; all four arguments are required. */
    public static Builder builder(ServerSocketChannel listener, CampaignService campaigns, LocalFileStore files,
                                  ApiKeys keys) {
        return new Builder(listener, campaigns, files, keys);
    }

    /**
     * Starts serving.
     *
     * @throws UncheckedIOException when the listening socket cannot accept connections
     */
    public CampaignHttpHost start() {
        server.start();
        try {
            gate.start();
        } catch (IOException e) {
            server.stop(0);
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Where the host listens. */
    public URI baseUrl() {
        return baseUrl(listener);
    }

    /**
     * Stops accepting connections and closes the open ones, lets running exchanges finish for up to a second, and
     * stops its threads.
     */
    @Override
    public void close() {
        gate.close();
        server.stop(1);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds a {@link CampaignHttpHost}. */
    public static final class Builder {
        /** The largest JSON request body: 1 MiB. */
        public static final long DEFAULT_MAX_JSON_BYTES = 1L << 20;
        /** The largest uploaded contact file: 100 MiB. */
        public static final long DEFAULT_MAX_UPLOAD_BYTES = 100L << 20;
        /** Requests served at once, once their line and headers have arrived. */
        public static final int DEFAULT_THREADS = 16;
        /** How long a client has to send a request's line and headers: 10 seconds. */
        public static final Duration DEFAULT_REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(10);
        /** How long a connection may carry nothing either way before it is closed: 60 seconds. */
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
        /** How long a request's body may take before it must keep up the minimum rate: 30 seconds. */
        public static final Duration DEFAULT_REQUEST_BODY_TIMEOUT = Duration.ofSeconds(30);
        /** The slowest average rate a body may arrive at once the body timeout has passed: 4 KiB/s. */
        public static final int DEFAULT_MIN_REQUEST_BODY_BYTES_PER_SECOND = 4 * 1024;
        /** The longest request line and headers together: 64 KiB. */
        public static final int DEFAULT_MAX_HEAD_BYTES = 64 * 1024;
        /** Connections open at once; more are closed as they arrive. */
        public static final int DEFAULT_MAX_CONNECTIONS = 512;

        private final ServerSocketChannel listener;
        private final CampaignService campaigns;
        private final LocalFileStore files;
        private final ApiKeys keys;
        private long maxJsonBytes = DEFAULT_MAX_JSON_BYTES;
        private long maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES;
        private int threads = DEFAULT_THREADS;
        private Duration requestHeadTimeout = DEFAULT_REQUEST_HEAD_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration requestBodyTimeout = DEFAULT_REQUEST_BODY_TIMEOUT;
        private int minRequestBodyBytesPerSecond = DEFAULT_MIN_REQUEST_BODY_BYTES_PER_SECOND;
        private int maxHeadBytes = DEFAULT_MAX_HEAD_BYTES;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Suppressions suppressions;
        private TwilioStatusCallbacks twilioCallbacks;
        private URI publicBaseUrl;
        private CallReports callReports;
        private BiPredicate<String, String> sessionBelongsTo;

        private Builder(ServerSocketChannel listener, CampaignService campaigns, LocalFileStore files, ApiKeys keys) {
            this.listener = Objects.requireNonNull(listener, "listener");
            this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
            this.files = Objects.requireNonNull(files, "files");
            this.keys = Objects.requireNonNull(keys, "keys");
        }

        /** The largest JSON body accepted; larger is 413. Default 1 MiB. */
        public Builder maxJsonBytes(long maxJsonBytes) {
            this.maxJsonBytes = positive("maxJsonBytes", maxJsonBytes);
            return this;
        }

        /** The largest uploaded file accepted; larger is 413. Default 100 MiB. */
        public Builder maxUploadBytes(long maxUploadBytes) {
            this.maxUploadBytes = positive("maxUploadBytes", maxUploadBytes);
            return this;
        }

        /** How many requests are served at once. Default {@value #DEFAULT_THREADS}. */
        public Builder threads(int threads) {
            this.threads = (int) positive("threads", threads);
            return this;
        }

        /**
         * How long a client has from connecting until its request line and headers have all arrived; a client
         * slower than that is answered 408 and disconnected. Default 10 seconds.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder requestHeadTimeout(Duration requestHeadTimeout) {
            this.requestHeadTimeout = positive("requestHeadTimeout", requestHeadTimeout);
            return this;
        }

        /**
         * How long a connection may carry no byte in either direction (a body that stopped coming, a response that
         * is not read) before it is closed. It bounds the gaps, not the total: a large upload over a slow link
         * completes. Default 60 seconds.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = positive("idleTimeout", idleTimeout);
            return this;
        }

        /**
         * How long a request's body has, from the end of its head, to arrive whatever its rate; after that it must
         * have come at an average of at least {@link #minRequestBodyBytesPerSecond} since its head, or it is answered
         * 408 and the connection closes (a handler reading it sees the body end). Default 30 seconds: a 1 MiB JSON
         * body at 4 KiB/s takes 256 s and passes, a body that trickles a byte a second is cut after 30 s.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder requestBodyTimeout(Duration requestBodyTimeout) {
            this.requestBodyTimeout = positive("requestBodyTimeout", requestBodyTimeout);
            return this;
        }

        /**
         * The slowest average rate, in bytes a second since the head, that a body still arriving after
         * {@link #requestBodyTimeout} may keep. Default {@value #DEFAULT_MIN_REQUEST_BODY_BYTES_PER_SECOND}.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder minRequestBodyBytesPerSecond(int minRequestBodyBytesPerSecond) {
            this.minRequestBodyBytesPerSecond = (int) positive("minRequestBodyBytesPerSecond",
                    minRequestBodyBytesPerSecond);
            return this;
        }

        /** The longest request line and headers together; longer is 431. Default 64 KiB. */
        public Builder maxHeadBytes(int maxHeadBytes) {
            this.maxHeadBytes = (int) positive("maxHeadBytes", maxHeadBytes);
            return this;
        }

        /**
         * How many connections may be open at once, whatever they are doing; more are closed as they arrive. Each
         * request being served uses three file descriptors, so keep the process's open-file limit above three times
         * this. Default {@value #DEFAULT_MAX_CONNECTIONS}.
         */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = (int) positive("maxConnections", maxConnections);
            return this;
        }

        /**
         * Serves {@code POST /webhooks/twilio}: Twilio's status callbacks, verified by their signature (no API key)
         * and recorded by the callbacks. Without it the route does not exist.
         */
        public Builder twilioCallbacks(TwilioStatusCallbacks callbacks) {
            this.twilioCallbacks = Objects.requireNonNull(callbacks, "callbacks");
            return this;
        }

        /**
         * The scheme, host and port Twilio reaches this host at (a load balancer's or tunnel's), which the status
         * callback URL was built from and Twilio's signature covers; default the listening socket's
         * {@code http://host:port}.
         */
        public Builder publicBaseUrl(URI publicBaseUrl) {
            Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
            if (!publicBaseUrl.isAbsolute() || publicBaseUrl.getHost() == null
                    || (publicBaseUrl.getRawPath() != null && !publicBaseUrl.getRawPath().isEmpty()
                    && !publicBaseUrl.getRawPath().equals("/")) || publicBaseUrl.getRawQuery() != null) {
                throw new IllegalArgumentException("publicBaseUrl must be scheme://host[:port] only, was '"
                        + publicBaseUrl + "'");
            }
            this.publicBaseUrl = publicBaseUrl;
            return this;
        }

        /**
         * Serves {@code POST /calls/{session_id}/result} for carriers without a module: a {@code CallResult} in
         * JSON, authenticated with an API key, recorded only for sessions of the key's organisation. Without it the
         * route does not exist.
         *
         * @param reports          where outcomes are recorded: {@code engine.calls()}
         * @param sessionBelongsTo whether a session id is a session of an organisation's campaign
         */
        public Builder callResults(CallReports reports, BiPredicate<String, String> sessionBelongsTo) {
            this.callReports = Objects.requireNonNull(reports, "reports");
            this.sessionBelongsTo = Objects.requireNonNull(sessionBelongsTo, "sessionBelongsTo");
            return this;
        }

        /**
         * The host, not yet started.
         *
         * @throws UncheckedIOException when the JDK server behind the listening socket cannot be created
         */
        /**
         * Serves the organisations' suppression lists under {@code /suppressions} (see the README); without it the
         * host has no such routes.
         */
        public Builder suppressions(Suppressions suppressions) {
            this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
            return this;
        }

        public CampaignHttpHost build() {
            try {
                return new CampaignHttpHost(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        private static long positive(String name, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }

    private static final class NamedThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread thread = new Thread(r, "campaign-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
