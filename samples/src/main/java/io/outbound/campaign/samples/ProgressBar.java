package io.outbound.campaign.samples;

import io.outbound.campaign.CampaignProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a campaign's progress on a console: on a terminal one line redrawn in place; otherwise (output piped
 * to a file or a CI log) a plain line at most every {@code plainEvery} milliseconds, so logs stay readable.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long plainEveryMillis;
    private long lastPlainLine = Long.MIN_VALUE;
    private int lastLength;

    /**
     * @param out              where to draw
     * @param terminal         whether {@code out} is a terminal (redrawn in place) or not (plain lines)
     * @param plainEveryMillis the least time between two plain lines
     */
    public ProgressBar(PrintStream out, boolean terminal, long plainEveryMillis) {
        this.out = out;
        this.terminal = terminal;
        this.plainEveryMillis = plainEveryMillis;
    }

    /** The share of contacts that are done (completed or failed for good), 0 to 100. */
    public static int percentDone(CampaignProgress progress) {
        if (progress.totalContacts() == 0) {
            return 100;
        }
        return (int) ((progress.completed() + progress.failed()) * 100 / progress.totalContacts());
    }

    /** The bar and counters as one line. */
    public static String line(CampaignProgress p) {
        int percent = percentDone(p);
        int filled = percent * WIDTH / 100;
        return String.format(Locale.ROOT, "[%s%s] %3d%%  dialled %d/%d  completed %d  failed %d  in progress %d"
                        + "  retry scheduled %d  (%s)", "#".repeat(filled), ".".repeat(WIDTH - filled), percent,
                p.dialled(), p.totalContacts(), p.completed(), p.failed(), p.inProgress(), p.retryScheduled(),
                p.status().json());
    }

    /**
     * Shows the progress at the given time.
     *
     * @param nowMillis a monotonic time in milliseconds, deciding when the next plain line is due
     * @param force     draw a plain line even if one was drawn recently (the final state)
     */
    public void show(CampaignProgress progress, long nowMillis, boolean force) {
        String line = line(progress);
        if (terminal) {
            // Pad over the previous line's tail: counters can shrink (in progress 25 -> 3).
            String padding = " ".repeat(Math.max(0, lastLength - line.length()));
            out.print("\r" + line + padding);
            out.flush();
            lastLength = line.length();
        } else if (force || lastPlainLine == Long.MIN_VALUE || nowMillis - lastPlainLine >= plainEveryMillis) {
            out.println(line);
            lastPlainLine = nowMillis;
        }
    }

    /** Ends the redrawn line so what follows starts on a line of its own. */
    public void finish() {
        if (terminal) {
            out.println();
        }
    }
}
