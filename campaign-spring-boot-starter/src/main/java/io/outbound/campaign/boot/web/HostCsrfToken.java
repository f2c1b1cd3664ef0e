package io.outbound.campaign.boot.web;

import io.outbound.campaign.dashboard.Dashboard;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.util.ClassUtils;

/**
 * The CSRF header and token that a host secured with Spring Security expects on changes, read from the request
 * attribute its {@code CsrfFilter} sets ({@code org.springframework.security.web.csrf.CsrfToken}). Spring Security
 * is the host's choice: without it on the class path, or with CSRF protection off, there is no token and the page
 * sends none.
 */
final class HostCsrfToken {
    private static final boolean SPRING_SECURITY = ClassUtils.isPresent(
            "org.springframework.security.web.csrf.CsrfToken", HostCsrfToken.class.getClassLoader());

    private HostCsrfToken() {
    }

    /** The settings with the request's CSRF header and token added, when it has them. */
    static Dashboard.Settings addTo(Dashboard.Settings settings, HttpServletRequest request) {
        return SPRING_SECURITY ? SpringSecurity.addTo(settings, request) : settings;
    }

    /** Loaded only when Spring Security is there: it names its types. */
    private static final class SpringSecurity {
        static Dashboard.Settings addTo(Dashboard.Settings settings, HttpServletRequest request) {
            // The filter's token is deferred: reading it loads (or creates and saves) the session's token, which is
            // what a form would render; the value may be masked per request, and every masked value is accepted.
            if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token
                    && token.getToken() != null) {
                return settings.withCsrf(token.getHeaderName(), token.getToken());
            }
            return settings;
        }
    }
}
