package io.outbound.campaign.samples.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outbound.campaign.samples.SampleBackend;
import io.outbound.campaign.samples.SimulatedTelephony;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The sample host on a random port of 127.0.0.1, on the sample backend with quick simulated calls, and a client
 * that speaks to it over real HTTP. Two organisations: {@link #KEY_A} and {@link #KEY_B}.
 */
final class HostUnderTest implements AutoCloseable {
    static final String KEY_A = "key-of-organisation-a-0001";
    static final String KEY_B = "key-of-organisation-b-0002";
    static final ObjectMapper JSON = new ObjectMapper();

    final SampleBackend backend;
    final CampaignHttpHost host;
    final URI base;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "test-poller");
        thread.setDaemon(true);
        return thread;
    });

    HostUnderTest(Path dir, long maxUploadBytes) throws IOException {
        this(dir, maxUploadBytes, UnaryOperator.identity());
    }

    /** A host whose builder the test adjusts (timeouts, limits) after the usual settings. */
    HostUnderTest(Path dir, long maxUploadBytes, UnaryOperator<CampaignHttpHost.Builder> settings) throws IOException {
        this(dir, maxUploadBytes, (base, backend) -> backend.telephony(SimulatedTelephony.builder()
                .callDuration(Duration.ofMillis(5), Duration.ofMillis(20)).seed(7).build()),
                (backend, host) -> settings.apply(host));
    }

    /**
     * A host whose backend (given the host's base URL: its telephony, caller numbers) and whose host builder (given
     * the backend: its outcome routes) the test sets up after the usual settings.
     */
    HostUnderTest(Path dir, long maxUploadBytes,
                  BiFunction<URI, SampleBackend.Builder, SampleBackend.Builder> backendSettings,
                  BiFunction<SampleBackend, CampaignHttpHost.Builder, CampaignHttpHost.Builder> hostSettings)
            throws IOException {
        ServerSocketChannel listener = CampaignHttpHost.bind(new InetSocketAddress("127.0.0.1", 0));
        base = CampaignHttpHost.baseUrl(listener);
        backend = backendSettings.apply(base, SampleBackend.builder(dir.resolve("files")).baseUrl(base))
                .build()
                .start();
        host = hostSettings.apply(backend, CampaignHttpHost.builder(listener, backend.campaigns(), backend.files(),
                        ApiKeys.of(Map.of(KEY_A, "org-a", KEY_B, "org-b")))
                .maxUploadBytes(maxUploadBytes)
                .suppressions(backend.engine().suppressions()))
                .build()
                .start();
    }

    HttpResponse<String> send(String method, String path, String body, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** The JSON of a request that must answer with the status. */
    JsonNode expect(int status, String method, String path, String body, String key) {
        HttpResponse<String> response = send(method, path, body, key);
        assertThat(response.statusCode()).as("%s %s answered %s", method, path, response.body()).isEqualTo(status);
        return json(response);
    }

    /** Uploads a CSV through a presigned URL and returns the key to create a campaign with. */
    String upload(String key, String name, String csv) {
        JsonNode ticket = expect(200, "POST", "/files/upload-url", "{\"key\":\"" + name + "\"}", key);
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(ticket.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofString(csv)).header("Content-Type", "text/csv").build());
        assertThat(put.statusCode()).as("upload answered %s", put.body()).isEqualTo(200);
        return ticket.get("key").asText();
    }

    /** Creates a campaign over the uploaded contacts and returns its id. */
    long create(String key, String fileKey, String name, String retryConfig) {
        String body = "{\"name\":\"" + name + "\",\"workflow_id\":247,\"contacts_file_key\":\"" + fileKey
                + "\",\"max_concurrency\":10" + (retryConfig == null ? "" : ",\"retry_config\":" + retryConfig) + "}";
        return expect(201, "POST", "/campaign/create", body, key).get("id").asLong();
    }

    /**
     * Polls the progress endpoint until the predicate holds, without sleeping the test thread: a scheduler
     * polls into a future that the test awaits with a timeout.
     */
    JsonNode awaitProgress(String key, long id, Predicate<JsonNode> done, Duration timeout) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        ScheduledFuture<?> polling = poller.scheduleWithFixedDelay(() -> {
            try {
                JsonNode progress = json(send("GET", "/campaign/" + id + "/progress", null, key));
                if (done.test(progress)) {
                    result.complete(progress);
                }
            } catch (RuntimeException | AssertionError e) {
                result.completeExceptionally(e);
            }
        }, 0, 25, TimeUnit.MILLISECONDS);
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("campaign " + id + " did not get there within " + timeout + "; progress "
                    + send("GET", "/campaign/" + id + "/progress", null, key).body());
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            polling.cancel(false);
        }
    }

    JsonNode awaitStatus(String key, long id, String status) {
        return awaitProgress(key, id, p -> p.get("status").asText().equals(status), Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        poller.shutdownNow();
        host.close();
        backend.close();
    }
}
