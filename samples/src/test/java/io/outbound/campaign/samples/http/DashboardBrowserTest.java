package io.outbound.campaign.samples.http;

import static io.outbound.campaign.samples.http.DashboardSteps.WAIT;
import static io.outbound.campaign.samples.http.DashboardSteps.assertAccessible;
import static io.outbound.campaign.samples.http.DashboardSteps.go;
import static io.outbound.campaign.samples.http.DashboardSteps.js;
import static io.outbound.campaign.samples.http.DashboardSteps.json;
import static io.outbound.campaign.samples.http.DashboardSteps.screenshot;
import static io.outbound.campaign.samples.http.DashboardSteps.tabTo;
import static io.outbound.campaign.samples.http.DashboardSteps.waitFor;
import static io.outbound.campaign.samples.http.HostUnderTest.KEY_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outbound.campaign.dashboard.browser.HeadlessChromium;
import io.outbound.campaign.samples.DemoContacts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's dashboard in headless Chromium over real HTTP on 127.0.0.1: an operator creates a campaign from an
 * uploaded CSV, reads the import summary, starts it, pauses and resumes it from the keyboard, watches it reach 100%,
 * filters its runs and downloads its report, and manages the suppression list; a campaign name holding HTML is shown
 * as text. Screenshots of the main pages go to {@code target/dashboard-screenshots/}. Skipped where no Chromium is
 * installed, but failed under CI ({@code CI=true}), as the live page's browser test.
 */
class DashboardBrowserTest {
    private static final int CONTACTS = 12;
    private static final String NAME = "<img src=x onerror=\"document.title='owned'\"> Spring <b>push</b> & co";

    @TempDir
    Path dir;
    @TempDir
    Path browserProfile;
    @TempDir
    Path downloads;

