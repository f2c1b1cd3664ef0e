package io.outbound.campaign.twilio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Twilio's REST API as the tests script it: the JDK's HTTP server on a random port of 127.0.0.1 answers call
 * requests with the answers queued, in order ({@code 201} with a call SID once the queue is empty), and keeps
 * every request it received.
 */
final class TwilioStandIn implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        Map<String, List<String>> form() {
            return FormData.decode(body);
        }
    }

    /** One scripted answer; {@code hold} keeps it back until released, as a server that does not answer. */
    record Answer(int status, String body, Map<String, String> headers, CountDownLatch hold) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "twilio-stand-in");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private final List<CountDownLatch> holds = new ArrayList<>();

    TwilioStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized TwilioStandIn answer(int status, String json) {
        script.add(new Answer(status, json, Map.of(), null));
        return this;
    }

    synchronized TwilioStandIn answer(int status, String json, Map<String, String> headers) {
        script.add(new Answer(status, json, headers, null));
        return this;
    }

    /** The next request gets no answer until {@link #close()}. */
    synchronized TwilioStandIn hang() {
        CountDownLatch hold = new CountDownLatch(1);
        holds.add(hold);
        script.add(new Answer(201, created(), Map.of(), hold));
        return this;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    static String created() {
        return "{\"sid\":\"CA0123456789abcdef0123456789abcdef\",\"status\":\"queued\"}";
    }

    private void handle(HttpExchange exchange) throws IOException {
        Answer answer;
        synchronized (this) {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            answer = script.isEmpty() ? new Answer(201, created(), Map.of(), null) : script.poll();
        }
        try {
            if (answer.hold() != null) {
                answer.hold().await(30, TimeUnit.SECONDS);
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up waiting: nothing to answer.
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            holds.forEach(CountDownLatch::countDown);
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
