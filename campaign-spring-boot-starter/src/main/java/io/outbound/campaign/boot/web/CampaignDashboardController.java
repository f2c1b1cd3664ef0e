package io.outbound.campaign.boot.web;

import io.outbound.campaign.dashboard.Dashboard;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's dashboard ({@link Dashboard}) at {@code campaign.dashboard.path} (default
 * {@code /campaign-dashboard}): {@code {path}/} and {@code {path}/index.html} answer the page, {@code {path}/dashboard.js}
 * and {@code {path}/dashboard.css} its script and style sheet, {@code {path}} redirects to {@code {path}/}; any other
 * name is {@code 404} and any method but {@code GET} and {@code HEAD} {@code 405}.
 *
 * <p><b>Authentication is the application's.</b> This controller adds none: the files hold no data, and the page
 * calls the campaign endpoints with the user's own session (its cookies go with the page's same-origin requests), so
 * the application's security (its Spring Security filter chain) covers the dashboard's path and the endpoints as it
 * covers any other path, and the {@link CampaignOrganisationResolver} says whose campaigns the user sees. When the
 * request carries Spring Security's CSRF token, the page is told its header and value and adds them to every change.
 * The page's API base is the servlet context path, so an application under {@code /ops} serves the endpoints the page
 * calls under {@code /ops} too.
 *
 * <p>Every file goes with a {@code Content-Security-Policy} allowing scripts, styles and requests only to this origin
 * (and to {@code campaign.dashboard.connect-sources}), {@code X-Content-Type-Options: nosniff} and
 * {@code Referrer-Policy: no-referrer}; the page with {@code Cache-Control: no-store}, since it carries the user's
 * CSRF token.
 */
@RestController
@RequestMapping("${campaign.dashboard.path:/campaign-dashboard}")
public class CampaignDashboardController {
    private static final String ALLOW = "GET, HEAD";

    private final String path;
    private final String policy;

    /**
     * @param path           where the dashboard is served, as {@code campaign.dashboard.path}
     * @param connectSources further origins the page may send requests to ({@code campaign.dashboard.connect-sources})
     * @throws IllegalArgumentException naming a source that is not {@code http(s)://host[:port]}
     */
    public CampaignDashboardController(String path, List<String> connectSources) {
        this.path = path;
        this.policy = Dashboard.contentSecurityPolicy(connectSources.toArray(String[]::new));
    }

    @RequestMapping("")
    ResponseEntity<byte[]> folder(HttpServletRequest request) {
        if (!readOnly(request)) {
            return JsonReplies.methodNotAllowed(request.getMethod(), path, ALLOW);
        }
        return ResponseEntity.status(308).location(URI.create(request.getContextPath() + path + "/")).build();
    }

    @RequestMapping({"/", "/" + Dashboard.INDEX})
    ResponseEntity<byte[]> index(HttpServletRequest request) {
        if (!readOnly(request)) {
            return JsonReplies.methodNotAllowed(request.getMethod(), path + "/", ALLOW);
        }
        Dashboard.Settings settings;
        try {
            settings = HostCsrfToken.addTo(Dashboard.Settings.host(request.getContextPath()), request);
        } catch (IllegalArgumentException e) {
            return JsonReplies.error(500, "DASHBOARD_UNAVAILABLE", "the dashboard cannot be served under this"
                    + " application's context path or CSRF header: " + e.getMessage(), List.of());
        }
        return file(Dashboard.index(settings), CacheControl.noStore());
    }

    @RequestMapping("/{name}")
    ResponseEntity<byte[]> asset(HttpServletRequest request, @PathVariable("name") String name) {
        Optional<Dashboard.Asset> asset = Dashboard.asset(name);
        if (asset.isEmpty()) {
            return JsonReplies.error(404, "NOT_FOUND", "the dashboard has no file '" + shown(name) + "'", List.of());
        }
        if (!readOnly(request)) {
            return JsonReplies.methodNotAllowed(request.getMethod(), path + "/" + name, ALLOW);
        }
        // Revalidated on every load: a new version of the jar must not meet a cached script of the old one.
        return file(asset.get(), CacheControl.noCache());
    }

    private ResponseEntity<byte[]> file(Dashboard.Asset asset, CacheControl cache) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(asset.contentType()))
                .cacheControl(cache)
                .header("Content-Security-Policy", policy)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .body(asset.bytes());
    }

    private static boolean readOnly(HttpServletRequest request) {
        return request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
    }

    private static String shown(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "…";
    }
}
