package io.outbound.campaign.benchmarks;

import java.util.Arrays;

/** Latencies of repeated calls: p50 and p99 in milliseconds, after untimed warm-up calls. */
record Latencies(double p50Millis, double p99Millis) {

    /** A call to time. */
    @FunctionalInterface
    interface Call {
        void call() throws Exception;
    }

    static Latencies of(int warmup, int samples, Call call) throws Exception {
        for (int i = 0; i < warmup; i++) {
            call.call();
        }
        double[] millis = new double[samples];
        for (int i = 0; i < samples; i++) {
            long started = System.nanoTime();
            call.call();
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        return new Latencies(Timing.percentile(millis, 50), Timing.percentile(millis, 99));
    }
}
