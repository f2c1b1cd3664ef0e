package io.outbound.campaign.benchmarks;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.testkit.InMemoryCampaignStore;
import java.util.List;

/**
 * {@code dispatch-memory}: a campaign of a million contacts on the in-memory store, every call completing the
 * moment it is dialled, dispatch driven by {@code runOnce()} on one thread: completed calls a second from
 * start to the last outcome. Target: at least 100,000.
 */
final class DispatchMemoryScenario implements Scenario {

    static final int CONTACTS = 1_000_000;
    static final double TARGET_CALLS_PER_SECOND = 100_000;

    @Override
    public String name() {
        return "dispatch-memory";
    }

    @Override
    public List<Figure> run(BenchContext context) {
        int contacts = context.size(CONTACTS);
        // A tenth-size campaign first, so that the measured one runs compiled code.
        dispatch(context, ContactFile.allValid(Math.max(1, contacts / 10)));
        Result result = dispatch(context, ContactFile.allValid(contacts));
        return List.of(
                Figure.of(name(), "calls_per_second", result.completed() / result.seconds(), "calls/s")
                        .valueAtLeast(TARGET_CALLS_PER_SECOND),
                Figure.of(name(), "calls_completed", result.completed(), "calls"),
                Figure.of(name(), "seconds", result.seconds(), "s"));
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

    private record Result(long completed, double seconds) {
    }
}
