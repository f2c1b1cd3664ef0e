package io.outbound.campaign.jdbc;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.spi.SessionActivity;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The activity series' counts, counted in the database: each statement is a range scan of one index of
 * {@code call_sessions} ({@code (campaign_id, started_at)} or {@code (campaign_id, ended_at)}) grouped into at most
 * as many rows as there are buckets, so the cost follows the sessions of the window, never the campaign's size.
 * The same standard SQL on PostgreSQL and H2, in {@code sql/activity-*.sql}.
 *
 * <p>The sessions in flight at the window's start are counted on whichever side of it holds fewer sessions (judged
 * by time, between the campaign's first call and its latest activity): before it, the sessions started less those
 * ended; after it, the sessions not ended before it less those started since. Both hold because a session never
 * ends before it starts ({@link io.outbound.campaign.rules.SessionEnd} clamps every end), and each reads one bounded
 * range of an index: a window at the end of a long campaign (what a dashboard polls) reads what came after its
 * start, one at its beginning what came before, never the whole campaign.
 */
final class ActivityCounts {
    private final JdbcDialect dialect;
    private final SqlStatements sql;

    ActivityCounts(JdbcDialect dialect) {
        this.dialect = dialect;
        this.sql = dialect.statements();
    }

    SessionActivity read(Connection connection, long campaignId, Instant from, Instant to, Duration bucket,
                         int buckets) throws SQLException {
        BigDecimal fromSeconds = BigDecimal.valueOf(from.getEpochSecond())
                .add(BigDecimal.valueOf(from.getNano(), 9));
        double bucketSeconds = bucket.toMillis() / 1000.0;
        long[] started = new long[buckets];
        try (BoundStatement select = sql.prepare(connection, Sql.ACTIVITY_STARTED)) {
            bindWindow(select, fromSeconds, bucketSeconds, campaignId, from, to);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    started[index(rows.getLong(1), buckets)] += rows.getLong(2);
                }
            }
        }
        List<Map<CallOutcome, Long>> ended = new ArrayList<>(buckets);
        for (int i = 0; i < buckets; i++) {
            ended.add(new EnumMap<>(CallOutcome.class));
        }
        try (BoundStatement select = sql.prepare(connection, Sql.ACTIVITY_ENDED)) {
            bindWindow(select, fromSeconds, bucketSeconds, campaignId, from, to);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String outcome = rows.getString(2);
                    if (outcome != null) {
                        ended.get(index(rows.getLong(1), buckets)).merge(CallOutcome.valueOf(outcome),
                                rows.getLong(3), Long::sum);
                    }
                }
            }
        }
        Instant firstStarted;
        Instant lastStarted;
        Instant lastEnded;
        try (BoundStatement select = sql.prepare(connection, Sql.ACTIVITY_BOUNDS)) {
            select.setLong("campaignId", campaignId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                firstStarted = dialect.getInstant(row, "first_started");
                lastStarted = dialect.getInstant(row, "last_started");
                lastEnded = dialect.getInstant(row, "last_ended");
            }
        }
        long inFlightAtFrom = 0;
        if (firstStarted != null && firstStarted.isBefore(from)) {
            inFlightAtFrom = inFlightAt(connection, campaignId, from,
                    countedBefore(firstStarted, from, latest(lastStarted, lastEnded)));
        }
        return new SessionActivity(inFlightAtFrom, Arrays.stream(started).boxed().toList(), ended, lastStarted,
                lastEnded);
    }

    private static void bindWindow(BoundStatement select, BigDecimal fromSeconds, double bucketSeconds,
                                   long campaignId, Instant from, Instant to) throws SQLException {
        select.setBigDecimal("fromSeconds", fromSeconds).setDouble("bucketSeconds", bucketSeconds)
                .setLong("campaignId", campaignId).setInstant("from", from).setInstant("to", to);
    }

    /**
     * Whether the sessions in flight at {@code at} are counted before it ({@code activity-in-flight-counted-before}),
     * the campaign's first call being nearer to it than its latest activity, or after it
     * ({@code activity-in-flight-counted-after}).
     */
    static boolean countedBefore(Instant firstStarted, Instant at, Instant latest) {
        return Duration.between(firstStarted, at).compareTo(Duration.between(at, latest)) <= 0;
    }

    long inFlightAt(Connection connection, long campaignId, Instant at, boolean before) throws SQLException {
        try (BoundStatement select = sql.prepare(connection, before ? Sql.ACTIVITY_IN_FLIGHT_COUNTED_BEFORE
                : Sql.ACTIVITY_IN_FLIGHT_COUNTED_AFTER)) {
            select.setLong("campaignId", campaignId).setInstant("at", at);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static Instant latest(Instant lastStarted, Instant lastEnded) {
        return lastEnded != null && lastEnded.isAfter(lastStarted) ? lastEnded : lastStarted;
    }

    /** The bucket a counted row belongs to; the database's rounding at the window's end lands in the last one. */
    private static int index(long bucket, int buckets) {
        return (int) Math.max(0, Math.min(buckets - 1, bucket));
    }
}
