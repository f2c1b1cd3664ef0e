package io.outbound.campaign.benchmarks;

import java.util.Arrays;

/** Timing on a noisy machine: the median of a few runs, and percentiles of many. */
final class Timing {

    private Timing() {
    }

    /** A timed action, returning its seconds. */
    @FunctionalInterface
    interface Timed {
        double seconds() throws Exception;
    }

    /** The median seconds of {@code runs} runs. */
    static double medianSeconds(int runs, Timed action) throws Exception {
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            seconds[i] = action.seconds();
        }
        Arrays.sort(seconds);
        return runs % 2 == 1 ? seconds[runs / 2] : (seconds[runs / 2 - 1] + seconds[runs / 2]) / 2;
    }

    /** The {@code p}-th percentile (0 to 100, nearest rank) of the sorted samples. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double since(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
