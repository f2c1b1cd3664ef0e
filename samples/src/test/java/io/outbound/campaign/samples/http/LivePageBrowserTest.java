package io.outbound.campaign.samples.http;

import static io.outbound.campaign.samples.http.HostUnderTest.KEY_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outbound.campaign.dashboard.browser.HeadlessChromium;
import io.outbound.campaign.samples.DemoContacts;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page in a real browser: headless Chromium opens it while a campaign dials, and its progress bar
 * follows the campaign to 100%. Skipped, saying so, where no Chromium is installed, but failed under CI
 * ({@code CI=true}), which must run it.
 */
class LivePageBrowserTest {
    private static final int CONTACTS = 12;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    @TempDir
    Path browserProfile;

    @Test
    void theProgressBarOfARunningCampaignFillsUpToOneHundredPercent() throws Exception {
        Path chromium = HeadlessChromium.requireBinary();
        try (HostUnderTest host = new HostUnderTest(dir, 1 << 20);
             HeadlessChromium browser = new HeadlessChromium(chromium, browserProfile, WAIT)) {
            String key = host.upload(KEY_A, "live/contacts.csv", DemoContacts.csv(CONTACTS));
            long id = host.create(KEY_A, key, "Live <b>page</b> & co", null);
            // Outcomes wait until the page has shown the campaign mid-flight, so the test does not race the calls.
            host.backend.telephony().holdOutcomes();
            try {
                host.expect(200, "POST", "/campaign/" + id + "/start", null, KEY_A);
                host.awaitProgress(KEY_A, id, p -> p.get("in_progress").asInt() == 10, WAIT);
                browser.open(host.base.resolve("/?key=" + KEY_A), WAIT);

                JsonNode running = HostUnderTest.JSON.readTree(browser.evaluate(barOf(id, "running"), WAIT));
                assertThat(running.get("percent").asInt()).isLessThan(100);
                assertThat(running.get("title").asText()).as("the name is shown as text, not markup")
                        .isEqualTo("#" + id + " Live <b>page</b> & co");
            } finally {
                host.backend.telephony().releaseOutcomes();
            }
            JsonNode done = HostUnderTest.JSON.readTree(browser.evaluate(barOf(id, "completed"), WAIT));
            assertThat(done.get("percent").asInt()).isEqualTo(100);
            assertThat(done.get("ariaValue").asText()).isEqualTo("100");
            assertThat(done.get("width").asText()).isEqualTo("100%");
            assertThat(done.get("counters").asText()).startsWith("100% done").contains(CONTACTS + "/" + CONTACTS);
            assertThat(done.get("keyInAddressBar").asBoolean()).as("the key is taken out of the address bar")
                    .isFalse();
        }
    }

    /** A script that waits, polling in the page, for the campaign's bar in the given status and describes it. */
    private static String barOf(long id, String status) {
        return """
                new Promise((resolve, reject) => {
                  const deadline = Date.now() + 25000;
                  (function check() {
                    const bar = document.querySelector('[data-campaign-id="%d"]');
                    if (bar && bar.dataset.status === '%s') {
                      const box = bar.closest('.campaign');
                      resolve(JSON.stringify({
                        percent: Number(bar.dataset.percent),
                        ariaValue: bar.getAttribute('aria-valuenow'),
                        width: bar.querySelector('.fill').style.width,
                        title: box.querySelector('strong').textContent,
                        counters: box.querySelector('.counters').textContent,
                        keyInAddressBar: location.search.includes('key=')
                      }));
                    } else if (Date.now() > deadline) {
                      reject(new Error('no %s bar for campaign %d; page shows: ' + document.body.innerText));
                    } else {
                      setTimeout(check, 50);
                    }
                  })();
                })
                """.formatted(id, status, status, id);
    }
}
