package io.outbound.campaign.benchmarks;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallReports;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.spi.CallRequest;
import io.outbound.campaign.spi.Telephony;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A carrier as a host sees it over HTTP: {@link #dial} blocks for the carrier's round trip before it returns
 * (the call accepted), and the call's outcome, {@code COMPLETED}, is reported a call length after acceptance
 * from a scheduler thread, as the carrier's status webhook would. It counts the calls in flight (accepted and
 * not yet ended) and keeps when each dial was accepted and how long it took.
 */
final class SlowTelephony implements Telephony, AutoCloseable {

    private static final CallResult COMPLETED = CallResult.of(CallOutcome.COMPLETED);

    private final long dialNanos;
    private final long callMillis;
    private final long[] acceptedAt;
    private final long[] dialNanosTaken;
    private final AtomicInteger accepted = new AtomicInteger();
    private final CountDownLatch allAccepted;
    private final Object flightLock = new Object();
    private final ScheduledThreadPoolExecutor webhooks;
    private int inFlight;
    private int peakInFlight;
    private volatile CallReports reports;

    /**
     * @param dialMillis how long a dial blocks before the carrier accepts it
     * @param callMillis how long an accepted call lasts before its outcome is reported
     * @param expected   how many dials the run makes (what {@link #awaitAllAccepted} waits for)
     */
    SlowTelephony(long dialMillis, long callMillis, int expected) {
        this.dialNanos = TimeUnit.MILLISECONDS.toNanos(dialMillis);
        this.callMillis = callMillis;
        this.acceptedAt = new long[expected];
        this.dialNanosTaken = new long[expected];
        this.allAccepted = new CountDownLatch(expected);
        this.webhooks = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "carrier-webhook");
            t.setDaemon(true);
            return t;
        });
    }

    /** Where outcomes go: the engine's {@code calls()}, known only once the engine is built. */
    void connect(CallReports reports) {
        this.reports = reports;
    }

    @Override
    public void dial(CallRequest request) {
        long started = System.nanoTime();
        long deadline = started + dialNanos;
        try {
            // Thread.sleep may wake early on some platforms; the carrier never answers before its round trip.
            for (long left = dialNanos; left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("dial interrupted before the carrier answered", e);
        }
        long now = System.nanoTime();
        synchronized (flightLock) {
            inFlight++;
            peakInFlight = Math.max(peakInFlight, inFlight);
        }
        int index = accepted.getAndIncrement();
        if (index < acceptedAt.length) {
            acceptedAt[index] = now;
            dialNanosTaken[index] = now - started;
        }
        String sessionId = request.sessionId();
        webhooks.schedule(() -> {
            synchronized (flightLock) {
                inFlight--;
            }
            reports.report(sessionId, COMPLETED);
        }, callMillis, TimeUnit.MILLISECONDS);
        allAccepted.countDown();
    }

    /** Waits until every expected dial was accepted; false when the time ran out first. */
    boolean awaitAllAccepted(long timeoutMillis) throws InterruptedException {
        return allAccepted.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Dials accepted so far. */
    int dials() {
        return accepted.get();
    }

    /** The most calls that were in flight (accepted, outcome not yet reported) at once. */
    int peakInFlight() {
        synchronized (flightLock) {
            return peakInFlight;
        }
    }

    /**
     * Dials accepted a second from the acceptance of the {@code from} to that of the {@code to} fraction of the
     * dials (0.2 and 0.8: the steady state, without the ramp up and the tail): the least-squares slope of the
     * dial count over time. A full pool dials in waves (its places free up together), so the slope, not the
     * count between two single acceptances, which would gain or lose a whole wave at either end.
     */
    double dialsPerSecond(double from, double to) {
        int n = Math.min(accepted.get(), acceptedAt.length);
        long[] times = Arrays.copyOf(acceptedAt, n);
        // Acceptances are numbered just after their time is taken, so two close ones may be out of order.
        Arrays.sort(times);
        int first = (int) Math.floor(from * (n - 1));
        int last = (int) Math.floor(to * (n - 1));
        if (last - first < 2 || times[last] == times[first]) {
            throw new IllegalStateException("too few dials (" + n + ") for a rate between " + from + " and " + to);
        }
        int count = last - first + 1;
        double meanT = 0;
        double meanI = 0;
        for (int i = first; i <= last; i++) {
            meanT += (times[i] - times[first]) / 1e9;
            meanI += i;
        }
        meanT /= count;
        meanI /= count;
        double covariance = 0;
        double variance = 0;
        for (int i = first; i <= last; i++) {
            double t = (times[i] - times[first]) / 1e9 - meanT;
            covariance += t * (i - meanI);
            variance += t * t;
        }
        return covariance / variance;
    }

    /** The median time a dial took, in milliseconds. */
    double dialMillisP50() {
        int n = Math.min(accepted.get(), dialNanosTaken.length);
        double[] millis = new double[n];
        for (int i = 0; i < n; i++) {
            millis[i] = dialNanosTaken[i] / 1e6;
        }
        Arrays.sort(millis);
        return Timing.percentile(millis, 50);
    }

    /** Stops the carrier: outcomes not reported yet never will be. */
    @Override
    public void close() {
        webhooks.shutdownNow();
    }
}
