package io.outbound.campaign.samples.http;

import static io.outbound.campaign.samples.http.DashboardSteps.WAIT;
import static io.outbound.campaign.samples.http.DashboardSteps.assertAccessible;
import static io.outbound.campaign.samples.http.DashboardSteps.focused;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's settings and runs at a laptop's size (1280 x 800), in a browser set to a zone half an hour off
 * the hour (Asia/Kolkata, UTC+05:30), in headless Chromium over real HTTP: the create form takes several attempt
 * limits; the campaign page edits calling hours, retries and contact rules, sends only what changed and shows the
 * host's refusals; the runs table filters by start time read in the operator's zone. Every view visited is audited
 * for labels, names, chart alternatives and sideways scrolling. Screenshots go to
 * {@code target/dashboard-screenshots/}.
 */
class DashboardSettingsBrowserTest {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;
    private static final String ZONE = "Asia/Kolkata";

    @TempDir
    Path dir;
    @TempDir
    Path browserProfile;

    @Test
    void theCreateFormTakesSeveralAttemptLimitsAddedFromTheKeyboard() throws Exception {
        try (HostUnderTest host = new HostUnderTest(dir, 1 << 20);
             HeadlessChromium browser = open(host)) {
            assertAccessible(browser, WIDTH, "the campaign list");
            go(browser, "#/new", "#create-form");
            browser.evaluate("""
                    (() => {
                      const set = (id, value) => { const e = document.getElementById(id); e.value = value;
                        e.dispatchEvent(new Event('input')); };
                      set('name', 'Two limits');
                      set('concurrency', '3');
                      document.getElementById('retry-on').click();
                      document.getElementById('rules-on').click();
                      set('limit-1-attempts', '5');
                      set('limit-1-hours', '24');
                      const files = new DataTransfer();
                      files.items.add(new File([%s], 'limits.csv', { type: 'text/csv' }));
                      document.getElementById('csv').files = files.files;
                      document.getElementById('limit-1-hours').focus();
                      return 'filled';
                    })()""".formatted(js(DemoContacts.csv(3))), WAIT);

            // A second limit from the keyboard: Tab to the add button, Enter, type both numbers.
            tabTo(browser, "limit-add");
            browser.press("Enter", WAIT);
            waitFor(browser, "document.activeElement.id === 'limit-2-attempts'");
            browser.type("12", WAIT);
            browser.press("Tab", WAIT);
            assertThat(focused(browser)).isEqualTo("limit-2-hours");
            browser.type("168", WAIT);

            // At most eight rows; removing rows renumbers the rest and keeps their values.
            JsonNode bounds = json(browser.evaluate("""
                    (() => {
                      const add = document.getElementById('limit-add');
                      while (!add.disabled) add.click();
                      const most = document.querySelectorAll('#limits tbody tr').length;
                      for (let n = most; n > 2; n--) document.getElementById('limit-' + n + '-remove').click();
                      return JSON.stringify({ most, left: document.querySelectorAll('#limits tbody tr').length,
                        addEnabled: !add.disabled, second: document.getElementById('limit-2-hours').value,
                        removeName: document.getElementById('limit-2-remove').getAttribute('aria-label') });
                    })()""", WAIT));
            assertThat(bounds.get("most").asInt()).isEqualTo(8);
            assertThat(bounds.get("left").asInt()).isEqualTo(2);
            assertThat(bounds.get("addEnabled").asBoolean()).isTrue();
            assertThat(bounds.get("second").asText()).isEqualTo("168");
            assertThat(bounds.get("removeName").asText()).isEqualTo("Remove limit 2");
            assertAccessible(browser, WIDTH, "the create form");
            browser.evaluate("document.getElementById('rules').scrollIntoView(), 'scrolled'", WAIT);
            screenshot(browser, "8-create-attempt-limits.png");

            browser.evaluate("document.getElementById('create').click(), 'sent'", WAIT);
            long id = json(waitFor(browser, "document.getElementById('summary-counts') && "
                    + "{ id: document.querySelector('#import-result a[href^=\"#/campaign/\"]').hash.split('/')[2] }"))
                    .get("id").asLong();
            JsonNode stored = host.expect(200, "GET", "/campaign/" + id, null, KEY_A);
            assertThat(limits(stored)).containsExactly("5/24", "12/168");
            assertThat(stored.path("retry_config").isNull() || stored.path("retry_config").isMissingNode()).isTrue();
            assertThat(stored.get("max_concurrency").asInt()).isEqualTo(3);
        }
    }

