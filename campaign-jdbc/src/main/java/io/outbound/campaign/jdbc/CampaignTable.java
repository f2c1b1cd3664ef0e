package io.outbound.campaign.jdbc;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.rules.CounterDelta;
import io.outbound.campaign.spi.CampaignChange;
import io.outbound.campaign.spi.NewCampaign;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code campaigns} table and its {@code campaign_counter_shards}: reading, locking and writing one campaign.
 * A campaign's counters are its row's own plus the sums of its shards; every read returns the totals. Standard
 * SQL for every dialect, in {@code sql/campaign-*.sql}.
 */
final class CampaignTable {
    private final JdbcDialect dialect;
    private final SqlStatements sql;

    CampaignTable(JdbcDialect dialect) {
        this.dialect = dialect;
        this.sql = dialect.statements();
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
        try (BoundStatement lock = sql.prepare(connection, Sql.CAMPAIGN_LOCK)) {
            lock.setLong("campaignId", campaignId);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                locked = locked(row);
            }
        }
        try (BoundStatement sums = sql.prepare(connection, Sql.CAMPAIGN_SHARD_SUMS)) {
            sums.setLong("campaignId", campaignId);
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
        try (BoundStatement find = sql.prepare(connection, Sql.CAMPAIGN_FIND_BY_SESSION)) {
            find.set("sessionId", sessionId);
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
        try (BoundStatement find = sql.prepare(connection, Sql.CAMPAIGN_FIND_BY_SESSIONS, "sessionIds",
                sessionIds.size())) {
            find.setList("sessionIds", sessionIds);
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
        try (BoundStatement sums = sql.prepare(connection, Sql.CAMPAIGN_SHARD_SUMS_OF, "campaignIds", ids.size())) {
            sums.setList("campaignIds", ids);
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
        return findOne(connection, Sql.CAMPAIGN_FIND_PROGRESS, orgId, campaignId, row -> {
            CampaignProgress own = ownProgress(row);
            return shardSums(row).applyTo(own, own.status());
        });
    }

    Optional<Campaign> find(Connection connection, String orgId, long campaignId) throws SQLException {
        return findOne(connection, Sql.CAMPAIGN_FIND, orgId, campaignId, row -> withShards(read(row), shardSums(row)));
    }

    /** Reads the one row of a campaign of the organisation that {@code statement} selects with its shard sums. */
    private <T> Optional<T> findOne(Connection connection, Sql statement, String orgId, long campaignId,
                                    RowReader<T> reader) throws SQLException {
        try (BoundStatement find = sql.prepare(connection, statement)) {
            find.setLong("campaignId", campaignId).set("orgId", orgId);
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
        try (BoundStatement insert = sql.prepare(connection, Sql.CAMPAIGN_SHARD_INSERT)) {
            for (int shard = 0; shard < SHARDS; shard++) {
                insert.setLong("campaignId", campaignId).setInt("shard", shard);
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
        moves.write(connection, sql);
    }

    /** Writes counter moves through shards (see {@link ShardMoves}). */
    void writeShardMoves(Connection connection, ShardMoves moves) throws SQLException {
        moves.write(connection, sql);
    }

    /**
     * Counter moves through shards: a group's moves summed per campaign and written to one shard of each, the shard
     * of the first session added for it, in one batch in campaign order (a shard row lock per campaign, taken in the
     * order every writer takes them). One row per campaign, not one per session's shard, so that two groups
     * recorded at once (by two nodes) wait for each other only when their campaigns' shards collide, one time in
     * {@value #SHARDS}, instead of on most of a campaign's shards.
     */
    static final class ShardMoves {
        /** A campaign's shard in this group and the sum of its moves. */
        private record Move(int shard, CounterDelta delta) {
        }

        private final java.util.TreeMap<Long, Move> moves = new java.util.TreeMap<>();

        /** Adds the move of one session's decision, to its campaign's shard in this group. */
        void add(long campaignId, String sessionId, CounterDelta delta) {
            if (!delta.isNone()) {
                moves.merge(campaignId, new Move(Math.floorMod(sessionId.hashCode(), SHARDS), delta),
                        (sum, more) -> new Move(sum.shard(), sum.delta().plus(more.delta())));
            }
        }

        void write(Connection connection, SqlStatements sql) throws SQLException {
            if (moves.isEmpty()) {
                return;
            }
            try (BoundStatement move = sql.prepare(connection, Sql.CAMPAIGN_SHARD_MOVE)) {
                for (Map.Entry<Long, Move> each : moves.entrySet()) {
                    setDeltas(move, each.getValue().delta());
                    move.setLong("campaignId", each.getKey()).setInt("shard", each.getValue().shard());
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

    /**
     * Campaigns with their totals: the rows {@code statement} selects (every column of {@code campaigns}), then
     * their shards' sums.
     */
    List<Campaign> list(Connection connection, Sql statement, String list, int listSize, Binder binder)
            throws SQLException {
        List<Campaign> campaigns = new ArrayList<>();
        try (BoundStatement query = list == null ? sql.prepare(connection, statement)
                : sql.prepare(connection, statement, list, listSize)) {
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
        try (BoundStatement query = sql.prepare(connection, Sql.CAMPAIGN_SHARD_SUMS_OF, "campaignIds",
                campaigns.size())) {
            query.setList("campaignIds", campaigns.stream().map(Campaign::id).toList());
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
        void bind(BoundStatement statement) throws SQLException;
    }

    long insert(Connection connection, NewCampaign campaign) throws SQLException {
        try (BoundStatement insert = sql.prepareReturningKeys(connection, Sql.CAMPAIGN_INSERT)) {
            insert.set("orgId", campaign.orgId()).set("name", campaign.name())
                    .setLong("workflowId", campaign.workflowId()).set("contactsFileKey", campaign.contactsFileKey())
                    .setInt("maxConcurrency", campaign.maxConcurrency())
                    .set("callingHours", JsonColumns.write(campaign.callingHours()))
                    .set("retryConfig", JsonColumns.write(campaign.retryConfig()))
                    .setLong("telephonyConfigurationId", campaign.telephonyConfigurationId())
                    .setLong("parentCampaignId", campaign.parentCampaignId())
                    .setInstant("createdAt", campaign.createdAt())
                    .set("contactRules", JsonColumns.write(campaign.contactRules()));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    void writeImport(Connection connection, long campaignId, List<String> columns, Object summary, List<String> zones,
                     long pending) throws SQLException {
        try (BoundStatement update = sql.prepare(connection, Sql.CAMPAIGN_WRITE_IMPORT)) {
            update.set("contactColumns", JsonColumns.write(columns)).set("importSummary", JsonColumns.write(summary))
                    .set("contactZones", JsonColumns.write(zones)).setLong("pending", pending)
                    .setLong("campaignId", campaignId);
            update.executeUpdate();
        }
    }

    /** Writes what {@code updateCampaign} may change: settings, status, reason, timestamps and contact rules. */
    void writeChange(Connection connection, long campaignId, CampaignChange changed) throws SQLException {
        try (BoundStatement update = sql.prepare(connection, Sql.CAMPAIGN_WRITE_CHANGE)) {
            update.set("name", changed.name()).setInt("maxConcurrency", changed.maxConcurrency())
                    .set("callingHours", JsonColumns.write(changed.callingHours()))
                    .set("retryConfig", JsonColumns.write(changed.retryConfig()))
                    .set("status", changed.status().name()).set("statusReason", changed.statusReason())
                    .setInstant("updatedAt", changed.updatedAt()).setInstant("startedAt", changed.startedAt())
                    .setInstant("completedAt", changed.completedAt())
                    .set("contactRules", JsonColumns.write(changed.contactRules()))
                    .setLong("campaignId", campaignId);
            update.executeUpdate();
        }
    }

    /**
     * Moves a locked campaign's own counters by {@code delta} and writes {@code after}'s status fields and the
     * failure streak; {@code after} already shows the moved counters.
     */
    void writeCounters(Connection connection, Campaign after, CounterDelta delta, int consecutiveFailures)
            throws SQLException {
        try (BoundStatement update = sql.prepare(connection, Sql.CAMPAIGN_WRITE_COUNTERS)) {
            setDeltas(update, delta);
            update.setInt("consecutiveFailures", consecutiveFailures).set("status", after.status().name())
                    .set("statusReason", after.statusReason()).setInstant("updatedAt", after.updatedAt())
                    .setInstant("completedAt", after.completedAt()).setLong("campaignId", after.id());
            update.executeUpdate();
        }
    }

    /**
     * Records a claim on the campaign row: every fresh contact up to {@code seq} has been claimed, and
     * {@code started} more sessions exist (the count an unfiltered runs page reports as its total).
     */
    void writeClaimed(Connection connection, long campaignId, long seq, int started) throws SQLException {
        try (BoundStatement update = sql.prepare(connection, Sql.CAMPAIGN_WRITE_CLAIMED)) {
            update.setLong("freshClaimedThrough", seq).setInt("sessions", started).setLong("campaignId", campaignId);
            update.executeUpdate();
        }
    }

    /**
     * Records a return on the campaign row: fresh contacts are claimed again from after {@code freshClaimedThrough}
     * (moved back to before the first pending contact returned), and {@code returned} sessions no longer exist.
     */
    void writeReturned(Connection connection, long campaignId, long freshClaimedThrough, int returned)
            throws SQLException {
        try (BoundStatement update = sql.prepare(connection, Sql.CAMPAIGN_WRITE_RETURNED)) {
            update.setLong("freshClaimedThrough", freshClaimedThrough).setInt("sessions", returned)
                    .setLong("campaignId", campaignId);
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
                JsonColumns.names(row.getString("contact_columns")),
                JsonColumns.importSummary(row.getString("import_summary")),
                getLong(row, "parent_campaign_id"),
                dialect.getInstant(row, "created_at"),
                dialect.getInstant(row, "updated_at"),
                dialect.getInstant(row, "started_at"),
                dialect.getInstant(row, "completed_at"),
                progress,
                JsonColumns.contactRules(row.getString("contact_rules")),
                JsonColumns.names(row.getString("contact_zones")));
    }

    /** The row's own counters, with its status. */
    private static CampaignProgress ownProgress(ResultSet row) throws SQLException {
        return CampaignProgress.of(CampaignStatus.valueOf(row.getString("status")), row.getLong("pending"),
                row.getLong("in_progress"), row.getLong("retry_scheduled"), row.getLong("completed"),
                row.getLong("failed"), row.getLong("skipped"), row.getLong("answered"));
    }

    /** Sets the counter deltas {@code :pending}, {@code :inProgress}, ... of a statement moving counters. */
    private static void setDeltas(BoundStatement statement, CounterDelta delta) throws SQLException {
        statement.setLong("pending", delta.pending()).setLong("inProgress", delta.inProgress())
                .setLong("retryScheduled", delta.retryScheduled()).setLong("completed", delta.completed())
                .setLong("failed", delta.failed()).setLong("skipped", delta.skipped())
                .setLong("answered", delta.answered());
    }

    static Long getLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