    @Test
    void anOperatorRunsACampaignFromUploadToReportInTheBrowser() throws Exception {
        Path chromium = HeadlessChromium.requireBinary();
        try (HostUnderTest host = new HostUnderTest(dir, 1 << 20);
             HeadlessChromium browser = new HeadlessChromium(chromium, browserProfile, WAIT)) {
            browser.open(host.base.resolve("/dashboard/?key=" + KEY_A), WAIT);
            browser.viewport(1366, 768, WAIT);
            browser.downloadTo(downloads, WAIT);
            waitFor(browser, "document.querySelector('#campaigns tbody tr') && !location.search.includes('key=')");

            // Create: upload the CSV through the presigned URL, create the draft, read the import summary.
            go(browser, "#/new", "#create-form");
            String csv = DemoContacts.csv(CONTACTS) + "12345,Bad Number,Acme,none\n"
                    + DemoContacts.phoneNumber(0) + ",Same Again,Acme,duplicate\n";
            browser.evaluate("""
                    (() => {
                      document.getElementById('name').value = %s;
                      document.getElementById('concurrency').value = '10';
                      document.getElementById('retry-delay').value = '1';
                      const files = new DataTransfer();
                      files.items.add(new File([%s], 'june contacts.csv', { type: 'text/csv' }));
                      document.getElementById('csv').files = files.files;
                      return 'filled';
                    })()""".formatted(js(NAME), js(csv)), WAIT);
            screenshot(browser, "1-create-form.png");
            host.backend.telephony().holdOutcomes();
            try {
                browser.evaluate("document.getElementById('create').click(), 'sent'", WAIT);
                JsonNode summary = json(waitFor(browser, """
                        document.getElementById('summary-counts') && {
                          rows: document.querySelector('[data-field=rows]').textContent,
                          rejected: document.querySelector('[data-field=rejected]').textContent,
                          duplicates: document.querySelector('[data-field=duplicates]').textContent,
                          reasons: [...document.querySelectorAll('#rejected-rows tbody tr')].map(r => r.textContent),
                          heading: document.getElementById('summary-heading').textContent,
                          focused: document.activeElement.id
                        }"""));
                assertThat(summary.get("rows").asText()).isEqualTo(String.valueOf(CONTACTS + 2));
                assertThat(summary.get("rejected").asText()).isEqualTo("1");
                assertThat(summary.get("duplicates").asText()).isEqualTo("1");
                assertThat(summary.get("reasons")).hasSize(2);
                assertThat(summary.get("reasons").get(0).asText()).contains("12345");
                assertThat(summary.get("heading").asText()).contains(NAME);
                assertThat(summary.get("focused").asText()).as("the summary takes the focus").isEqualTo("summary-heading");
                screenshot(browser, "2-import-summary.png");

                // Start from the summary; the campaign page follows it while its ten first calls are in flight.
                browser.evaluate("document.getElementById('start-new').click(), 'sent'", WAIT);
                JsonNode running = json(waitFor(browser, """
                        document.querySelector('#progress[data-status=running]')
                          && document.querySelector('[data-field=in_progress]').textContent === '10' && {
                          hash: location.hash,
                          name: document.getElementById('campaign-name').textContent
                        }"""));
                long id = Long.parseLong(running.get("hash").asText().replace("#/campaign/", ""));
                assertThat(running.get("name").asText()).as("the name is text, not markup").isEqualTo(NAME);
                screenshot(browser, "3-campaign-running.png");

                // Pause and resume from the keyboard: Tab to the button, press Enter.
                tabTo(browser, "pause");
                browser.press("Enter", WAIT);
                waitFor(browser, "document.querySelector('#progress[data-status=paused]')");
                assertThat(host.json(host.send("GET", "/campaign/" + id, null, KEY_A)).get("status").asText())
                        .isEqualTo("paused");
                tabTo(browser, "resume");
                browser.press("Enter", WAIT);
                waitFor(browser, "document.querySelector('#progress[data-status=running]')");

                // The charts read the campaign's whole window once, then only its last buckets (a whole window of a
                // large campaign costs the host seconds), and the calls they count still add up to the runs.
                JsonNode froms = json(waitFor(browser, """
                        (() => {
                          const froms = [...new Set(performance.getEntriesByType('resource').map(e => e.name)
                            .filter(n => n.includes('/campaign/%d/activity?'))
                            .map(n => new URL(n).searchParams.get('from')))].sort();
                          return froms.length >= 2 && froms;
                        })()""".formatted(id)));
                assertThat(Instant.parse(froms.get(froms.size() - 1).asText()))
                        .isAfter(Instant.parse(froms.get(0).asText()));
                long deadline = System.nanoTime() + WAIT.toNanos();
                long charted;
                long runs;
                do {
                    charted = Long.parseLong(browser.evaluate("""
                            (() => {
                              const p = [...document.querySelectorAll('p')].find(e => / calls started /.test(e.textContent));
                              return p ? p.textContent.split(' ')[0] : '-1';
                            })()""", WAIT));
                    runs = host.json(host.send("GET", "/campaign/" + id + "/runs?limit=1", null, KEY_A))
                            .get("total").asLong();
                } while (charted != runs && System.nanoTime() < deadline);
                assertThat(charted).as("calls started in the charts' kept and newly read buckets").isEqualTo(runs);
            } finally {
                host.backend.telephony().releaseOutcomes();
            }
            JsonNode done = json(waitFor(browser, """
                    document.querySelector('#progress[data-status=completed]') && {
                      percent: document.querySelector('#progress [role=progressbar]').getAttribute('aria-valuenow'),
                      outcomes: [...document.querySelectorAll('#outcome-chart [data-outcome]')]
                        .map(g => [g.dataset.outcome, Number(g.dataset.count)]),
                      ratePoints: Number(document.getElementById('rate-chart').dataset.points),
                      flightPeak: Number(document.getElementById('flight-chart').dataset.max),
                      injected: document.querySelectorAll('main img').length,
                      title: document.title,
                      hash: location.hash
                    }"""));
            long id = Long.parseLong(done.get("hash").asText().replace("#/campaign/", ""));
            assertThat(done.get("percent").asText()).isEqualTo("100");
            assertThat(done.get("injected").asInt()).as("no element was made from the name").isZero();
            assertThat(done.get("title").asText()).isNotEqualTo("owned");
            long charted = 0;
            for (JsonNode pair : done.get("outcomes")) {
                charted += pair.get(1).asLong();
            }
            long sessions = host.json(host.send("GET", "/campaign/" + id + "/runs?limit=1", null, KEY_A))
                    .get("total").asLong();
            assertThat(charted).as("every call in the outcome chart, no skipped contact").isEqualTo(sessions);
            assertThat(done.get("ratePoints").asInt()).isPositive();
            // Calls held in flight drew a peak, never above max_concurrency; calls claimed but not yet handed to the
            // telephony when the pause came were given back and left no session, so the peak may be below 10.
            assertThat(done.get("flightPeak").asInt()).isBetween(1, 10);
            assertThat(assertAccessible(browser, 1366, "the completed campaign").get("charts").asInt()).isEqualTo(3);
            screenshot(browser, "4-campaign-completed.png");

            // The runs table: filter by the first run's outcome; the page shows what the API counts.
            String outcome = json(waitFor(browser,
                    "document.querySelector('#runs tbody tr[data-outcome]:not([data-outcome=\"\"])')"
                            + " && { outcome: document.querySelector('#runs tbody tr[data-outcome]').dataset.outcome }"))
                    .get("outcome").asText();
            browser.evaluate("""
                    (() => {
                      document.getElementById('runs-outcome').value = %s;
                      document.getElementById('runs-sort').value = 'phone_number';
                      document.getElementById('runs-order').value = 'asc';
                      document.getElementById('runs-apply').click();
                      return 'sent';
                    })()""".formatted(js(outcome)), WAIT);
            long expected = host.json(host.send("GET", "/campaign/" + id + "/runs?limit=1&filters="
                    + java.net.URLEncoder.encode("{\"outcome\":\"" + outcome + "\"}", StandardCharsets.UTF_8),
                    null, KEY_A)).get("total").asLong();
            JsonNode filtered = json(waitFor(browser, """
                    document.getElementById('runs-info').dataset.total === '%d' && {
                      outcomes: [...document.querySelectorAll('#runs tbody tr')].map(r => r.dataset.outcome),
                      phones: [...document.querySelectorAll('#runs tbody tr')].map(r => r.children[1].textContent)
                    }""".formatted(expected)));
            assertThat(filtered.get("outcomes")).hasSize((int) expected)
                    .allSatisfy(o -> assertThat(o.asText()).isEqualTo(outcome));
            List<String> phones = new java.util.ArrayList<>();
            filtered.get("phones").forEach(p -> phones.add(p.asText()));
            assertThat(phones).isSorted();
            browser.evaluate("document.getElementById('runs-section').scrollIntoView(), 'scrolled'", WAIT);
            screenshot(browser, "5-runs-filtered.png");

            // The report, downloaded through the page with the bearer key.
            browser.evaluate("document.getElementById('download-report').click(), 'sent'", WAIT);
            Path report = downloads.resolve("campaign-" + id + "-report.csv");
            String text = awaitFile(report);
            assertThat(text).startsWith("session_id,phone_number,name,company,notes,attempt,outcome");
            assertThat(text.lines().count()).isEqualTo(sessions + 1);

            // The list: the campaign with its status, progress and name as text; the status filter hides it.
            go(browser, "#/", "#campaigns tr[data-campaign-id='" + id + "']");
            JsonNode row = json(waitFor(browser, """
                    (() => { const row = document.querySelector("#campaigns tr[data-campaign-id='%d']");
                      return row && row.dataset.status === 'completed' && {
                        name: row.querySelector('a.name').textContent,
                        percent: row.querySelector('[role=progressbar]').dataset.percent }; })()""".formatted(id)));
            assertThat(row.get("name").asText()).isEqualTo(NAME);
            assertThat(row.get("percent").asText()).isEqualTo("100");
            screenshot(browser, "6-campaign-list.png");
            browser.evaluate("""
                    (() => { const f = document.getElementById('status-filter'); f.value = 'running';
                      f.dispatchEvent(new Event('change')); return 'filtered'; })()""", WAIT);
            waitFor(browser, "!document.querySelector(\"#campaigns tr[data-campaign-id='" + id + "']\")");

            // The server filters and pages: 26 drafts more are two pages of drafts, with the host's own total.
            String draftFile = host.upload(KEY_A, "drafts/contacts.csv", DemoContacts.csv(1));
            for (int i = 0; i < 26; i++) {
                host.create(KEY_A, draftFile, "Draft " + i, null);
            }
            long drafts = host.expect(200, "GET", "/campaign/?status=draft&limit=1", null, KEY_A).get("total").asLong();
            assertThat(drafts).isGreaterThanOrEqualTo(26);
            browser.evaluate("""
                    (() => { const f = document.getElementById('status-filter'); f.value = 'draft';
                      f.dispatchEvent(new Event('change')); return 'filtered'; })()""", WAIT);
            String page = """
                    (() => { const rows = [...document.querySelectorAll('#campaigns tbody tr[data-status]')];
                      return document.getElementById('campaigns-info').dataset.total === '%d' && rows.length === %d
                        && rows.every(r => r.dataset.status === 'draft')
                        && document.getElementById('campaigns-previous').disabled === %b
                        && document.getElementById('campaigns-next').disabled === %b
                        && document.getElementById('campaigns-info').textContent; })()""";
            assertThat(waitFor(browser, page.formatted(drafts, 25, true, false))).contains("page 1 of 2");
            browser.evaluate("document.getElementById('campaigns-next').click(), 'next'", WAIT);
            assertThat(waitFor(browser, page.formatted(drafts, drafts - 25, false, true))).contains("page 2 of 2");

            // The suppression list: add a number, see it, take it off.
            go(browser, "#/suppressions", "#suppress-form");
            browser.evaluate("""
                    (() => { document.getElementById('suppress-number').value = '+14155550100';
                      document.getElementById('suppress-reason').value = 'asked <by> email';
                      document.getElementById('suppress-add').click(); return 'sent'; })()""", WAIT);
            JsonNode entry = json(waitFor(browser, "(() => { const r = document.querySelector("
                    + "\"#suppressions tr[data-number='+14155550100']\"); return r && { text: r.textContent }; })()"));
            assertThat(entry.get("text").asText()).contains("asked <by> email");
            assertThat(host.send("GET", "/suppressions/%2B14155550100", null, KEY_A).statusCode()).isEqualTo(200);
            assertAccessible(browser, 1366, "the suppression list");
            screenshot(browser, "7-suppressions.png");
            browser.evaluate("document.querySelector(\"#suppressions tr[data-number='+14155550100'] button\").click(),"
                    + " 'sent'", WAIT);
            waitFor(browser, "!document.querySelector(\"#suppressions tr[data-number='+14155550100']\")");
            assertThat(host.send("GET", "/suppressions/%2B14155550100", null, KEY_A).statusCode()).isEqualTo(404);
        }
    }

    /** The file's text once the browser has renamed it into place (it downloads to a temporary name first). */
    private static String awaitFile(Path file) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        try (java.nio.file.WatchService watcher = file.getFileSystem().newWatchService()) {
            file.getParent().register(watcher, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE,
                    java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY);
            while (!Files.isRegularFile(file)) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                java.nio.file.WatchKey key = left <= 0 ? null
                        : watcher.poll(left, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (key == null) {
                    if (Files.isRegularFile(file)) {
                        break;
                    }
                    throw new AssertionError("no download at " + file + " within " + WAIT);
                }
                key.pollEvents();
                key.reset();
            }
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
