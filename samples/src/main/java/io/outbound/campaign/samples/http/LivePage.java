package io.outbound.campaign.samples.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The live page at {@code /}: one static HTML file with its script inline, no build step. The page itself is
 * public and holds no data; its script reads the API key from {@code ?key=} (or asks for it), keeps it in the
 * tab's session storage, and calls {@code GET /campaign/} with it as a bearer token.
 */
final class LivePage implements HttpHandler {
    private static final String RESOURCE = "live-page.html";

    private final byte[] html;

    LivePage() {
        try (InputStream in = LivePage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
            }
            this.html = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/") && !path.equals("/index.html")) {
            throw HttpFailure.noRoute(method, path);
        }
        if (!method.equals("GET")) {
            throw HttpFailure.methodNotAllowed(method, path, "GET");
        }
        HttpReplies.header(exchange, "Content-Security-Policy",
                "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'");
        HttpReplies.header(exchange, "Referrer-Policy", "no-referrer");
        HttpReplies.bytes(exchange, 200, "text/html; charset=utf-8", html);
    }
}
