package io.outbound.campaign.benchmarks;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.ClaimResult;
import io.outbound.campaign.spi.HandOverRequest;
import io.outbound.campaign.spi.HandOverResult;
import io.outbound.campaign.spi.OrgLimits;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.spi.RecordResult;
import io.outbound.campaign.memory.InMemoryCampaignStore;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dispatch-memory}: a campaign of a million contacts on the in-memory store, every call completing the
 * moment it is dialled, dispatch driven by {@code runOnce()} on one thread: completed calls a second from
 * {@code start()} to the last outcome. Target: at least 100,000.
 *
 * <p>Baseline, measured in the same run on a fresh in-memory store with the same contacts (imported the same way,
 * untimed): the store's own operations for the same calls, driven by a plain loop on one thread with no engine.
 * Each turn claims a batch ({@code claim}, the engine's default batch of
 * {@value CampaignEngine.Builder#DEFAULT_CLAIM_BATCH_SIZE}, the same caller numbers and lease), hands the batch
 * over ({@code handOver}) and records a {@code COMPLETED} outcome for each call ({@code recordOutcome}), until a
 * claim finds nothing and the store has completed the campaign. It is timed from the campaign's start, like the
 * engine. It does what the store must do for every call whoever drives it; it does not do what the engine adds:
 * no dispatcher pass or dial pool, no hand-off of dials to the pool's queue, no telephony or report routing, no
 * retry planning, no calling-hours or pacing checks, no lease renewal. The ratio is therefore the share of the
 * time the engine leaves to the store: 1 would mean the engine costs nothing on top of it.
 */
final class DispatchMemoryScenario implements Scenario {

    static final int CONTACTS = 1_000_000;
    static final double TARGET_CALLS_PER_SECOND = 100_000;
    private static final CallResult COMPLETED = CallResult.of(CallOutcome.COMPLETED);
    private static final Duration LEASE = Duration.ofMinutes(5);

    @Override
    public String name() {
        return "dispatch-memory";
    }

    @Override
    public List<Figure> run(BenchContext context) {
        int contacts = context.size(CONTACTS);
        // Tenth-size campaigns first, so that the measured ones run compiled code.
        ContactFile warmup = ContactFile.allValid(Math.max(1, contacts / 10));
        dispatch(context, warmup);
        storeAlone(context, warmup);
        ContactFile file = ContactFile.allValid(contacts);
        Result engine = dispatch(context, file);
        Result store = storeAlone(context, file);
        return List.of(
                Figure.against(name(), "calls_per_second", engine.completed() / engine.seconds(),
                        store.completed() / store.seconds(), "calls/s")
                        .valueAtLeast(TARGET_CALLS_PER_SECOND),
                Figure.of(name(), "calls_completed", engine.completed(), "calls"),
                Figure.of(name(), "store_bytes_allocated_per_call", store.bytesPerCall(), "bytes"),
                Figure.against(name(), "seconds", engine.seconds(), store.seconds(), "s"));
    }

    private Result dispatch(BenchContext context, ContactFile file) {
        String key = StoredFiles.key(context, file);
        InstantTelephony telephony = new InstantTelephony();
        try (CampaignEngine engine = Engines.build(new InMemoryCampaignStore(), StoredFiles.store(context),
                telephony, "memory-node")) {
            Campaign campaign = Engines.create(engine, "dispatch-memory", key);
            double seconds = Engines.dispatchToTheEnd(engine, campaign.id());
            CampaignProgress progress = Engines.progress(engine, campaign.id());
            if (progress.completed() != file.rows() || telephony.dials() != file.rows()) {
                throw new IllegalStateException("expected " + file.rows() + " completed calls, got " + progress
                        + " after " + telephony.dials() + " dials");
            }
            return new Result(progress.completed(), seconds);
        }
    }

    /** The baseline: the store's claim, handOver and recordOutcome for every contact, driven by a plain loop. */
    private Result storeAlone(BenchContext context, ContactFile file) {
        String key = StoredFiles.key(context, file);
        InMemoryCampaignStore store = new InMemoryCampaignStore();
        // The engine only imports and starts the campaign here; it is never run, so nothing else touches the store.
        try (CampaignEngine engine = Engines.build(store, StoredFiles.store(context), new InstantTelephony(),
                "store-alone-node")) {
            Campaign campaign = Engines.create(engine, "dispatch-memory baseline", key);
            int batch = Math.min(CampaignEngine.Builder.DEFAULT_CLAIM_BATCH_SIZE, campaign.maxConcurrency());
            long allocated = allocatedByThisThread();
            long started = System.nanoTime();
            engine.campaigns().start(Engines.ORG, campaign.id());
            long recorded = 0;
            while (true) {
                Instant now = Instant.now();
                ClaimResult claim = store.claim(new ClaimRequest(campaign.id(), "store-alone-node", now,
                        now.plus(LEASE), batch, OrgLimits.UNLIMITED, Engines.callerNumbers()));
                if (claim.calls().isEmpty()) {
                    if (claim.campaign().status() != CampaignStatus.COMPLETED) {
                        throw new IllegalStateException("the store claimed nothing for a campaign in "
                                + claim.campaign().status() + " after " + recorded + " outcomes");
                    }
                    break;
                }
                List<String> ids = new ArrayList<>(claim.calls().size());
                for (CallSession call : claim.calls()) {
                    ids.add(call.sessionId());
                }
                HandOverResult handed = store.handOver(new HandOverRequest(ids, now, null));
                for (String id : handed.handedOver()) {
                    RecordResult result = store.recordOutcome(new OutcomeReport(id, COMPLETED, Instant.now(),
                            (c, outcome, attempt, endedAt) -> null,
                            CampaignEngine.Builder.DEFAULT_PAUSE_AFTER_CONSECUTIVE_FAILURES));
                    if (result.kind() == RecordResult.Kind.RECORDED) {
                        recorded++;
                    }
                }
            }
            double seconds = Timing.since(started);
            double bytesPerCall = (double) (allocatedByThisThread() - allocated) / file.rows();
            CampaignProgress progress = Engines.progress(engine, campaign.id());
            if (recorded != file.rows() || progress.completed() != file.rows()) {
                throw new IllegalStateException("the baseline expected " + file.rows() + " completed calls, got "
                        + recorded + " outcomes and " + progress);
            }
            return new Result(progress.completed(), seconds, bytesPerCall);
        }
    }

    /**
     * The bytes this thread has allocated so far. The baseline's loop runs on one thread, so the difference is what
     * the store's operations (and the loop's requests) allocate per call: a figure that, unlike the rates, hardly
     * moves with the machine's load, and what garbage collection then costs the store's callers.
     */
    private static long allocatedByThisThread() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getCurrentThreadAllocatedBytes();
    }

    private record Result(long completed, double seconds, double bytesPerCall) {
        Result(long completed, double seconds) {
            this(completed, seconds, Double.NaN);
        }
    }
}
