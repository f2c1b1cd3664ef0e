package io.outbound.campaign.samples.http;

import com.sun.net.httpserver.HttpServer;
import io.outbound.campaign.CampaignService;
import io.outbound.campaign.LocalFileStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The campaign endpoints over HTTP on the JDK's own server ({@code com.sun.net.httpserver}): the twelve routes of
 * the service under {@code /campaign}, presigned file uploads and downloads under {@code /files}, and a live
 * page at {@code /}.
 *
 * <pre>{@code
 * HttpServer server = CampaignHttpHost.bind(new InetSocketAddress("127.0.0.1", 0));
 * URI base = CampaignHttpHost.baseUrl(server);              // presigned URLs point here
 * ... build the engine with LocalFileStore.builder(dir).baseUrl(base) ...
 * CampaignHttpHost host = CampaignHttpHost.builder(server, engine.campaigns(), files, keys).build().start();
 * }</pre>
 *
 * <p>Binding comes first so that a host on port 0 knows its port before the file store signs URLs with it.
 */
public final class CampaignHttpHost implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private CampaignHttpHost(Builder builder) {
        this.server = builder.server;
        this.executor = Executors.newFixedThreadPool(builder.threads, new NamedThreads());
        server.setExecutor(executor);
        server.createContext("/campaign", new ErrorMapping(
                new CampaignRoutes(builder.campaigns, builder.keys, builder.maxJsonBytes)));
        server.createContext("/files", new ErrorMapping(
                new FileRoutes(builder.files, builder.keys, builder.maxJsonBytes, builder.maxUploadBytes)));
        server.createContext("/", new ErrorMapping(new LivePage()));
    }

    /**
     * Binds a server to the address (port 0 for any free port) without starting it.
     *
     * @throws IOException when the address cannot be bound
     */
    public static HttpServer bind(InetSocketAddress address) throws IOException {
        return HttpServer.create(address, 0);
    }

    /** {@code http://host:port} of a bound server. */
    public static URI baseUrl(HttpServer server) {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort());
    }

    /** A builder over a bound server; all four arguments are required. */
    public static Builder builder(HttpServer server, CampaignService campaigns, LocalFileStore files, ApiKeys keys) {
        return new Builder(server, campaigns, files, keys);
    }

    /** Starts serving. */
    public CampaignHttpHost start() {
        server.start();
        return this;
    }

    /** Where the host listens. */
    public URI baseUrl() {
        return baseUrl(server);
    }

    /** Stops accepting requests, lets running exchanges finish for up to a second, and stops its threads. */
    @Override
    public void close() {
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
        /** Requests served at once. */
        public static final int DEFAULT_THREADS = 16;

        private final HttpServer server;
        private final CampaignService campaigns;
        private final LocalFileStore files;
        private final ApiKeys keys;
        private long maxJsonBytes = DEFAULT_MAX_JSON_BYTES;
        private long maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES;
        private int threads = DEFAULT_THREADS;

        private Builder(HttpServer server, CampaignService campaigns, LocalFileStore files, ApiKeys keys) {
            this.server = Objects.requireNonNull(server, "server");
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

        /** The host, not yet started. */
        public CampaignHttpHost build() {
            return new CampaignHttpHost(this);
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