    @Test
    void anOperatorEditsCallingHoursRetriesAndAttemptLimitsAndOnlyWhatChangedIsSent() throws Exception {
        try (HostUnderTest host = new HostUnderTest(dir, 1 << 20);
             HeadlessChromium browser = open(host)) {
            StringBuilder csv = new StringBuilder("phone_number,name,timezone\n");
            for (int i = 0; i < 3; i++) {
                csv.append(DemoContacts.phoneNumber(i)).append(",Contact ").append(i).append(",America/Denver\n");
            }
            String file = host.upload(KEY_A, "settings/contacts.csv", csv.toString());
            long id = host.expect(201, "POST", "/campaign/create", """
                    {"name":"Settings","workflow_id":247,"contacts_file_key":"%s","max_concurrency":3,
                     "contact_rules":{"jurisdiction":"none","timezone_column":"timezone",
                       "attempt_limits":[{"max_attempts":5,"period_hours":24},{"max_attempts":12,"period_hours":168}]}}
                    """.formatted(file), KEY_A).get("id").asLong();

            go(browser, "#/campaign/" + id, "#edit-form");
            JsonNode shown = json(waitFor(browser, """
                    document.getElementById('edit-limit-2-hours') && {
                      limits: [...document.querySelectorAll('#edit-limits tbody tr')]
                        .map(r => r.querySelectorAll('input')[0].value + '/' + r.querySelectorAll('input')[1].value),
                      hoursOn: document.getElementById('edit-hours-on').checked,
                      retryOn: document.getElementById('edit-retry-on').checked,
                      column: document.getElementById('edit-timezone-column').textContent,
                      columnIsControl: !!document.querySelector('#edit-form input[id*=timezone-column]')
                    }"""));
            assertThat(shown.get("limits")).extracting(JsonNode::asText).containsExactly("5/24", "12/168");
            assertThat(shown.get("hoursOn").asBoolean()).isFalse();
            assertThat(shown.get("retryOn").asBoolean()).isFalse();
            assertThat(shown.get("column").asText()).contains("timezone", "create only");
            assertThat(shown.get("columnIsControl").asBoolean()).as("the zone column is read-only").isFalse();
            assertAccessible(browser, WIDTH, "a draft's page");

            // From the keyboard: Tab reaches the form; turn calling hours on, replace the second limit with 2 in 6 h.
            browser.evaluate("document.getElementById('main').focus(), 'focused'", WAIT);
            tabTo(browser, "edit-name");
            JsonNode ring = json(browser.evaluate("""
                    (() => { const e = document.activeElement; const style = getComputedStyle(e);
                      return JSON.stringify({ visible: e.matches(':focus-visible'), outline: style.outlineStyle,
                        width: parseFloat(style.outlineWidth) }); })()""", WAIT));
            assertThat(ring.get("visible").asBoolean()).isTrue();
            assertThat(ring.get("outline").asText()).as("a visible focus ring").isNotEqualTo("none");
            assertThat(ring.get("width").asDouble()).isGreaterThanOrEqualTo(2);
            tabTo(browser, "edit-hours-on");
            browser.press(" ", WAIT);
            waitFor(browser, "document.getElementById('edit-hours-on').checked");
            // Past the weekly grid: each time field takes a Tab per part (hours, minutes, AM/PM).
            tabTo(browser, "edit-limit-2-remove", 150);
            browser.press("Enter", WAIT);
            waitFor(browser, "!document.getElementById('edit-limit-2-attempts')"
                    + " && document.activeElement.id === 'edit-limit-1-remove'");
            browser.press("Tab", WAIT);
            assertThat(focused(browser)).isEqualTo("edit-limit-add");
            browser.press("Enter", WAIT);
            waitFor(browser, "document.activeElement.id === 'edit-limit-2-attempts'");
            browser.type("2", WAIT);
            browser.press("Tab", WAIT);
            browser.type("6", WAIT);
            browser.evaluate("""
                    (() => {
                      const set = (id, value) => { document.getElementById(id).value = value; };
                      set('edit-timezone', 'America/Chicago');
                      set('edit-day-monday-end', '18:30');
                      document.getElementById('edit-day-saturday').checked = true;
                      set('edit-day-saturday-start', '10:00');
                      set('edit-day-saturday-end', '14:00');
                      document.getElementById('edit-retry-on').click();
                      set('edit-max-retries', '3');
                      set('edit-retry-delay', '300');
                      document.getElementById('edit-retry-voicemail').checked = false;
                      // Remember what the page sends, to see that only changed fields go.
                      window.sentPatches = [];
                      const send = window.fetch;
                      window.fetch = (url, init) => {
                        if (init && init.method === 'PATCH') window.sentPatches.push(JSON.parse(init.body));
                        return send(url, init);
                      };
                      return 'edited';
                    })()""", WAIT);
            browser.evaluate("document.getElementById('edit-form').scrollIntoView(), 'scrolled'", WAIT);
            screenshot(browser, "9-edit-settings.png");
            tabTo(browser, "save-settings");
            browser.press("Enter", WAIT);
            waitFor(browser, "document.getElementById('status-line').textContent"
                    + " === 'Settings saved: calling_hours, retry_config, contact_rules'"
                    + " && document.getElementById('edit-current').textContent.includes('2 per 6 h')");

            JsonNode stored = host.expect(200, "GET", "/campaign/" + id, null, KEY_A);
            JsonNode hours = stored.get("calling_hours");
            assertThat(hours.get("timezone").asText()).isEqualTo("America/Chicago");
            List<String> slots = new ArrayList<>();
            hours.get("slots").forEach(sl -> slots.add(sl.get("day").asText() + " " + sl.get("start").asText() + "-"
                    + sl.get("end").asText()));
            assertThat(slots).containsExactly("monday 09:00-18:30", "tuesday 09:00-17:00", "wednesday 09:00-17:00",
                    "thursday 09:00-17:00", "friday 09:00-17:00", "saturday 10:00-14:00");
            JsonNode retry = stored.get("retry_config");
            assertThat(retry.get("enabled").asBoolean()).isTrue();
            assertThat(retry.get("max_retries").asInt()).isEqualTo(3);
            assertThat(retry.get("retry_delay_seconds").asLong()).isEqualTo(300);
            assertThat(retry.get("retry_on_busy").asBoolean()).isTrue();
            assertThat(retry.get("retry_on_voicemail").asBoolean()).isFalse();
            assertThat(limits(stored)).containsExactly("5/24", "2/6");
            assertThat(stored.get("contact_rules").get("timezone_column").asText()).isEqualTo("timezone");
            assertThat(stored.get("name").asText()).isEqualTo("Settings");
            JsonNode sent = json(browser.evaluate("JSON.stringify(window.sentPatches)", WAIT));
            assertThat(sent).hasSize(1);
            assertThat(fieldNames(sent.get(0))).containsExactly("calling_hours", "retry_config", "contact_rules");

            // Saved again unchanged, nothing goes to the host.
            browser.evaluate("document.getElementById('save-settings').click(), 'sent'", WAIT);
            waitFor(browser, "document.getElementById('status-line').textContent.startsWith('Nothing to save')");
            assertThat(json(browser.evaluate("JSON.stringify(window.sentPatches)", WAIT))).hasSize(1);

            // The host's refusal names the field, the value and what is wrong.
            browser.evaluate("""
                    (() => { document.getElementById('edit-timezone').value = 'Mars/Olympus_Mons';
                      document.getElementById('save-settings').click(); return 'sent'; })()""", WAIT);
            String refusal = json(waitFor(browser, "document.querySelector('#alert li') && "
                    + "{ text: document.querySelector('#alert li').textContent }")).get("text").asText();
            assertThat(refusal).contains("calling_hours.timezone", "Mars/Olympus_Mons", "IANA time zone");
            assertThat(browser.evaluate("document.getElementById('status-line').textContent", WAIT))
                    .isEqualTo("Not saved");
            screenshot(browser, "10-settings-refused.png");
            assertThat(host.expect(200, "GET", "/campaign/" + id, null, KEY_A).get("calling_hours").get("timezone")
                    .asText()).isEqualTo("America/Chicago");

            // Unchecked, the calling hours and the retries go: calls at any time, no retries.
            browser.evaluate("""
                    (() => { document.getElementById('edit-hours-on').click();
                      document.getElementById('edit-retry-on').click();
                      document.getElementById('save-settings').click(); return 'sent'; })()""", WAIT);
            waitFor(browser, "document.getElementById('status-line').textContent"
                    + " === 'Settings saved: calling_hours, retry_config' && !document.querySelector('#alert li')"
                    + " && document.getElementById('edit-timezone').matches(':disabled')"
                    + " && document.getElementById('edit-max-retries').matches(':disabled')");
            JsonNode cleared = host.expect(200, "GET", "/campaign/" + id, null, KEY_A);
            assertThat(cleared.path("calling_hours").isNull() || cleared.path("calling_hours").isMissingNode())
                    .isTrue();
            assertThat(cleared.path("retry_config").isNull() || cleared.path("retry_config").isMissingNode()).isTrue();
            assertThat(limits(cleared)).containsExactly("5/24", "2/6");
            JsonNode last = json(browser.evaluate("JSON.stringify(window.sentPatches.at(-1))", WAIT));
            assertThat(fieldNames(last)).containsExactly("calling_hours", "retry_config");
            assertThat(last.get("calling_hours").isNull()).isTrue();
            assertAccessible(browser, WIDTH, "the edited draft's page");
        }
    }

