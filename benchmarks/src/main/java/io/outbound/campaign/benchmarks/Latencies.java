package io.outbound.campaign.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Latencies of repeated calls: p50 and p99 in milliseconds, after untimed warm-up calls.
 *
 * <p>A p99 is only reported from at least {@link #MIN_SAMPLES_FOR_P99} samples: with fewer, the nearest-rank p99
 * is the maximum, a single outlier. Latencies compared with each other are taken with the same number of samples,
 * interleaved ({@link #interleaved}), so that a burst of load on a shared machine falls on all of them alike.
 */
record Latencies(double p50Millis, double p99Millis, int samples) {

    /** The fewest samples whose nearest-rank p99 is not simply their maximum. */
    static final int MIN_SAMPLES_FOR_P99 = 100;

    Latencies {
        if (samples < MIN_SAMPLES_FOR_P99) {
            throw new IllegalArgumentException("a p99 needs at least " + MIN_SAMPLES_FOR_P99
                    + " samples (with fewer it is the maximum), got " + samples);
        }
    }

    /** A call to time. */
    @FunctionalInterface
    interface Call {
        void call() throws Exception;
    }

    static Latencies of(int warmup, int samples, Call call) throws Exception {
        return interleaved(warmup, samples, call).get(0);
    }

    /**
     * The latencies of each call, taking the same number of samples of every one, in turn: first call, second
     * call, ..., first call again. Warm-up calls go in turn too.
     */
    static List<Latencies> interleaved(int warmup, int samples, Call... calls) throws Exception {
        if (samples < MIN_SAMPLES_FOR_P99) {
            throw new IllegalArgumentException("a p99 needs at least " + MIN_SAMPLES_FOR_P99
                    + " samples (with fewer it is the maximum), got " + samples);
        }
        for (int i = 0; i < warmup; i++) {
            for (Call call : calls) {
                call.call();
            }
        }
        double[][] millis = new double[calls.length][samples];
        for (int i = 0; i < samples; i++) {
            for (int c = 0; c < calls.length; c++) {
                long started = System.nanoTime();
                calls[c].call();
                millis[c][i] = (System.nanoTime() - started) / 1e6;
            }
        }
        List<Latencies> latencies = new ArrayList<>(calls.length);
        for (double[] sampled : millis) {
            Arrays.sort(sampled);
            latencies.add(new Latencies(Timing.percentile(sampled, 50), Timing.percentile(sampled, 99), samples));
        }
        return latencies;
    }
}
