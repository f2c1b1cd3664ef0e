package io.outbound.campaign.jdbc;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.spi.SessionActivity;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * The same standard SQL on PostgreSQL and H2.
 */
final class ActivityCounts {
    /**
     * Bucket index of a timestamp: parameters the window's start and the bucket's length, both in seconds. The
     * offset is exact; the division is in double precision, as NUMERIC division rounds to the operands' scale on H2.
     */
    private static final String BUCKET = "FLOOR(CAST(EXTRACT(EPOCH FROM %s) - ? AS DOUBLE PRECISION) / ?)";
    private static final String STARTED = "SELECT b, COUNT(*) FROM (SELECT " + BUCKET.formatted("started_at")
            + " AS b FROM call_sessions WHERE campaign_id = ? AND started_at >= ? AND started_at < ?) s GROUP BY b";
    private static final String ENDED = "SELECT b, o, COUNT(*) FROM (SELECT " + BUCKET.formatted("ended_at")
            + " AS b, outcome AS o FROM call_sessions WHERE campaign_id = ? AND ended_at >= ? AND ended_at < ?) s"
            + " GROUP BY b, o";
    /** In flight at the window's start and still in flight: no end yet (the end index holds them first). */
    private static final String OPEN_BEFORE = "SELECT COUNT(*) FROM call_sessions"
            + " WHERE campaign_id = ? AND ended_at IS NULL AND started_at < ?";
    /** In flight at the window's start and ended since: read from the end index from the window's start on. */
    private static final String ENDED_SINCE = "SELECT COUNT(*) FROM call_sessions"
            + " WHERE campaign_id = ? AND ended_at >= ? AND started_at < ?";
    private static final String LATEST = "SELECT MAX(started_at) AS last_started, MAX(ended_at) AS last_ended"
            + " FROM call_sessions WHERE campaign_id = ?";

    private final JdbcDialect dialect;

    ActivityCounts(JdbcDialect dialect) {
        this.dialect = dialect;
    }

    SessionActivity read(Connection connection, long campaignId, Instant from, Instant to, Duration bucket,
                         int buckets) throws SQLException {
        BigDecimal fromSeconds = BigDecimal.valueOf(from.getEpochSecond())
                .add(BigDecimal.valueOf(from.getNano(), 9));
        double bucketSeconds = bucket.toMillis() / 1000.0;
        long[] started = new long[buckets];
        try (PreparedStatement select = connection.prepareStatement(STARTED)) {
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
        try (PreparedStatement select = connection.prepareStatement(ENDED)) {
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
        long inFlightAtFrom = count(connection, OPEN_BEFORE, campaignId, from, null)
                + count(connection, ENDED_SINCE, campaignId, from, from);
        Instant lastStarted;
        Instant lastEnded;
        try (PreparedStatement select = connection.prepareStatement(LATEST)) {
            select.setLong(1, campaignId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                lastStarted = dialect.getInstant(row, "last_started");
                lastEnded = dialect.getInstant(row, "last_ended");
            }
        }
        return new SessionActivity(inFlightAtFrom, Arrays.stream(started).boxed().toList(), ended, lastStarted,
                lastEnded);
    }

    private void bindWindow(PreparedStatement select, BigDecimal fromSeconds, double bucketSeconds,
                            long campaignId, Instant from, Instant to) throws SQLException {
        select.setBigDecimal(1, fromSeconds);
        select.setDouble(2, bucketSeconds);
        select.setLong(3, campaignId);
        dialect.setInstant(select, 4, from);
        dialect.setInstant(select, 5, to);
    }

    private long count(Connection connection, String sql, long campaignId, Instant first, Instant second)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, campaignId);
            dialect.setInstant(select, 2, first);
            if (second != null) {
                dialect.setInstant(select, 3, second);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The bucket a counted row belongs to; the database's rounding at the window's end lands in the last one. */
    private static int index(long bucket, int buckets) {
        return (int) Math.max(0, Math.min(buckets - 1, bucket));
    }
}
