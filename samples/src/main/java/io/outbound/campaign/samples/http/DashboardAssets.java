package io.outbound.campaign.samples.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.outbound.campaign.dashboard.Dashboard;
import java.io.IOException;
import java.util.Optional;

/**
 * The operator's dashboard ({@code campaign-dashboard}) at {@code /dashboard/}. The files hold no data and need no
 * key; the page asks for the API key (or takes {@code ?key=}), keeps it in the tab's session storage and calls the
 * public endpoints with it as a bearer token, like the live page. Only the dashboard's own names are served, so no
 * path can reach anything else on the classpath.
 */
final class DashboardAssets implements HttpHandler {
    /** Where the dashboard lives. */
    static final String PREFIX = "/dashboard/";
    private static final String POLICY = Dashboard.contentSecurityPolicy();

    private final Dashboard.Asset index = Dashboard.index(Dashboard.Settings.apiKey(""));

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (path.equals("/dashboard")) {
            HttpReplies.header(exchange, "Location", PREFIX);
            HttpReplies.bytes(exchange, 308, "text/plain; charset=utf-8", new byte[0]);
            return;
        }
        String name = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : null;
        Optional<Dashboard.Asset> asset = name == null ? Optional.empty()
                : name.isEmpty() || name.equals(Dashboard.INDEX) ? Optional.of(index) : Dashboard.asset(name);
        if (asset.isEmpty()) {
            throw HttpFailure.noRoute(method, path);
        }
        if (!method.equals("GET")) {
            throw HttpFailure.methodNotAllowed(method, path, "GET");
        }
        HttpReplies.header(exchange, "Content-Security-Policy", POLICY);
        HttpReplies.header(exchange, "Referrer-Policy", "no-referrer");
        HttpReplies.header(exchange, "X-Content-Type-Options", "nosniff");
        HttpReplies.bytes(exchange, 200, asset.get().contentType(), asset.get().bytes());
    }
}
