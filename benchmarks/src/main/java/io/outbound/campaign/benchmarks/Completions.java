package io.outbound.campaign.benchmarks;

import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.events.CampaignListener;
import io.outbound.campaign.events.CampaignStatusChanged;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The campaigns that the engines this listens to saw complete, so that a scenario learns of its campaign's end
 * from the engine's event rather than by reading its progress from the store every few milliseconds: such reads
 * run on the database whose work is being measured, and db-scheduler's side waits on a latch, not on its tables.
 * The progress is still read every {@value #CHECK_MILLIS} ms, for a campaign whose event did not come.
 */
final class Completions implements CampaignListener {
    private static final long CHECK_MILLIS = 500;
    private final Set<Long> completed = new HashSet<>();

    @Override
    public synchronized void campaignStatusChanged(CampaignStatusChanged event) {
        if (event.to() == CampaignStatus.COMPLETED) {
            completed.add(event.campaignId());
            notifyAll();
        }
    }

    /** Waits until the campaign completed or its progress shows nothing left; fails after {@code deadlineNanos}. */
    void await(CampaignEngine engine, long campaignId, long deadlineNanos) throws InterruptedException {
        while (true) {
            synchronized (this) {
                long left = deadlineNanos - System.nanoTime();
                if (!completed.contains(campaignId) && left > 0) {
                    TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(CHECK_MILLIS)));
                }
                if (completed.contains(campaignId)) {
                    return;
                }
            }
            if (Engines.progress(engine, campaignId).finished()) {
                return;
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new IllegalStateException("campaign " + campaignId + " did not finish in time: "
                        + Engines.progress(engine, campaignId));
            }
        }
    }
}