    @Test
    void runsFilteredByStartTimeInTheOperatorsZoneLeaveOutEarlierRuns() throws Exception {
        try (HostUnderTest host = new HostUnderTest(dir, 1 << 20);
             HeadlessChromium browser = open(host)) {
            String file = host.upload(KEY_A, "runs/contacts.csv", DemoContacts.csv(4));
            long id = host.expect(201, "POST", "/campaign/create", """
                    {"name":"Two waves","workflow_id":247,"contacts_file_key":"%s","max_concurrency":2}"""
                    .formatted(file), KEY_A).get("id").asLong();

            // Two calls held in flight; the other two can only start once they end, after a second boundary.
            Instant boundary;
            host.backend.telephony().holdOutcomes();
            try {
                host.expect(200, "POST", "/campaign/" + id + "/start", null, KEY_A);
                host.awaitProgress(KEY_A, id, p -> runs(host, id, null).get("total").asInt() == 2, WAIT);
                Instant latest = Instant.EPOCH;
                for (JsonNode run : runs(host, id, null).get("items")) {
                    Instant started = Instant.parse(run.get("started_at").asText());
                    latest = started.isAfter(latest) ? started : latest;
                }
                boundary = latest.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
                host.awaitProgress(KEY_A, id, p -> !Instant.now().isBefore(boundary), WAIT);
            } finally {
                host.backend.telephony().releaseOutcomes();
            }
            host.awaitStatus(KEY_A, id, "completed");
            JsonNode later = runs(host, id, "{\"started_after\":\"" + boundary + "\"}");
            assertThat(later.get("total").asInt()).isEqualTo(2);
            List<String> earlier = new ArrayList<>();
            runs(host, id, "{\"started_before\":\"" + boundary + "\"}").get("items")
                    .forEach(r -> earlier.add(r.get("session_id").asText()));
            assertThat(earlier).hasSize(2);

            go(browser, "#/campaign/" + id, "#runs-info[data-total='4']");
            String local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(boundary.atZone(ZoneId.of(ZONE)));
            browser.evaluate("""
                    (() => { document.getElementById('runs-started-after').value = %s;
                      document.getElementById('runs-apply').click(); return 'sent'; })()""".formatted(js(local)), WAIT);
            JsonNode filtered = json(waitFor(browser, """
                    document.getElementById('runs-info').dataset.total === '2'
                      && document.getElementById('runs-info').dataset.startedAfter && {
                      sent: document.getElementById('runs-info').dataset.startedAfter,
                      label: document.querySelector('label[for=runs-started-after]').textContent,
                      rows: [...document.querySelectorAll('#runs tbody tr')]
                        .map(r => ({ session: r.dataset.session, started: r.dataset.startedAt }))
                    }"""));
            assertThat(Instant.parse(filtered.get("sent").asText()))
                    .as("%s in %s is %s", local, ZONE, boundary).isEqualTo(boundary);
            // Chromium names the zone by its older ICU id, Asia/Calcutta.
            assertThat(filtered.get("label").asText()).matches("Started from \\(your time, Asia/(Kolkata|Calcutta)\\)");
            assertThat(filtered.get("rows")).hasSize(2).allSatisfy(row -> {
                assertThat(Instant.parse(row.get("started").asText())).isAfterOrEqualTo(boundary);
                assertThat(earlier).doesNotContain(row.get("session").asText());
            });
            browser.evaluate("document.getElementById('runs-section').scrollIntoView(), 'scrolled'", WAIT);
            screenshot(browser, "11-runs-started-from.png");

            browser.evaluate("""
                    (() => { document.getElementById('runs-started-after').value = '';
                      document.getElementById('runs-started-before').value = %s;
                      document.getElementById('runs-apply').click(); return 'sent'; })()""".formatted(js(local)), WAIT);
            JsonNode before = json(waitFor(browser, """
                    document.getElementById('runs-info').dataset.startedBefore
                      && !document.getElementById('runs-info').dataset.startedAfter && {
                      rows: [...document.querySelectorAll('#runs tbody tr')].map(r => r.dataset.session)
                    }"""));
            assertThat(before.get("rows")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(earlier);

            // The charts as tables: the same figures, still open after the page redraws itself.
            JsonNode audit = assertAccessible(browser, WIDTH, "a completed campaign's page");
            assertThat(audit.get("charts").asInt()).isEqualTo(3);
            String updated = browser.evaluate("""
                    (() => { for (const s of document.querySelectorAll('.chart-table summary')) s.click();
                      return document.getElementById('updated-at').textContent; })()""", WAIT);
            JsonNode redrawn = json(waitFor(browser, """
                    document.getElementById('updated-at').textContent !== %s && {
                      open: [...document.querySelectorAll('.chart-table')].filter(d => d.open).length,
                      outcomes: [...document.querySelectorAll('#outcome-chart-table tbody tr')]
                        .map(r => r.cells[0].textContent + '=' + r.cells[1].textContent),
                      live: document.getElementById('progress-live').textContent,
                      liveRole: document.getElementById('progress-live').getAttribute('role'),
                      politeness: document.getElementById('progress-live').getAttribute('aria-live')
                    }""".formatted(js(updated))));
            assertThat(redrawn.get("open").asInt()).isEqualTo(3);
            long completed = runs(host, id, "{\"outcome\":\"completed\"}").get("total").asLong();
            assertThat(redrawn.get("outcomes")).extracting(JsonNode::asText).contains("completed=" + completed);
            assertThat(redrawn.get("live").asText()).isEqualTo("Campaign completed: 100% done, answer rate "
                    + browser.evaluate("document.getElementById('percent').textContent.split('answer rate ')[1]", WAIT)
                    + ".");
            assertThat(redrawn.get("liveRole").asText()).isEqualTo("status");
            assertThat(redrawn.get("politeness").asText()).isEqualTo("polite");
            assertAccessible(browser, WIDTH, "a completed campaign's page with its tables open");
            screenshot(browser, "12-charts-as-tables.png");
        }
    }

    /** Chromium at a laptop's size and in {@link #ZONE}, on the dashboard's campaign list. */
    private HeadlessChromium open(HostUnderTest host) throws Exception {
        HeadlessChromium browser = new HeadlessChromium(HeadlessChromium.requireBinary(), browserProfile, WAIT);
        try {
            browser.open(host.base.resolve("/dashboard/?key=" + KEY_A), WAIT);
            browser.viewport(WIDTH, HEIGHT, WAIT);
            browser.timezone(ZONE, WAIT);
            waitFor(browser, "document.querySelector('#campaigns tbody tr') && !location.search.includes('key=')");
            return browser;
        } catch (Exception | AssertionError e) {
            browser.close();
            throw e;
        }
    }

    private static JsonNode runs(HostUnderTest host, long id, String filters) {
        return host.expect(200, "GET", "/campaign/" + id + "/runs?limit=500"
                + (filters == null ? "" : "&filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8)), null, KEY_A);
    }

    private static List<String> limits(JsonNode campaign) {
        List<String> limits = new ArrayList<>();
        campaign.get("contact_rules").get("attempt_limits")
                .forEach(l -> limits.add(l.get("max_attempts").asInt() + "/" + l.get("period_hours").asInt()));
        return limits;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
