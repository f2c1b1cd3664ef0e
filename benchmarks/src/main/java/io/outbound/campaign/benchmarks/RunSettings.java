package io.outbound.campaign.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run measures and where it writes.
 *
 * @param quick     whether sizes are cut to a twentieth (CI runs, so that the harness cannot rot)
 * @param scenarios the scenarios to run, in order
 * @param outputDir where {@code results.json} and the scratch files go
 */
public record RunSettings(boolean quick, List<String> scenarios, Path outputDir) {

    /** Sizes are divided by this in a quick run. */
    public static final int QUICK_DIVISOR = 20;

    public RunSettings {
        scenarios = List.copyOf(scenarios);
    }

    /** The size to use for a full-run size. */
    public int size(int fullSize) {
        return quick ? Math.max(1, fullSize / QUICK_DIVISOR) : fullSize;
    }

    /** Where scratch files (generated CSVs, the file store, the database) live. */
    public Path workDir() {
        return outputDir.resolve("bench-work");
    }
}
