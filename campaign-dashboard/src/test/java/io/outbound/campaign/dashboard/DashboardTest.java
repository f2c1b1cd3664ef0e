package io.outbound.campaign.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DashboardTest {

    @Test
    void theIndexCarriesTheHostsSettingsInItsMetaTags() {
        String page = text(Dashboard.index(Dashboard.Settings.host("/ops").withCsrf("X-XSRF-TOKEN", "a\"b<c>&'")));

        assertThat(page).contains("<meta name=\"campaign-dashboard-auth\" content=\"host\">")
                .contains("<meta name=\"campaign-dashboard-api-base\" content=\"/ops\">")
                .contains("<meta name=\"campaign-dashboard-csrf-header\" content=\"X-XSRF-TOKEN\">")
                .contains("<meta name=\"campaign-dashboard-csrf-token\" content=\"a&quot;b&lt;c&gt;&amp;&#39;\">")
                .doesNotContain("<!--settings-->");
        assertThat(text(Dashboard.index(Dashboard.Settings.apiKey(""))))
                .contains("<meta name=\"campaign-dashboard-auth\" content=\"api-key\">")
                .doesNotContain("csrf");
    }

    @Test
    void onlyTheScriptAndTheStyleSheetAreAssets() {
        assertThat(Dashboard.asset("dashboard.js")).get()
                .satisfies(a -> assertThat(a.contentType()).isEqualTo("text/javascript; charset=utf-8"));
        assertThat(Dashboard.asset("dashboard.css")).get()
                .satisfies(a -> assertThat(a.contentType()).isEqualTo("text/css; charset=utf-8"));
        for (String other : new String[] {"index.html", "", "Dashboard.class", "../dashboard.js", "dashboard.js/",
                "DASHBOARD.JS"}) {
            assertThat(Dashboard.asset(other)).as(other).isEmpty();
        }
        assertThat(Dashboard.asset(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "ops/", "/ops/", "//evil.example", "/a b", "/a\"", "/ops?x=1", "http://x"})
    void anApiBaseThatIsNotAPlainPathIsRefusedByName(String base) {
        assertThatThrownBy(() -> Dashboard.Settings.host(base))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiBase")
                .hasMessageContaining(base);
    }

    @Test
    void csrfSettingsAreCheckedAndBelongToTheHostsSession() {
        assertThatThrownBy(() -> Dashboard.Settings.host("").withCsrf("X-CSRF TOKEN", "t"))
                .hasMessageContaining("csrfHeader");
        assertThatThrownBy(() -> new Dashboard.Settings(Dashboard.Authentication.HOST, "", "X-CSRF-TOKEN", null))
                .hasMessageContaining("go together");
        assertThatThrownBy(() -> Dashboard.Settings.apiKey("").withCsrf("X-CSRF-TOKEN", "t"))
                .hasMessageContaining("Authentication.HOST");
    }

    @Test
    void thePolicyAllowsOnlyTheHostAndTheGivenUploadOrigins() {
        assertThat(Dashboard.contentSecurityPolicy())
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self';", "frame-ancestors 'none'");
        assertThat(Dashboard.contentSecurityPolicy("http://127.0.0.1:9000"))
                .contains("connect-src 'self' http://127.0.0.1:9000;");
        assertThatThrownBy(() -> Dashboard.contentSecurityPolicy("http://x; script-src *"))
                .hasMessageContaining("http://x; script-src *");
    }

    private static String text(Dashboard.Asset asset) {
        return new String(asset.bytes(), StandardCharsets.UTF_8);
    }
}
