package io.outbound.campaign.samples;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallReports;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.spi.CallRequest;
import io.outbound.campaign.spi.Telephony;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A telephony provider simulated in real time, for the demo and the sample HTTP host. Each dialled call ends
 * after a short random time with an outcome drawn from an {@link OutcomeMix}, and is reported to the engine
 * from a scheduler thread, as a provider's webhook would be.
 *
 * <p>The outcome and length of a call are a function of the seed, the number and the attempt, so a campaign
 * over the same contacts ends the same way on every run, whatever order the engine dials in.
 *
 * <p>Time is compressed: calls run {@code compression} times faster than the durations they report
 * ({@value Builder#DEFAULT_COMPRESSION} by default, so a call lasting 45 ms reports 45 s), so that reports
 * look like real calling while a campaign of a thousand contacts finishes in seconds.
 */
public final class SimulatedTelephony implements Telephony, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulatedTelephony.class);
    private static final int REPORT_ATTEMPTS = 100;
    private static final long REPORT_RETRY_MILLIS = 25;
    private static final List<String> SUMMARIES = List.of(
            "Interested; asked for a follow-up email with pricing.",
            "Not interested at the moment; call again next quarter.",
            "Booked a demo for next week.",
            "Already a customer; updated their contact details.",
            "Asked to be removed from the calling list.");

    private final OutcomeMix mix;
    private final long minMillis;
    private final long maxMillis;
    private final long compression;
    private final long seed;
    private final ScheduledExecutorService scheduler;
    private final List<Runnable> held = new ArrayList<>();
    private volatile CallReports reports;
    private boolean holding;

    private SimulatedTelephony(Builder builder) {
        this.mix = builder.mix;
        this.minMillis = builder.minDuration.toMillis();
        this.maxMillis = builder.maxDuration.toMillis();
        this.compression = builder.compression;
        this.seed = builder.seed;
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "simulated-telephony");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A builder with the realistic mix and calls of 20 to 80 ms. */
    public static Builder builder() {
        return new Builder();
    }

    /** Where outcomes are reported: the engine's {@code calls()}. Must be set before the first dial. */
    public SimulatedTelephony connect(CallReports reports) {
        this.reports = Objects.requireNonNull(reports, "reports");
        return this;
    }

    /** The outcome a call to the number gets at the attempt (1 for the first). */
    public CallOutcome outcomeOf(String number, int attempt) {
        return mix.pick(draw(number, attempt).nextDouble());
    }

    @Override
    public void dial(CallRequest request) {
        if (reports == null) {
            throw new IllegalStateException("SimulatedTelephony is not connected to an engine's calls()");
        }
        SplittableRandom random = draw(request.toNumber(), request.attempt());
        CallOutcome outcome = mix.pick(random.nextDouble());
        long millis = minMillis + random.nextLong(maxMillis - minMillis + 1);
        CallResult result = result(outcome, millis, random);
        scheduler.schedule(() -> end(() -> deliver(request.sessionId(), result, 1)), millis, TimeUnit.MILLISECONDS);
    }

    /**
     * From now on, calls that end keep their outcome until {@link #releaseOutcomes()}, so that a test can look
     * at a campaign while its calls are in flight.
     */
    public synchronized void holdOutcomes() {
        holding = true;
    }

    /** Reports every held outcome and stops holding. */
    public void releaseOutcomes() {
        List<Runnable> due;
        synchronized (this) {
            holding = false;
            due = new ArrayList<>(held);
            held.clear();
        }
        due.forEach(scheduler::execute);
    }

    /** Stops the scheduler; calls not yet reported stay in flight in the engine. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private void end(Runnable report) {
        synchronized (this) {
            if (holding) {
                held.add(report);
                return;
            }
        }
        report.run();
    }

    private SplittableRandom draw(String number, int attempt) {
        long mixed = seed * 0x9E3779B97F4A7C15L + number.hashCode() * 31L + attempt;
        return new SplittableRandom(mixed);
    }

    private CallResult result(CallOutcome outcome, long millis, SplittableRandom random) {
        long seconds = millis * compression / 1000;
        if (outcome != CallOutcome.COMPLETED) {
            long shortCall = outcome == CallOutcome.VOICEMAIL ? seconds / 2 : Math.min(seconds, 30) / 3;
            return new CallResult(outcome, false, null, null, shortCall, null, null,
                    outcome == CallOutcome.FAILED ? "simulated carrier error" : null);
        }
        String summary = SUMMARIES.get(random.nextInt(SUMMARIES.size()));
        Map<String, Object> extracted = Map.of("interested", summary.startsWith("Interested")
                || summary.startsWith("Booked"), "callback_requested", random.nextInt(4) == 0);
        return new CallResult(outcome, true, null, null, seconds, summary, extracted, null);
    }

    /** Reports, retrying while the store is unavailable, as a provider retries a webhook. */
    private void deliver(String sessionId, CallResult result, int attempt) {
        try {
            reports.report(sessionId, result);
        } catch (CampaignException e) {
            if (e.code() == ErrorCode.STORE_UNAVAILABLE && attempt < REPORT_ATTEMPTS && !scheduler.isShutdown()) {
                scheduler.schedule(() -> deliver(sessionId, result, attempt + 1), REPORT_RETRY_MILLIS,
                        TimeUnit.MILLISECONDS);
            } else {
                log.warn("could not report the outcome of session {}: {}", sessionId, e.getMessage());
            }
        } catch (RuntimeException e) {
            log.warn("could not report the outcome of session {}: {}", sessionId, e.toString());
        }
    }

    /** Builds a {@link SimulatedTelephony}. */
    public static final class Builder {
        /** How many times faster than reported calls really run: a real millisecond per reported second. */
        public static final long DEFAULT_COMPRESSION = 1000;
        /** The shortest call. */
        public static final Duration DEFAULT_MIN_DURATION = Duration.ofMillis(20);
        /** The longest call. */
        public static final Duration DEFAULT_MAX_DURATION = Duration.ofMillis(80);

        private OutcomeMix mix = OutcomeMix.realistic();
        private Duration minDuration = DEFAULT_MIN_DURATION;
        private Duration maxDuration = DEFAULT_MAX_DURATION;
        private long compression = DEFAULT_COMPRESSION;
        private long seed = 42;

        private Builder() {
        }

        /** How outcomes are distributed; default {@link OutcomeMix#realistic()}. */
        public Builder mix(OutcomeMix mix) {
            this.mix = Objects.requireNonNull(mix, "mix");
            return this;
        }

        /** The range of real call lengths, inclusive. */
        public Builder callDuration(Duration min, Duration max) {
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("call durations must satisfy 0 <= min <= max, were " + min
                        + " and " + max);
            }
            this.minDuration = min;
            this.maxDuration = max;
            return this;
        }

        /** How many times faster than reported calls really run ({@code 1}: real time); default 1000. */
        public Builder compression(long compression) {
            if (compression < 1) {
                throw new IllegalArgumentException("compression must be at least 1, was " + compression);
            }
            this.compression = compression;
            return this;
        }

        /** The seed that, with each number and attempt, fixes the call's outcome and length. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The telephony; connect it to an engine's {@code calls()} before dialling. */
        public SimulatedTelephony build() {
            return new SimulatedTelephony(this);
        }
    }
}
