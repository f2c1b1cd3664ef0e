package io.outbound.campaign.spi;

import io.outbound.campaign.CallOutcome;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link CampaignStore#sessionActivity} reads of a campaign's call sessions over a window cut into buckets;
 * core derives the calls in flight from it.
 *
 * @param inFlightAtFrom sessions started before the window and not ended before it (ended at or after its start,
 *                       or not ended)
 * @param started        per bucket, the sessions whose {@code started_at} falls in it
 * @param ended          per bucket, the sessions whose {@code ended_at} falls in it, by outcome (outcomes with none
 *                       may be missing)
 * @param lastStartedAt  the latest {@code started_at} of any session of the campaign, or {@code null}
 * @param lastEndedAt    the latest {@code ended_at} of any session of the campaign, or {@code null}
 */
public record SessionActivity(long inFlightAtFrom, List<Long> started, List<Map<CallOutcome, Long>> ended,
                              Instant lastStartedAt, Instant lastEndedAt) {

    public SessionActivity {
        started = List.copyOf(started);
        ended = ended.stream().map(m -> m.isEmpty() ? Map.<CallOutcome, Long>of() : Map.copyOf(m)).toList();
        if (started.size() != ended.size()) {
            throw new IllegalArgumentException("started has " + started.size() + " buckets, ended "
                    + ended.size());
        }
    }

    /**
     * Counts sessions one at a time into buckets: for a store that reads them itself (in memory, or the default
     * over {@link CampaignStore#sessions}).
     */
    public static final class Counter {
        private final Instant from;
        private final Instant to;
        private final long bucketMillis;
        private final long[] started;
        private final List<Map<CallOutcome, Long>> ended;
        private long inFlightAtFrom;
        private Instant lastStartedAt;
        private Instant lastEndedAt;

        /** A counter over {@code buckets} buckets of {@code bucketMillis} from {@code from}, ending at {@code to}. */
        public Counter(Instant from, Instant to, long bucketMillis, int buckets) {
            this.from = Objects.requireNonNull(from, "from");
            this.to = Objects.requireNonNull(to, "to");
            this.bucketMillis = bucketMillis;
            this.started = new long[buckets];
            this.ended = new java.util.ArrayList<>();
            for (int i = 0; i < buckets; i++) {
                ended.add(new EnumMap<>(CallOutcome.class));
            }
        }

        /** Counts one session of the campaign, whatever its times, each session once. */
        public void add(Instant startedAt, Instant endedAt, CallOutcome outcome) {
            seen(startedAt, endedAt);
            if (startedAt.isBefore(from) && (endedAt == null || !endedAt.isBefore(from))) {
                inFlightAtFrom++;
            }
            if (!startedAt.isBefore(from) && startedAt.isBefore(to)) {
                started[bucket(startedAt)]++;
            }
            if (endedAt != null && outcome != null && !endedAt.isBefore(from) && endedAt.isBefore(to)) {
                ended.get(bucket(endedAt)).merge(outcome, 1L, Long::sum);
            }
        }

        /** Takes a session's times into the latest start and end only (a session {@link #add}ed or not). */
        public void seen(Instant startedAt, Instant endedAt) {
            if (lastStartedAt == null || startedAt.isAfter(lastStartedAt)) {
                lastStartedAt = startedAt;
            }
            if (endedAt != null && (lastEndedAt == null || endedAt.isAfter(lastEndedAt))) {
                lastEndedAt = endedAt;
            }
        }

        private int bucket(Instant instant) {
            long millis = java.time.Duration.between(from, instant).toMillis();
            return (int) Math.min(started.length - 1, millis / bucketMillis);
        }

        /** What was counted. */
        public SessionActivity result() {
            return new SessionActivity(inFlightAtFrom, java.util.Arrays.stream(started).boxed().toList(), ended,
                    lastStartedAt, lastEndedAt);
        }
    }
}
