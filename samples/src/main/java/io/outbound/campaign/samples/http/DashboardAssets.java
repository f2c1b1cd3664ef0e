package io.outbound.campaign.samples.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The operator's dashboard at {@code /dashboard/}: three static files from the jar (no build step), read once. The
 * files hold no data and need no key; the script asks for the API key (or takes {@code ?key=}), keeps it in the tab's
 * session storage and calls the public endpoints with it as a bearer token, like the live page. Only the listed
 * files are served, so no path can reach anything else on the classpath.
 */
final class DashboardAssets implements HttpHandler {
    /** Where the dashboard lives. */
    static final String PREFIX = "/dashboard/";
    private static final String RESOURCES = "dashboard/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8");
    /**
     * Everything from this host only, no inline script or style, no plugins, no framing: a name that got into the
     * page as markup still could not run.
     */
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private final Map<String, byte[]> contents;

    DashboardAssets() {
        java.util.HashMap<String, byte[]> read = new java.util.HashMap<>();
        for (String name : FILES.keySet()) {
            try (InputStream in = DashboardAssets.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCES + name + " is missing from the jar");
                }
                read.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        this.contents = Map.copyOf(read);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (path.equals("/dashboard")) {
            HttpReplies.header(exchange, "Location", PREFIX);
            HttpReplies.bytes(exchange, 308, "text/plain; charset=utf-8", new byte[0]);
            return;
        }
        String name = path.equals(PREFIX) ? "index.html" : path.substring(PREFIX.length());
        if (!path.startsWith(PREFIX) || !FILES.containsKey(name)) {
            throw HttpFailure.noRoute(method, path);
        }
        if (!method.equals("GET")) {
            throw HttpFailure.methodNotAllowed(method, path, "GET");
        }
        HttpReplies.header(exchange, "Content-Security-Policy", POLICY);
        HttpReplies.header(exchange, "Referrer-Policy", "no-referrer");
        HttpReplies.header(exchange, "X-Content-Type-Options", "nosniff");
        HttpReplies.bytes(exchange, 200, FILES.get(name), contents.get(name));
    }
}
