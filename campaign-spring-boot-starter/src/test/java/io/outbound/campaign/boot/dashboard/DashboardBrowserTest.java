package io.outbound.campaign.boot.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.dashboard.browser.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard served by the starter, in headless Chromium over real HTTP on 127.0.0.1, behind the host's form
 * login: an operator signs in, creates a campaign from a CSV the page uploads through {@code /files/upload-url},
 * starts it and watches it reach 100%, every request carrying the host's session and CSRF token under the context
 * path {@code /ops}. Screenshots go to {@code target/dashboard-screenshots/}. Skipped where no Chromium is installed,
 * but failed under CI ({@code CI=true}).
 */
class DashboardBrowserTest extends SecuredHostTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final String CSV = "phone_number,first_name\n+14155552678,Kathleen\n+14155552674,Edsger\n"
            + "+14155552675,Barbara\n+14155552676,Donald\n+14155552677,Frances\n12345,Bad\n";

    @Autowired
    CampaignEngine engine;

    @TempDir
    Path browserProfile;

    @Test
    void an_operator_signs_in_through_the_host_and_runs_a_campaign_from_an_uploaded_csv() throws Exception {
        Path chromium = HeadlessChromium.requireBinary();
        try (HeadlessChromium browser = new HeadlessChromium(chromium, browserProfile, WAIT)) {
            browser.open(BASE.resolve("/ops/campaign-dashboard/"), WAIT);
            browser.viewport(1366, 768, WAIT);

            // The host, not the starter, asks who this is: its login form, then back to the dashboard.
            waitFor(browser, "document.getElementById('username') && location.pathname === '/ops/login'");
            screenshot(browser, "boot-1-host-login.png");
            browser.evaluate("""
                    (() => {
                      document.getElementById('username').value = 'ada';
                      document.getElementById('password').value = %s;
                      document.querySelector('button[type=submit]').click();
                      return 'sent';
                    })()""".formatted(js(SecuredHost.PASSWORD)), WAIT);
            waitFor(browser, "location.pathname === '/ops/campaign-dashboard/'"
                    + " && document.querySelector('#campaigns tbody tr')");

            // Create: the page uploads the CSV through the presigned URL, creates the draft, shows the summary.
            go(browser, "#/new", "#create-form");
            browser.evaluate("""
                    (() => {
                      document.getElementById('name').value = 'Spring push';
                      document.getElementById('concurrency').value = '3';
                      document.getElementById('retry-delay').value = '1';
                      const files = new DataTransfer();
                      files.items.add(new File([%s], 'spring contacts.csv', { type: 'text/csv' }));
                      document.getElementById('csv').files = files.files;
                      document.getElementById('create').click();
                      return 'sent';
                    })()""".formatted(js(CSV)), WAIT);
            JsonNode summary = json(waitFor(browser, """
                    document.getElementById('summary-counts') && {
                      accepted: document.querySelector('[data-field=accepted]').textContent,
                      rejected: document.querySelector('[data-field=rejected]').textContent
                    }"""));
            assertThat(summary.get("accepted").asText()).isEqualTo("5");
            assertThat(summary.get("rejected").asText()).isEqualTo("1");
            screenshot(browser, "boot-2-import-summary.png");

            // Start from the summary and follow the campaign to the end.
            browser.evaluate("document.getElementById('start-new').click(), 'sent'", WAIT);
            JsonNode done = json(waitFor(browser, """
                    document.querySelector('#progress[data-status=completed]') && {
                      percent: document.querySelector('#progress [role=progressbar]').getAttribute('aria-valuenow'),
                      text: document.getElementById('percent').textContent,
                      alert: document.getElementById('alert').textContent,
                      hash: location.hash
                    }"""));
            assertThat(done.get("percent").asText()).isEqualTo("100");
            assertThat(done.get("text").asText()).startsWith("100% done");
            assertThat(done.get("alert").asText()).as("no request was refused").isEmpty();
            screenshot(browser, "boot-3-campaign-completed.png");

            long id = Long.parseLong(done.get("hash").asText().replace("#/campaign/", ""));
            Campaign campaign = engine.campaigns().get("org-1", id);
            assertThat(campaign.name()).isEqualTo("Spring push");
            assertThat(campaign.contactsFileKey()).as("uploaded into the signed-in user's organisation")
                    .startsWith("orgs/org-1/dashboard/").endsWith("-spring_contacts.csv");
        }
    }

    private static void go(HeadlessChromium browser, String hash, String selector) throws Exception {
        browser.evaluate("location.hash = " + js(hash) + ", 'moved'", WAIT);
        waitFor(browser, "document.querySelector(" + js(selector) + ")");
    }

    /**
     * Waits, polling in the page, until the expression is truthy, and returns its value as JSON; fails with what the
     * page shows after 25 seconds.
     */
    private static String waitFor(HeadlessChromium browser, String expression) throws Exception {
        return browser.waitFor(expression, Duration.ofSeconds(25));
    }

    private static void screenshot(HeadlessChromium browser, String name) throws Exception {
        browser.screenshot(SCREENSHOTS.resolve(name), WAIT);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    /** A JavaScript string literal of the text. */
    private static String js(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
