package io.outbound.campaign.jdbc;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.rules.CounterDelta;
import io.outbound.campaign.spi.CampaignChange;
import io.outbound.campaign.spi.NewCampaign;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code campaigns} table and its {@code campaign_counter_shards}: reading, locking and writing one campaign.
 * A campaign's counters are its row's own plus the sums of its shards; every read returns the totals. Standard
 * SQL for every dialect.
 */
final class CampaignTable {
    static final String COLUMNS = "id, org_id, name, workflow_id, contacts_file_key, max_concurrency, calling_hours,"
            + " retry_config, telephony_configuration_id, status, status_reason, contact_columns, import_summary,"
            + " parent_campaign_id, created_at, updated_at, started_at, completed_at, pending, in_progress,"
            + " retry_scheduled, completed, failed, answered, skipped, consecutive_failures, fresh_claimed_through,"
            + " session_count, contact_rules, contact_zones";

    private static final String LOCK = "SELECT " + COLUMNS + " FROM campaigns WHERE id = ? FOR UPDATE";
    /** The sums of the campaign's counter shards, as columns {@code shard_pending}, ... */
    private static final String SHARD_SUMS = """
            SELECT COALESCE(SUM(pending), 0) AS shard_pending, COALESCE(SUM(in_progress), 0) AS shard_in_progress,
                   COALESCE(SUM(retry_scheduled), 0) AS shard_retry_scheduled,
                   COALESCE(SUM(completed), 0) AS shard_completed, COALESCE(SUM(failed), 0) AS shard_failed,
                   COALESCE(SUM(skipped), 0) AS shard_skipped, COALESCE(SUM(answered), 0) AS shard_answered
              FROM campaign_counter_shards WHERE campaign_id = %s""";
    /** A campaign with its totals, without a lock, by a session of it: one round trip. */
    private static final String FIND_BY_SESSION = "SELECT " + COLUMNS + ", s.* FROM campaigns CROSS JOIN ("
            + SHARD_SUMS.formatted("(SELECT campaign_id FROM call_sessions WHERE session_id = ?)") + ") s"
            + " WHERE id = (SELECT campaign_id FROM call_sessions WHERE session_id = ?)";
    private static final String SHARD_SUMS_OF = """
            SELECT campaign_id, SUM(pending) AS shard_pending, SUM(in_progress) AS shard_in_progress,
                   SUM(retry_scheduled) AS shard_retry_scheduled, SUM(completed) AS shard_completed,
                   SUM(failed) AS shard_failed, SUM(skipped) AS shard_skipped, SUM(answered) AS shard_answered
              FROM campaign_counter_shards WHERE campaign_id IN (%s) GROUP BY campaign_id""";
    /** The campaigns of several sessions, without a lock: {@code by_session_id} tells which session's. */
    private static final String FIND_BY_SESSIONS = "SELECT s.session_id AS by_session_id, "
            + SessionTable.prefixed("c", COLUMNS) + " FROM call_sessions s JOIN campaigns c ON c.id = s.campaign_id"
            + " WHERE s.session_id IN (%s)";
    private static final String INSERT_SHARD = "INSERT INTO campaign_counter_shards (campaign_id, shard) VALUES (?, ?)";
    private static final String MOVE_SHARD = """
            UPDATE campaign_counter_shards SET pending = pending + ?, in_progress = in_progress + ?,
                   retry_scheduled = retry_scheduled + ?, completed = completed + ?, failed = failed + ?,
                   skipped = skipped + ?, answered = answered + ?
             WHERE campaign_id = ? AND shard = ?
            """;
    /** A campaign's status and totals only: no JSON column is read or parsed. */
    private static final String FIND_PROGRESS = "SELECT status, pending, in_progress, retry_scheduled, completed,"
            + " failed, skipped, answered, s.* FROM campaigns CROSS JOIN (" + SHARD_SUMS.formatted("?")
            + ") s WHERE id = ? AND org_id = ?";
    private static final String FIND = "SELECT " + COLUMNS + ", s.* FROM campaigns CROSS JOIN ("
            + SHARD_SUMS.formatted("?") + ") s WHERE id = ? AND org_id = ?";
    private static final String INSERT = """
            INSERT INTO campaigns (org_id, name, workflow_id, contacts_file_key, max_concurrency, calling_hours,
                                   retry_config, telephony_configuration_id, status, parent_campaign_id,
                                   created_at, updated_at, contact_rules)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?)
            """;
    private static final String WRITE_IMPORT = """
            UPDATE campaigns SET contact_columns = ?, import_summary = ?, contact_zones = ?, pending = ?,
                                 version = version + 1
             WHERE id = ?
            """;
    private static final String WRITE_CHANGE = """
            UPDATE campaigns SET name = ?, max_concurrency = ?, calling_hours = ?, retry_config = ?, status = ?,
                                 status_reason = ?, updated_at = ?, started_at = ?, completed_at = ?,
                                 contact_rules = ?, version = version + 1
             WHERE id = ?
            """;
    private static final String WRITE_CLAIMED =
            "UPDATE campaigns SET fresh_claimed_through = ?, session_count = session_count + ? WHERE id = ?";
    private static final String WRITE_RETURNED =
            "UPDATE campaigns SET fresh_claimed_through = ?, session_count = session_count - ? WHERE id = ?";

