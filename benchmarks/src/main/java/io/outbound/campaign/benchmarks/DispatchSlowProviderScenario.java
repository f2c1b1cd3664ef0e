package io.outbound.campaign.benchmarks;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.memory.InMemoryCampaignStore;
import java.util.List;

/**
 * {@code dispatch-slow-provider}: the dial runtime against a carrier whose API takes 100 ms to accept a dial
 * ({@link SlowTelephony#dial} blocks that long, standing for the HTTP round trip) and whose calls last 2 s
 * (the outcome, {@code COMPLETED}, is reported 2 s after acceptance from a scheduler thread, as a webhook
 * would). Real clock, real threads ({@code engine.start()}), the in-memory store and the run's local files.
 * A run ends when its last contact's dial has been accepted: after that the calls in flight only drain.
 *
 * <ul>
 *   <li>{@code concurrency_ratio}: a campaign with {@code max_concurrency} 40 and 240 contacts (a quick run:
 *       40, never fewer), on the default pool of 32: the most calls in flight at once (counted by the carrier:
 *       accepted and not yet ended) divided by 40. Target: at least 0.9. Bounded above by {@code max_concurrency}
 *       itself (claimed calls waiting for a dial place count against it); reaching it needs the node to
 *       accept 40 dials within one call length, that is {@code dialConcurrency / 0.1 s × 2 s = 640 ≥ 40}.
 *       Later waves are staggered: a slot freed by an outcome stays empty for the claim, the handover and the
 *       100 ms dial, so the average in flight is about {@code 2 / 2.1} of 40; the peak is the best moment.</li>
 *   <li>{@code dial_rate_ratio}: the pool saturated: {@code dialConcurrency} 32, a campaign with
 *       {@code max_concurrency} 1000 and 4,000 contacts (quick: 200): dials accepted a second between the 20 %
 *       and the 80 % dial, divided by the pool's limit {@code dialConcurrency / 0.1 s} = 320/s (absolute:
 *       {@code dials_per_second}). No target. Bounded by that limit: a place is held for the 100 ms round trip
 *       plus the per-dial work around it (the store's {@code handOver}, the pool's bookkeeping, a hand-off
 *       between threads, and on two shared cores the scheduling of 32 sleeping threads and the sleep's own
 *       overshoot, see {@code dial_p50_ms}). Neither {@code max_concurrency} nor the 1,000 caller numbers
 *       binds: in flight plus waiting stays near {@code 320/s × 2.1 s ≈ 670}. A quick run's 200 dials take
 *       well under a call length, so its rate has no outcomes competing with it.</li>
 * </ul>
 *
 * <p>Baseline, measured in the same run and labelled {@code baseline_dial_concurrency}: the concurrency
 * campaign again on an engine built with {@code dialConcurrency(1)}, the closest the runtime gets to the
 * previous design, where every dial ran on the dispatcher thread one after another. One place gives at most
 * {@code 1 / 0.1 s} = 10 dials a second and so about {@code 10/s × 2 s = 20} calls in flight of the 40 allowed;
 * its 40 are never the cap, so the same run is also the baseline of {@code dials_per_second}.
 *
 * <p>A full run takes about 50 s (the baseline alone 24 s), a quick one about 6 s. Measured on the project's
 * 2-core machine at load 1.0: {@code concurrency_ratio} 1.0 against 0.5 with one place; 319 dials/s, a
 * {@code dial_rate_ratio} of 0.996, against 9.95/s with one place.
 */
final class DispatchSlowProviderScenario implements Scenario {

    static final long DIAL_MILLIS = 100;
    static final long CALL_MILLIS = 2_000;
    static final int MAX_CONCURRENCY = 40;
    static final int CONCURRENCY_CONTACTS = 240;
    static final int RATE_MAX_CONCURRENCY = Engines.MAX_CONCURRENCY;
    static final int RATE_CONTACTS = 4_000;
    static final int DIAL_CONCURRENCY = CampaignEngine.Builder.DEFAULT_DIAL_CONCURRENCY;
    static final double TARGET_CONCURRENCY_RATIO = 0.9;
    /** The steady state of a run: from the acceptance of this fraction of its dials... */
    private static final double FROM = 0.2;
    /** ...to this one. */
    private static final double TO = 0.8;

