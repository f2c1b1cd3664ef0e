package io.outbound.campaign.dashboard.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * A headless Chromium driven over the DevTools protocol with the JDK's own WebSocket client: it opens a page in
 * a new tab and evaluates JavaScript there, awaiting promises, so a test can wait for the page to reach a state
 * without sleeping.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LISTENING = "DevTools listening on ";

    private final Process process;
    private final Path userDataDir;
    private final Deque<String> log = new ArrayDeque<>();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final WebSocket socket;
    private String sessionId;

    /**
     * The Chromium binary for a test that needs it: {@code $CHROMIUM} when set, else {@code /usr/bin/chromium} or
     * chromium on the PATH. Where there is none the test is skipped with the reason, except under CI
     * ({@code CI=true}, as {@code .ci/run} sets it), where a browser test that did not run fails the build.
     */
    public static Path requireBinary() {
        Optional<Path> binary = find();
        if (binary.isPresent()) {
            return binary.get();
        }
        String configured = System.getenv("CHROMIUM");
        String reason = (configured == null || configured.isEmpty()
                ? "headless Chromium not found (/usr/bin/chromium or chromium on the PATH; $CHROMIUM is not set)"
                : "headless Chromium not found: $CHROMIUM=" + configured + " is not an executable file")
                + ": the live page's browser test cannot run; apt-get install chromium, or set $CHROMIUM";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(reason + " (CI=true: the browser test must run under CI)");
        }
        return Assumptions.abort(reason + " (skipped outside CI)");
    }

    /** The Chromium binary: {@code $CHROMIUM} when set, else {@code /usr/bin/chromium} or chromium on the PATH. */
    public static Optional<Path> find() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isEmpty()) {
            // An explicit choice is not silently replaced by another browser.
            Path chosen = Path.of(configured);
            return Files.isRegularFile(chosen) && Files.isExecutable(chosen) ? Optional.of(chosen) : Optional.empty();
        }
        if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            return Optional.of(Path.of("/usr/bin/chromium"));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    public HeadlessChromium(Path binary, Path userDataDir, Duration startTimeout) throws Exception {
        this.userDataDir = userDataDir;
        process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + userDataDir,
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> readLog(endpoint), "chromium-log");
        reader.setDaemon(true);
        reader.start();
        URI browser;
        try {
            browser = endpoint.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            close();
            throw new IllegalStateException("Chromium did not open its DevTools endpoint; its log: " + log(), e);
        }
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(browser, new Replies()).get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Opens the page in a new tab that later {@link #evaluate} calls run in. */
    public void open(URI page, Duration timeout) throws Exception {
        String target = call("Target.createTarget", Map.of("url", "about:blank"), null, timeout)
                .get("targetId").asText();
        sessionId = call("Target.attachToTarget", Map.of("targetId", target, "flatten", true), null, timeout)
                .get("sessionId").asText();
        // Page.navigate answers once the new document is committed, so evaluations run in the page, not in
        // the blank document it replaces.
        JsonNode navigation = call("Page.navigate", Map.of("url", page.toString()), sessionId, timeout);
        if (navigation.has("errorText")) {
            throw new AssertionError("Chromium could not open " + page + ": " + navigation.get("errorText"));
        }
    }

    /** Sizes the page's viewport as a screen of that many CSS pixels (a laptop: 1366 x 768). */
    public void viewport(int width, int height, Duration timeout) throws Exception {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false), sessionId, timeout);
    }

    /**
     * Runs the page in the IANA time zone, as a browser on a computer set to it would ({@code Date}, {@code Intl}
     * and form controls of local time follow it).
     */
    public void timezone(String zoneId, Duration timeout) throws Exception {
        call("Emulation.setTimezoneOverride", Map.of("timezoneId", zoneId), sessionId, timeout);
    }

    /** Types the text into the page's focused element, as a keyboard would (one input event for it all). */
    public void type(String text, Duration timeout) throws Exception {
        call("Input.insertText", Map.of("text", text), sessionId, timeout);
    }

    /** Writes a PNG of the whole page (not only the viewport) to the file. */
    public void screenshot(Path file, Duration timeout) throws Exception {
        JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true),
                sessionId, timeout);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, java.util.Base64.getDecoder().decode(shot.get("data").asText()));
    }

    /** Lets the page's downloads go to the directory, under the names the page gives them. */
    public void downloadTo(Path dir, Duration timeout) throws Exception {
        call("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", dir.toString()), null, timeout);
    }

    /** Presses a key as the keyboard would (down, then up) in the page's focused element. */
    public void press(String key, Duration timeout) throws Exception {
        int code = switch (key) {
            case "Tab" -> 9;
            case "Enter" -> 13;
            case " " -> 32;
            default -> throw new IllegalArgumentException("no key code for '" + key + "'");
        };
        Map<String, Object> down = new java.util.HashMap<>(Map.of("type", "keyDown", "key", key,
                "code", key.equals(" ") ? "Space" : key, "windowsVirtualKeyCode", code));
        if (key.equals("Enter")) {
            down.put("text", "\r");
        }
        call("Input.dispatchKeyEvent", down, sessionId, timeout);
        call("Input.dispatchKeyEvent", Map.of("type", "keyUp", "key", key, "code", key.equals(" ") ? "Space" : key,
                "windowsVirtualKeyCode", code), sessionId, timeout);
    }

    /**
     * Waits, polling in the page every 50 ms, until the expression is truthy, and returns its value as JSON; fails
     * with the expression and what the page shows once {@code timeout} has passed. A page that navigates meanwhile
     * is polled again in its new document, as {@link #evaluate} does.
     */
    public String waitFor(String expression, Duration timeout) throws Exception {
        return evaluate("""
                new Promise((resolve, reject) => {
                  const deadline = Date.now() + %d;
                  (function check() {
                    let value = null;
                    try { value = (%s); } catch (e) { value = null; }
                    if (value) {
                      resolve(JSON.stringify(value));
                    } else if (Date.now() > deadline) {
                      reject(new Error('waited in vain for: ' + %s + '; the page shows: '
                        + document.body.innerText.slice(0, 3000)));
                    } else {
                      setTimeout(check, 50);
                    }
                  })();
                })""".formatted(timeout.toMillis(), expression, JSON.writeValueAsString(expression)),
                timeout.plusSeconds(5));
    }

    /**
     * Evaluates an expression in the page, awaiting it when it is a promise.
     *
     * @return the value, which must be a string
     * @throws AssertionError when the expression throws or its promise rejects
     */
    public String evaluate(String expression, Duration timeout) throws Exception {
        JsonNode result = null;
        for (int attempt = 1; result == null; attempt++) {
            try {
                result = call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
                        "returnByValue", true), sessionId, timeout);
            } catch (AssertionError e) {
                // A document replaced under a running evaluation (a reload, a form's submission): the expression is
                // a pure wait, so it can run again in the new document. Chromium words it either way.
                String message = String.valueOf(e.getMessage());
                if (attempt == 3 || !(message.contains("context was destroyed")
                        || message.contains("target navigated or closed"))) {
                    throw e;
                }
            }
        }
        if (result.has("exceptionDetails")) {
            throw new AssertionError("the page's script failed: " + result.get("exceptionDetails"));
        }
        return result.get("result").get("value").asText();
    }

    private JsonNode call(String method, Map<String, Object> params, String session, Duration timeout)
            throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        JsonNode answer;
        try {
            answer = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(method + " got no answer within " + timeout + "; Chromium's log: " + log());
        } finally {
            pending.remove(id);
        }
        if (answer.has("error")) {
            throw new AssertionError(method + " failed: " + answer.get("error"));
        }
        return answer.get("result");
    }

    private void readLog(CompletableFuture<URI> endpoint) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (log) {
                    log.addLast(line);
                    if (log.size() > 40) {
                        log.removeFirst();
                    }
                }
                int at = line.indexOf(LISTENING);
                if (at >= 0) {
                    endpoint.complete(URI.create(line.substring(at + LISTENING.length()).trim()));
                }
            }
        } catch (IOException e) {
            endpoint.completeExceptionally(e);
        }
        endpoint.completeExceptionally(new IllegalStateException("Chromium exited"));
    }

    private String log() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeSocketDirectory();
    }

    /**
     * Chromium keeps its singleton socket in a directory of its own under the system's temporary directory,
     * linked from the profile; a killed browser leaves it behind.
     */
    private void removeSocketDirectory() {
        Path link = userDataDir.resolve("SingletonSocket");
        try {
            if (!Files.isSymbolicLink(link)) {
                return;
            }
            Path socketDir = Files.readSymbolicLink(link).getParent();
            Files.delete(link);
            if (socketDir != null && socketDir.getFileName().toString().startsWith("org.chromium.Chromium.")) {
                try (var files = Files.walk(socketDir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            // Only litter in the temporary directory is at stake.
        }
    }

    /** Collects the protocol's answers, which may arrive in several frames, and hands each to its caller. */
    private final class Replies implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> reply = pending.get(message.get("id").asInt());
                        if (reply != null) {
                            reply.complete(message);
                        }
                    }
                } catch (IOException e) {
                    pending.values().forEach(reply -> reply.completeExceptionally(e));
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