    /** Moves counters by deltas and writes the status the locked row's holder decided. */
    private static final String WRITE_COUNTERS = """
            UPDATE campaigns SET pending = pending + ?, in_progress = in_progress + ?,
                                 retry_scheduled = retry_scheduled + ?, completed = completed + ?,
                                 failed = failed + ?, skipped = skipped + ?, answered = answered + ?,
                                 consecutive_failures = ?,
                                 status = ?, status_reason = ?, updated_at = ?, completed_at = ?,
                                 version = version + 1
             WHERE id = ?
            """;

    private final JdbcDialect dialect;

    CampaignTable(JdbcDialect dialect) {
        this.dialect = dialect;
    }

    /**
     * A campaign row read under its lock, with the counters that are not part of the model.
     *
     * @param campaign            the campaign
     * @param consecutiveFailures its technical failures in a row
     * @param freshClaimedThrough the file position up to which fresh contacts have all been claimed
     * @param sessionCount        its sessions so far (returned ones no longer count)
     */
    record Locked(Campaign campaign, int consecutiveFailures, long freshClaimedThrough, long sessionCount) {
        /** This campaign with the sums of its counter shards added to its row's own counters. */
        Locked plus(CounterDelta shardSums) {
            return new Locked(withShards(campaign, shardSums), consecutiveFailures, freshClaimedThrough,
                    sessionCount);
        }
    }

    /** Counter rows per campaign that outcomes spread their deltas over. */
    static final int SHARDS = 16;

