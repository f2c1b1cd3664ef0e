package io.outbound.campaign.samples.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio as the sample host meets it, on 127.0.0.1: accepts call requests ({@code 201} with a call SID), then posts
 * the call's status callbacks over real HTTP to the request's {@code StatusCallback} URL, signed with the account's
 * auth token by its own HMAC code: {@code ringing}, then {@code completed}, {@code busy} or {@code no-answer} as
 * scripted per number, then the final one a second time, as Twilio may repeat it. Numbers made silent get no
 * callback at all, so their calls stay in flight.
 */
final class TwilioCarrier implements AutoCloseable {
    /** One status callback posted, and what the host answered. */
    record Posted(String to, String status, int answer) {
    }

    private final String accountSid;
    private final String authToken;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "twilio-carrier");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, List<String>> endings = new ConcurrentHashMap<>();
    private final Set<String> silent = ConcurrentHashMap.newKeySet();
    private final List<Map<String, String>> callRequests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<Posted> posted = new CopyOnWriteArrayList<>();

    TwilioCarrier(String accountSid, String authToken) throws IOException {
        this.accountSid = accountSid;
        this.authToken = authToken;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/2010-04-01/Accounts/" + accountSid + "/Calls.json", this::createCall);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How a call to the number ends: {@code CallStatus} and {@code AnsweredBy} (or null). Default human, completed. */
    void ends(String number, String callStatus, String answeredBy) {
        List<String> ending = new ArrayList<>();
        ending.add(callStatus);
        ending.add(answeredBy);
        endings.put(number, ending);
    }

    void silent(String number) {
        silent.add(number);
    }

    List<Map<String, String>> callRequests() {
        return List.copyOf(callRequests);
    }

    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    List<Posted> posted() {
        return List.copyOf(posted);
    }

    private void createCall(HttpExchange exchange) throws IOException {
        Map<String, String> form = decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        callRequests.add(form);
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        String callSid = String.format("CA%032x", callRequests.size());
        byte[] body = ("{\"sid\":\"" + callSid + "\",\"status\":\"queued\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(201, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        if (!silent.contains(form.get("To"))) {
            executor.execute(() -> callBack(form, callSid));
        }
    }

    private void callBack(Map<String, String> call, String callSid) {
        List<String> ending = endings.getOrDefault(call.get("To"), List.of("completed", "human"));
        post(call, callSid, "ringing", null);
        post(call, callSid, ending.get(0), ending.get(1));
        post(call, callSid, ending.get(0), ending.get(1));
    }

    private void post(Map<String, String> call, String callSid, String status, String answeredBy) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", accountSid);
        form.put("CallSid", callSid);
        form.put("From", call.get("From"));
        form.put("To", call.get("To"));
        form.put("Direction", "outbound-api");
        form.put("CallStatus", status);
        form.put("CallDuration", status.equals("completed") ? "37" : "0");
        if (answeredBy != null) {
            form.put("AnsweredBy", answeredBy);
        }
        String url = call.get("StatusCallback");
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", sign(url, form))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            posted.add(new Posted(call.get("To"), status, answer.statusCode()));
        } catch (IOException e) {
            posted.add(new Posted(call.get("To"), status, -1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Twilio's signature, written here apart from the module's: URL, then names and values sorted by name. */
    String sign(String url, Map<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> decode(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
