package io.outbound.campaign.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run measures and where it writes.
 *
 * @param quick       whether this is a quick run (CI runs, so that the harness cannot rot): sizes are cut to a
 *                    twentieth unless {@code sizeDivisor} says otherwise, and repetitions are fewer
 * @param scenarios   the scenarios to run, in order
 * @param outputDir   where {@code results.json} and the scratch files go
 * @param sizeDivisor every full-run size is divided by this (1 in a full run, {@link #QUICK_DIVISOR} in a quick
 *                    one): a full run cut to what finishes in the time at hand
 */
public record RunSettings(boolean quick, List<String> scenarios, Path outputDir, int sizeDivisor) {

    /** Sizes are divided by this in a quick run. */
    public static final int QUICK_DIVISOR = 20;

    public RunSettings {
        scenarios = List.copyOf(scenarios);
        if (sizeDivisor < 1) {
            throw new IllegalArgumentException("the size divisor must be at least 1, was " + sizeDivisor);
        }
    }

    /** Full sizes, or a twentieth of them in a quick run. */
    public RunSettings(boolean quick, List<String> scenarios, Path outputDir) {
        this(quick, scenarios, outputDir, quick ? QUICK_DIVISOR : 1);
    }

    /** The size to use for a full-run size. */
    public int size(int fullSize) {
        return Math.max(1, fullSize / sizeDivisor);
    }

    /** Where scratch files (generated CSVs, the file store, the database) live. */
    public Path workDir() {
        return outputDir.resolve("bench-work");
    }
}
