package io.outbound.campaign.samples.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outbound.campaign.dashboard.browser.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the dashboard's browser tests do in the page: move to a view, wait for a state (a condition polled in the
 * page, with a deadline), Tab to a control, take a screenshot, and audit the page for screen-reader, keyboard and
 * laptop use.
 */
final class DashboardSteps {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

    /**
     * Checks, in the page: every input, select and textarea has an accessible label (a label element, aria-label or
     * aria-labelledby with text); every button has an accessible name; every SVG chart has role=img, a non-empty
     * aria-label and, right after it, a disclosure holding a table whose last column lists the numbers the chart
     * draws (its data-values, the counts written beside its bars, its bars, its scale's maximum); ids are unique.
     * Answers the problems found, what was checked and the page's widths.
     */
    private static final String AUDIT = """
            (() => {
              const problems = [];
              const text = el => (el ? el.textContent : '').replace(/\\s+/g, ' ').trim();
              const byIds = ids => (ids || '').split(/\\s+/).filter(Boolean)
                .map(id => text(document.getElementById(id))).join(' ').trim();
              const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (el.getAttribute('type') ? '[type=' + el.getAttribute('type') + ']' : '');
              const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
              const controls = [...document.querySelectorAll('input, select, textarea')].filter(el => el.type !== 'hidden');
              for (const el of controls) {
                const name = (el.getAttribute('aria-label') || '').trim() || byIds(el.getAttribute('aria-labelledby'))
                  || [...(el.labels || [])].map(text).join(' ').trim();
                if (!name) problems.push('no accessible label: ' + describe(el));
              }
              const buttons = [...document.querySelectorAll('button')];
              for (const b of buttons) {
                const name = (b.getAttribute('aria-label') || '').trim() || byIds(b.getAttribute('aria-labelledby'))
                  || text(b);
                if (!name) problems.push('no accessible name: ' + describe(b));
              }
              const charts = [...document.querySelectorAll('svg')];
              for (const svg of charts) {
                const id = describe(svg);
                if (svg.getAttribute('role') !== 'img') problems.push(id + ' has no role=img');
                if (!(svg.getAttribute('aria-label') || '').trim()) problems.push(id + ' has no aria-label');
                const details = svg.nextElementSibling;
                const table = details && details.tagName === 'DETAILS' && details.querySelector(':scope > summary')
                  && details.querySelector('table');
                if (!table || !table.tBodies[0]) { problems.push(id + ' has no table right after it'); continue; }
                const listed = [...table.tBodies[0].rows].map(r => Number(r.cells[r.cells.length - 1].textContent));
                const drawn = (svg.dataset.values || '').split(',').filter(v => v !== '').map(Number);
                if (!drawn.length || !same(drawn, listed)) {
                  problems.push(id + ' draws [' + drawn + '] but its table lists [' + listed + ']');
                }
                const counts = [...svg.querySelectorAll('[data-count]')].map(g => Number(g.dataset.count));
                const written = [...svg.querySelectorAll('[data-count] text:last-of-type')].map(t => Number(t.textContent));
                if (counts.length && (!same(counts, listed) || !same(written, listed))) {
                  problems.push(id + ' writes [' + written + '] beside its bars but its table lists [' + listed + ']');
                }
                if (svg.dataset.kind === 'bars') {
                  const bars = [...svg.querySelectorAll('rect')].map(r => Number(r.dataset.value));
                  if (!same(bars, listed.filter(v => v > 0))) {
                    problems.push(id + ' has bars [' + bars + '] but its table lists [' + listed + ']');
                  }
                }
                if (svg.dataset.max && Number(svg.dataset.max) !== Math.max(1, ...listed)) {
                  problems.push(id + ' is scaled to ' + svg.dataset.max + ' but its table peaks at ' + Math.max(...listed));
                }
              }
              const ids = [...document.querySelectorAll('[id]')].map(el => el.id);
              const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
              if (twice.length) problems.push('ids used twice: ' + [...new Set(twice)]);
              return JSON.stringify({ problems, controls: controls.length, buttons: buttons.length, charts: charts.length,
                scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
                innerWidth: window.innerWidth });
            })()""";

    private DashboardSteps() {
    }

    /**
     * Audits the page as it is (see {@link #AUDIT}) and fails naming every problem, or when the page is wider than
     * the viewport (a horizontal scroll bar).
     *
     * @return the audit: how many controls, buttons and charts it checked
     */
    static JsonNode assertAccessible(HeadlessChromium browser, int viewportWidth, String view) throws Exception {
        JsonNode audit = json(browser.evaluate(AUDIT, WAIT));
        assertThat(audit.get("problems")).as("accessibility of %s: %s", view, audit.get("problems")).isEmpty();
        assertThat(audit.get("innerWidth").asInt()).as("the viewport").isEqualTo(viewportWidth);
        assertThat(audit.get("scrollWidth").asInt()).as("%s scrolls sideways at %d pixels wide", view, viewportWidth)
                .isLessThanOrEqualTo(viewportWidth);
        return audit;
    }

    /** Presses Tab until the element with the id has the focus, at most 60 times. */
    static void tabTo(HeadlessChromium browser, String id) throws Exception {
        tabTo(browser, id, 60);
    }

    /** Presses Tab until the element with the id has the focus, at most so many times. */
    static void tabTo(HeadlessChromium browser, String id, int most) throws Exception {
        for (int i = 0; i < most; i++) {
            if (focused(browser).equals(id)) {
                return;
            }
            browser.press("Tab", WAIT);
        }
        throw new AssertionError("Tab never reached #" + id + "; focus is on "
                + browser.evaluate("document.activeElement ? document.activeElement.outerHTML : 'nothing'", WAIT));
    }

    /** The id of the element with the keyboard focus ("" for none). */
    static String focused(HeadlessChromium browser) throws Exception {
        return browser.evaluate("document.activeElement ? document.activeElement.id : ''", WAIT);
    }

    static void go(HeadlessChromium browser, String hash, String selector) throws Exception {
        browser.evaluate("location.hash = " + js(hash) + ", 'moved'", WAIT);
        waitFor(browser, "document.querySelector(" + js(selector) + ")");
    }

    /**
     * Waits, polling in the page, until the expression is truthy, and returns its value as JSON; fails with what the
     * page shows after 25 seconds.
     */
    static String waitFor(HeadlessChromium browser, String expression) throws Exception {
        return browser.waitFor(expression, Duration.ofSeconds(25));
    }

    static void screenshot(HeadlessChromium browser, String name) throws Exception {
        browser.screenshot(SCREENSHOTS.resolve(name), WAIT);
    }

    static JsonNode json(String text) throws Exception {
        return HostUnderTest.JSON.readTree(text);
    }

    /** The text as a JavaScript string literal. */
    static String js(String text) throws Exception {
        return HostUnderTest.JSON.writeValueAsString(text);
    }
}
