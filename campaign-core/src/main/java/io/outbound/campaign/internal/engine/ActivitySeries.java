package io.outbound.campaign.internal.engine;

import io.outbound.campaign.ActivityQuery;
import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CampaignActivity;
import io.outbound.campaign.spi.SessionActivity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns what a store counted into the activity series: calls in flight follow from starts and ends. */
final class ActivitySeries {
    private ActivitySeries() {
    }

    static CampaignActivity of(long campaignId, ActivityQuery.Window window, SessionActivity read) {
        if (read.started().size() != window.buckets()) {
            throw new IllegalStateException("the store counted " + read.started().size() + " buckets, asked for "
                    + window.buckets());
        }
        List<CampaignActivity.Bucket> buckets = new ArrayList<>(window.buckets());
        long inFlight = read.inFlightAtFrom();
        for (int i = 0; i < window.buckets(); i++) {
            Map<CallOutcome, Long> ended = read.ended().get(i);
            long endedCount = ended.values().stream().mapToLong(Long::longValue).sum();
            long started = read.started().get(i);
            // A session is in flight at t when it started before t and had not ended before t.
            inFlight += started - endedCount;
            buckets.add(new CampaignActivity.Bucket(window.bucketStart(i), started, endedCount, Math.max(0, inFlight),
                    count(ended, CallOutcome.COMPLETED), count(ended, CallOutcome.NO_ANSWER),
                    count(ended, CallOutcome.BUSY), count(ended, CallOutcome.VOICEMAIL),
                    count(ended, CallOutcome.FAILED), count(ended, CallOutcome.INVALID_NUMBER)));
        }
        return new CampaignActivity(campaignId, window.from(), window.to(), (int) window.bucket().toSeconds(),
                read.inFlightAtFrom(), latest(read.lastStartedAt(), read.lastEndedAt()), buckets);
    }

    private static long count(Map<CallOutcome, Long> ended, CallOutcome outcome) {
        return ended.getOrDefault(outcome, 0L);
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