    @Override
    public String name() {
        return "dispatch-slow-provider";
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        // At least one campaign's worth, so that a quick run can fill it too.
        int concurrencyContacts = Math.max(MAX_CONCURRENCY, context.size(CONCURRENCY_CONTACTS));
        // Enough waves of the pool for a slope, however far the sizes are cut.
        int rateContacts = Math.max(4 * DIAL_CONCURRENCY, context.size(RATE_CONTACTS));

        Run concurrency = run(context, "concurrency", DIAL_CONCURRENCY, MAX_CONCURRENCY, concurrencyContacts);
        Run oneAtATime = run(context, "one place", 1, MAX_CONCURRENCY, concurrencyContacts);
        Run saturated = run(context, "saturated", DIAL_CONCURRENCY, RATE_MAX_CONCURRENCY, rateContacts);

        double poolLimit = DIAL_CONCURRENCY * 1000.0 / DIAL_MILLIS;
        double onePlaceLimit = 1000.0 / DIAL_MILLIS;
        return List.of(
                Figure.against(name(), "concurrency_ratio", (double) concurrency.peakInFlight() / MAX_CONCURRENCY,
                        (double) oneAtATime.peakInFlight() / MAX_CONCURRENCY, "of max_concurrency")
                        .valueAtLeast(TARGET_CONCURRENCY_RATIO),
                Figure.of(name(), "dial_rate_ratio", saturated.dialsPerSecond() / poolLimit,
                        "of dialConcurrency / 0.1 s"),
                Figure.against(name(), "peak_calls_in_flight", concurrency.peakInFlight(),
                        oneAtATime.peakInFlight(), "calls"),
                Figure.against(name(), "dials_per_second", saturated.dialsPerSecond(),
                        oneAtATime.dialsPerSecond(), "dials/s"),
                Figure.of(name(), "dial_pool_limit_per_second", poolLimit, "dials/s"),
                Figure.of(name(), "baseline_dial_rate_ratio", oneAtATime.dialsPerSecond() / onePlaceLimit,
                        "of 1 / 0.1 s"),
                Figure.of(name(), "baseline_dial_concurrency", 1, "dial places (measured baseline)"),
                Figure.of(name(), "dial_p50_ms", saturated.dialMillisP50(), "ms"),
                Figure.of(name(), "concurrency_contacts", concurrencyContacts, "contacts"),
                Figure.of(name(), "rate_contacts", rateContacts, "contacts"),
                Figure.of(name(), "concurrency_seconds", concurrency.seconds(), "s"),
                Figure.of(name(), "baseline_seconds", oneAtATime.seconds(), "s"),
                Figure.of(name(), "rate_seconds", saturated.seconds(), "s"));
    }

    /**
     * Dials the campaign on a started engine until every contact's dial has been accepted, then stops the
     * carrier and the engine.
     */
    private Run run(BenchContext context, String label, int dialConcurrency, int maxConcurrency, int contacts)
            throws InterruptedException {
        String key = StoredFiles.key(context, ContactFile.allValid(contacts));
        SlowTelephony telephony = new SlowTelephony(DIAL_MILLIS, CALL_MILLIS, contacts);
        CampaignEngine engine = Engines.builder(new InMemoryCampaignStore(), StoredFiles.store(context), telephony,
                "slow-provider-node").dialConcurrency(dialConcurrency).build();
        try {
            telephony.connect(engine.calls());
            Campaign campaign = Engines.create(engine, name() + " " + label, key, maxConcurrency);
            engine.start();
            long started = System.nanoTime();
            engine.campaigns().start(Engines.ORG, campaign.id());
            // Generous: ten times the dials one place could make, plus a call length for every wave.
            long timeoutMillis = 60_000 + 10 * contacts * DIAL_MILLIS / dialConcurrency
                    + 2 * CALL_MILLIS * (contacts / maxConcurrency + 1);
            if (!telephony.awaitAllAccepted(timeoutMillis)) {
                throw new IllegalStateException(label + ": only " + telephony.dials() + " of " + contacts
                        + " dials were accepted within " + timeoutMillis + " ms; "
                        + Engines.progress(engine, campaign.id()));
            }
            double seconds = Timing.since(started);
            telephony.close();
            CampaignProgress progress = Engines.progress(engine, campaign.id());
            if (progress.failed() != 0 || progress.pending() != 0 || telephony.dials() != contacts) {
                throw new IllegalStateException(label + ": expected " + contacts + " dials and no failure, got "
                        + telephony.dials() + " dials and " + progress);
            }
            if (telephony.peakInFlight() > maxConcurrency) {
                throw new IllegalStateException(label + ": " + telephony.peakInFlight()
                        + " calls were in flight at once, above max_concurrency " + maxConcurrency);
            }
            return new Run(telephony.peakInFlight(), telephony.dialsPerSecond(FROM, TO), telephony.dialMillisP50(),
                    seconds);
        } finally {
            // The carrier first: no outcome reaches an engine that is closing.
            telephony.close();
            engine.close();
        }
    }

    private record Run(int peakInFlight, double dialsPerSecond, double dialMillisP50, double seconds) {
    }
}