    /**
     * Locks a campaign's row and reads it with its totals: the shards are summed by a second statement, which
     * on PostgreSQL sees every outcome committed before the lock was granted (a statement sees the data as of
     * its start).
     */
    Optional<Locked> lock(Connection connection, long campaignId) throws SQLException {
        Locked locked;
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setLong(1, campaignId);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                locked = locked(row);
            }
        }
        try (PreparedStatement sums = connection.prepareStatement(SHARD_SUMS.formatted("?"))) {
            sums.setLong(1, campaignId);
            try (ResultSet row = sums.executeQuery()) {
                row.next();
                return Optional.of(locked.plus(shardSums(row)));
            }
        }
    }

    /** A campaign row with its row's own counters (not yet its shards'). */
    private Locked locked(ResultSet row) throws SQLException {
        return new Locked(read(row), row.getInt("consecutive_failures"), row.getLong("fresh_claimed_through"),
                row.getLong("session_count"));
    }

    /** A campaign with the sums of its counter shards added to its row's own counters. */
    private static Campaign withShards(Campaign own, CounterDelta shardSums) {
        return own.withProgress(shardSums.applyTo(own.progress(), own.status()));
    }

    /**
     * The campaign of a session with its totals and failure streak, without a lock: what an outcome reads to
     * decide whether it needs the campaign's lock at all.
     */
    Optional<Locked> findBySession(Connection connection, String sessionId) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(FIND_BY_SESSION)) {
            find.setString(1, sessionId);
            find.setString(2, sessionId);
            try (ResultSet row = find.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(locked(row).plus(shardSums(row)));
            }
        }
    }

    /**
     * The campaigns of several sessions with their totals and failure streaks, without a lock, by session id
     * (sessions that do not exist are missing): two round trips whatever the count.
     */
    Map<String, Locked> findBySessions(Connection connection, java.util.Collection<String> sessionIds)
            throws SQLException {
        Map<String, Long> campaignOf = new HashMap<>();
        Map<Long, Locked> read = new HashMap<>();
        String placeholders = String.join(", ", Collections.nCopies(sessionIds.size(), "?"));
        try (PreparedStatement find = connection.prepareStatement(FIND_BY_SESSIONS.formatted(placeholders))) {
            int i = 0;
            for (String id : sessionIds) {
                find.setString(++i, id);
            }
            try (ResultSet row = find.executeQuery()) {
                while (row.next()) {
                    long id = row.getLong("id");
                    campaignOf.put(row.getString("by_session_id"), id);
                    if (!read.containsKey(id)) {
                        read.put(id, locked(row));
                    }
                }
            }
        }
        if (read.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = List.copyOf(read.keySet());
        try (PreparedStatement sums = connection.prepareStatement(
                SHARD_SUMS_OF.formatted(String.join(", ", Collections.nCopies(ids.size(), "?"))))) {
            for (int i = 0; i < ids.size(); i++) {
                sums.setLong(i + 1, ids.get(i));
            }
            try (ResultSet row = sums.executeQuery()) {
                while (row.next()) {
                    long id = row.getLong("campaign_id");
                    read.put(id, read.get(id).plus(shardSums(row)));
                }
            }
        }
        Map<String, Locked> bySession = new HashMap<>();
        campaignOf.forEach((session, campaign) -> bySession.put(session, read.get(campaign)));
        return bySession;
    }

    Optional<CampaignProgress> findProgress(Connection connection, String orgId, long campaignId)
            throws SQLException {
        return findOne(connection, FIND_PROGRESS, orgId, campaignId, row -> {
            CampaignProgress own = ownProgress(row);
            return shardSums(row).applyTo(own, own.status());
        });
    }

    Optional<Campaign> find(Connection connection, String orgId, long campaignId) throws SQLException {
        return findOne(connection, FIND, orgId, campaignId, row -> withShards(read(row), shardSums(row)));
    }

    /** Reads the one row of a campaign of the organisation that {@code sql} selects with its shard sums. */
    private static <T> Optional<T> findOne(Connection connection, String sql, String orgId, long campaignId,
                                           RowReader<T> reader) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(sql)) {
            find.setLong(1, campaignId);
            find.setLong(2, campaignId);
            find.setString(3, orgId);
            try (ResultSet row = find.executeQuery()) {
                return row.next() ? Optional.of(reader.read(row)) : Optional.empty();
            }
        }
    }

    /** Reads a value from the current row. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private static CounterDelta shardSums(ResultSet row) throws SQLException {
        return new CounterDelta(row.getLong("shard_pending"), row.getLong("shard_in_progress"),
                row.getLong("shard_retry_scheduled"), row.getLong("shard_completed"), row.getLong("shard_failed"),
                row.getLong("shard_skipped"), row.getLong("shard_answered"));
    }

    /** Creates a new campaign's counter shards, all zero. */
    void insertShards(Connection connection, long campaignId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_SHARD)) {
            for (int shard = 0; shard < SHARDS; shard++) {
                insert.setLong(1, campaignId);
                insert.setInt(2, shard);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Moves the counters of a campaign by {@code delta} through the shard of {@code sessionId}, without touching
     * (or waiting for) the campaign's row.
     */
    void moveShard(Connection connection, long campaignId, String sessionId, CounterDelta delta) throws SQLException {
        ShardMoves moves = new ShardMoves();
        moves.add(campaignId, sessionId, delta);
        moves.write(connection);
    }

    /**
     * Counter moves through shards, summed per shard and written in one batch in (campaign, shard) order, the
     * order in which every writer locks shard rows.
     */
    static final class ShardMoves {
        private final java.util.TreeMap<List<Long>, CounterDelta> moves = new java.util.TreeMap<>(
                java.util.Comparator.<List<Long>>comparingLong(k -> k.get(0)).thenComparingLong(k -> k.get(1)));

        /** Adds the move of one session's decision, to the shard of the session. */
        void add(long campaignId, String sessionId, CounterDelta delta) {
            if (!delta.isNone()) {
                moves.merge(List.of(campaignId, (long) Math.floorMod(sessionId.hashCode(), SHARDS)), delta,
                        CounterDelta::plus);
            }
        }

        void write(Connection connection) throws SQLException {
            if (moves.isEmpty()) {
                return;
            }
            try (PreparedStatement move = connection.prepareStatement(MOVE_SHARD)) {
                for (Map.Entry<List<Long>, CounterDelta> each : moves.entrySet()) {
                    CounterDelta delta = each.getValue();
                    move.setLong(1, delta.pending());
                    move.setLong(2, delta.inProgress());
                    move.setLong(3, delta.retryScheduled());
                    move.setLong(4, delta.completed());
                    move.setLong(5, delta.failed());
                    move.setLong(6, delta.skipped());
                    move.setLong(7, delta.answered());
                    move.setLong(8, each.getKey().get(0));
                    move.setInt(9, each.getKey().get(1).intValue());
                    move.addBatch();
                }
                for (int count : move.executeBatch()) {
                    if (count == 0) {
                        throw new SQLException("a campaign's counter shards are missing");
                    }
                }
            }
        }
    }

    /** Campaigns with their totals: the rows {@code sql} selects ({@link #COLUMNS}), then their shards' sums. */
    List<Campaign> list(Connection connection, String sql, Binder binder) throws SQLException {
        List<Campaign> campaigns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            binder.bind(query);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    campaigns.add(read(rows));
                }
            }
        }
        if (campaigns.isEmpty()) {
            return campaigns;
        }
        Map<Long, CounterDelta> sums = new HashMap<>();
        // The ids are longs from the rows just read: only placeholders are generated, never values.
        String placeholders = String.join(", ", Collections.nCopies(campaigns.size(), "?"));
        try (PreparedStatement query = connection.prepareStatement(SHARD_SUMS_OF.formatted(placeholders))) {
            for (int i = 0; i < campaigns.size(); i++) {
                query.setLong(i + 1, campaigns.get(i).id());
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sums.put(rows.getLong("campaign_id"), shardSums(rows));
                }
            }
        }
        campaigns.replaceAll(c -> withShards(c, sums.getOrDefault(c.id(), CounterDelta.NONE)));
        return campaigns;
    }

    /** Binds a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    long insert(Connection connection, NewCampaign campaign) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, campaign.orgId());
            insert.setString(2, campaign.name());
            insert.setLong(3, campaign.workflowId());
            insert.setString(4, campaign.contactsFileKey());
            insert.setInt(5, campaign.maxConcurrency());
            insert.setString(6, JsonColumns.write(campaign.callingHours()));
            insert.setString(7, JsonColumns.write(campaign.retryConfig()));
            setLong(insert, 8, campaign.telephonyConfigurationId());
            setLong(insert, 9, campaign.parentCampaignId());
            dialect.setInstant(insert, 10, campaign.createdAt());
            dialect.setInstant(insert, 11, campaign.createdAt());
            insert.setString(12, JsonColumns.write(campaign.contactRules()));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    void writeImport(Connection connection, long campaignId, List<String> columns, Object summary, List<String> zones,
                     long pending) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(WRITE_IMPORT)) {
            update.setString(1, JsonColumns.write(columns));
            update.setString(2, JsonColumns.write(summary));
            update.setString(3, JsonColumns.write(zones));
            update.setLong(4, pending);
            update.setLong(5, campaignId);
            update.executeUpdate();
        }
    }

    /** Writes what {@code updateCampaign} may change: settings, status, reason, timestamps and contact rules. */
    void writeChange(Connection connection, long campaignId, CampaignChange changed) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(WRITE_CHANGE)) {
            update.setString(1, changed.name());
            update.setInt(2, changed.maxConcurrency());
            update.setString(3, JsonColumns.write(changed.callingHours()));
            update.setString(4, JsonColumns.write(changed.retryConfig()));
            update.setString(5, changed.status().name());
            update.setString(6, changed.statusReason());
            dialect.setInstant(update, 7, changed.updatedAt());
            dialect.setInstant(update, 8, changed.startedAt());
            dialect.setInstant(update, 9, changed.completedAt());
            update.setString(10, JsonColumns.write(changed.contactRules()));
            update.setLong(11, campaignId);
            update.executeUpdate();
        }
    }

    /**
     * Moves a locked campaign's own counters by {@code delta} and writes {@code after}'s status fields and the
     * failure streak; {@code after} already shows the moved counters.
     */
    void writeCounters(Connection connection, Campaign after, CounterDelta delta, int consecutiveFailures)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(WRITE_COUNTERS)) {
            update.setLong(1, delta.pending());
            update.setLong(2, delta.inProgress());
            update.setLong(3, delta.retryScheduled());
            update.setLong(4, delta.completed());
            update.setLong(5, delta.failed());
            update.setLong(6, delta.skipped());
            update.setLong(7, delta.answered());
            update.setInt(8, consecutiveFailures);
            update.setString(9, after.status().name());
            update.setString(10, after.statusReason());
            dialect.setInstant(update, 11, after.updatedAt());
            dialect.setInstant(update, 12, after.completedAt());
            update.setLong(13, after.id());
            update.executeUpdate();
        }
    }

    /**
     * Records a claim on the campaign row: every fresh contact up to {@code seq} has been claimed, and
     * {@code started} more sessions exist (the count an unfiltered runs page reports as its total).
     */
    void writeClaimed(Connection connection, long campaignId, long seq, int started) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(WRITE_CLAIMED)) {
            update.setLong(1, seq);
            update.setInt(2, started);
            update.setLong(3, campaignId);
            update.executeUpdate();
        }
    }

    /**
     * Records a return on the campaign row: fresh contacts are claimed again from after {@code freshClaimedThrough}
     * (moved back to before the first pending contact returned), and {@code returned} sessions no longer exist.
     */
    void writeReturned(Connection connection, long campaignId, long freshClaimedThrough, int returned)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(WRITE_RETURNED)) {
            update.setLong(1, freshClaimedThrough);
            update.setInt(2, returned);
            update.setLong(3, campaignId);
            update.executeUpdate();
        }
    }

    Campaign read(ResultSet row) throws SQLException {
        CampaignStatus status = CampaignStatus.valueOf(row.getString("status"));
        CampaignProgress progress = ownProgress(row);
        return new Campaign(
                row.getLong("id"),
                row.getString("org_id"),
                row.getString("name"),
                row.getLong("workflow_id"),
                row.getString("contacts_file_key"),
                row.getInt("max_concurrency"),
                JsonColumns.callingHours(row.getString("calling_hours")),
                JsonColumns.retryConfig(row.getString("retry_config")),
                getLong(row, "telephony_configuration_id"),
                status,
                row.getString("status_reason"),
                JsonColumns.strings(row.getString("contact_columns")),
                JsonColumns.importSummary(row.getString("import_summary")),
                getLong(row, "parent_campaign_id"),
                dialect.getInstant(row, "created_at"),
                dialect.getInstant(row, "updated_at"),
                dialect.getInstant(row, "started_at"),
                dialect.getInstant(row, "completed_at"),
                progress,
                JsonColumns.contactRules(row.getString("contact_rules")),
                JsonColumns.strings(row.getString("contact_zones")));
    }

    /** The row's own counters, with its status. */
    private static CampaignProgress ownProgress(ResultSet row) throws SQLException {
        return CampaignProgress.of(CampaignStatus.valueOf(row.getString("status")), row.getLong("pending"),
                row.getLong("in_progress"), row.getLong("retry_scheduled"), row.getLong("completed"),
                row.getLong("failed"), row.getLong("skipped"), row.getLong("answered"));
    }

    static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    static Long getLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
