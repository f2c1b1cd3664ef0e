package io.outbound.campaign.jdbc;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.spi.NewCampaign;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code campaigns} table: reading, locking and writing one campaign row. Standard SQL for every dialect. */
final class CampaignTable {
    static final String COLUMNS = "id, org_id, name, workflow_id, contacts_file_key, max_concurrency, calling_hours,"
            + " retry_config, telephony_configuration_id, status, status_reason, contact_columns, import_summary,"
            + " parent_campaign_id, created_at, updated_at, started_at, completed_at, pending, in_progress,"
            + " retry_scheduled, completed, failed, answered, consecutive_failures, fresh_claimed_through,"
            + " session_count";

    private static final String LOCK = "SELECT " + COLUMNS + " FROM campaigns WHERE id = ? FOR UPDATE";
    /** Locks the campaign of a session: one round trip where reading the session first would take two. */
    private static final String LOCK_BY_SESSION = "SELECT " + COLUMNS + " FROM campaigns"
            + " WHERE id = (SELECT campaign_id FROM call_sessions WHERE session_id = ?) FOR UPDATE";
    private static final String FIND = "SELECT " + COLUMNS + " FROM campaigns WHERE id = ? AND org_id = ?";
    private static final String INSERT = """
            INSERT INTO campaigns (org_id, name, workflow_id, contacts_file_key, max_concurrency, calling_hours,
                                   retry_config, telephony_configuration_id, status, parent_campaign_id,
                                   created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?)
            """;
    private static final String WRITE_IMPORT = """
            UPDATE campaigns SET contact_columns = ?, import_summary = ?, pending = ?, version = version + 1
             WHERE id = ?
            """;
    private static final String WRITE_CHANGE = """
            UPDATE campaigns SET name = ?, max_concurrency = ?, calling_hours = ?, retry_config = ?, status = ?,
                                 status_reason = ?, updated_at = ?, started_at = ?, completed_at = ?,
                                 version = version + 1
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
                                 failed = failed + ?, answered = answered + ?, consecutive_failures = ?,
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
    }

    /**
     * A change of counters and status, applied to a locked campaign.
     */
    record Delta(long pending, long inProgress, long retryScheduled, long completed, long failed, long answered) {
        static final Delta NONE = new Delta(0, 0, 0, 0, 0, 0);

        Delta plus(Delta other) {
            return new Delta(pending + other.pending, inProgress + other.inProgress,
                    retryScheduled + other.retryScheduled, completed + other.completed, failed + other.failed,
                    answered + other.answered);
        }

        CampaignProgress applyTo(CampaignProgress p, CampaignStatus status) {
            return CampaignProgress.of(status, p.pending() + pending, p.inProgress() + inProgress,
                    p.retryScheduled() + retryScheduled, p.completed() + completed, p.failed() + failed,
                    p.answered() + answered);
        }
    }

    Optional<Locked> lock(Connection connection, long campaignId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setLong(1, campaignId);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() ? Optional.of(locked(row)) : Optional.empty();
            }
        }
    }

    private Locked locked(ResultSet row) throws SQLException {
        return new Locked(read(row), row.getInt("consecutive_failures"), row.getLong("fresh_claimed_through"),
                row.getLong("session_count"));
    }

    Optional<Locked> lockBySession(Connection connection, String sessionId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_BY_SESSION)) {
            lock.setString(1, sessionId);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() ? Optional.of(locked(row)) : Optional.empty();
            }
        }
    }

    Optional<Campaign> find(Connection connection, String orgId, long campaignId) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(FIND)) {
            find.setLong(1, campaignId);
            find.setString(2, orgId);
            try (ResultSet row = find.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    List<Campaign> list(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            binder.bind(query);
            try (ResultSet rows = query.executeQuery()) {
                List<Campaign> campaigns = new ArrayList<>();
                while (rows.next()) {
                    campaigns.add(read(rows));
                }
                return campaigns;
            }
        }
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
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    void writeImport(Connection connection, long campaignId, List<String> columns, Object summary, long pending)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(WRITE_IMPORT)) {
            update.setString(1, JsonColumns.write(columns));
            update.setString(2, JsonColumns.write(summary));
            update.setLong(3, pending);
            update.setLong(4, campaignId);
            update.executeUpdate();
        }
    }

    /** Writes what {@code updateCampaign} may change: settings, status, reason and timestamps. */
    void writeChange(Connection connection, Campaign changed) throws SQLException {
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
            update.setLong(10, changed.id());
            update.executeUpdate();
        }
    }

    /**
     * Moves a locked campaign's counters by {@code delta} and writes {@code after}'s status fields;
     * {@code after} already shows the moved counters.
     */
    void writeCounters(Connection connection, Campaign after, Delta delta, int consecutiveFailures)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(WRITE_COUNTERS)) {
            update.setLong(1, delta.pending());
            update.setLong(2, delta.inProgress());
            update.setLong(3, delta.retryScheduled());
            update.setLong(4, delta.completed());
            update.setLong(5, delta.failed());
            update.setLong(6, delta.answered());
            update.setInt(7, consecutiveFailures);
            update.setString(8, after.status().name());
            update.setString(9, after.statusReason());
            dialect.setInstant(update, 10, after.updatedAt());
            dialect.setInstant(update, 11, after.completedAt());
            update.setLong(12, after.id());
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
        CampaignProgress progress = CampaignProgress.of(status, row.getLong("pending"), row.getLong("in_progress"),
                row.getLong("retry_scheduled"), row.getLong("completed"), row.getLong("failed"),
                row.getLong("answered"));
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
                progress);
    }

    /**
     * A locked campaign completed when it is running and nothing is pending, in flight or waiting, else itself.
     */
    static Campaign completedIfFinished(Campaign campaign, Instant now) {
        if (campaign.status() == CampaignStatus.RUNNING && campaign.progress().finished()) {
            return campaign.withStatus(CampaignStatus.COMPLETED, null, now);
        }
        return campaign;
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
