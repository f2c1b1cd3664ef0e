package io.outbound.campaign.jdbc;

import io.outbound.campaign.spi.ImportedContact;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What differs between the databases {@link JdbcCampaignStore} runs on: the schema script, how contacts are
 * claimed and imported, and how the organisation's slot row is created and locked. Everything else is
 * standard SQL shared by all dialects. One subclass per database ({@link PostgresDialect}, {@link H2Dialect});
 * MySQL or MariaDB would be a third, in this package.
 *
 * <p>No SQL in a dialect is ever assembled from user input: the only variable parts of any statement are
 * JDBC parameters and fragments picked from fixed texts by enums.
 */
public abstract class JdbcDialect {

    /** The organisation's calls in flight per caller number: every session in flight holds its number. */
    private static final String HELD_NUMBERS = """
            SELECT caller_number, COUNT(*) FROM call_sessions
             WHERE org_id = ? AND status = 'IN_PROGRESS' GROUP BY caller_number
            """;

    JdbcDialect() {
    }

    /** The database's name, as in messages and logs ({@code PostgreSQL}, {@code H2}). */
    public abstract String name();

    /**
     * The dialect for the database behind a connection, from its metadata.
     *
     * @throws IllegalArgumentException naming the product when no dialect supports it
     */
    public static JdbcDialect detect(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        String normalized = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (normalized.contains("postgresql")) {
            return new PostgresDialect();
        }
        if (normalized.equals("h2")) {
            return new H2Dialect();
        }
        throw new IllegalArgumentException("no JdbcDialect for database '" + product
                + "'; supported: PostgreSQL 13 and later, H2 2.x; pass one with JdbcCampaignStore.builder(...).dialect(...)");
    }

    /** The classpath resource holding the schema, named for Flyway. */
    abstract String schemaResource();

    /** The name of the campaigns table as the database's metadata reports it (its identifier case). */
    abstract String campaignsTableName();

    /** Called inside the schema transaction before the script runs: serialise nodes starting together. */
    void lockSchemaCreation(Connection connection) throws SQLException {
    }

    /** The locking clause that skips rows another transaction holds ({@code ""} when the database has none). */
    abstract String skipLocked();

    /**
     * Creates the organisation's slot row when missing and locks it, so that the organisation's claims take turns.
     * Callers hold the campaign row's lock already (lock order: campaign, organisation, contacts).
     */
    abstract void lockOrgSlots(Connection connection, String orgId) throws SQLException;

    /**
     * Claims up to {@code limit} contacts of a campaign: due retries first (due time, then file order), then
     * pending contacts in file order after {@code freshAfter}. Each claimed contact becomes {@code IN_PROGRESS}
     * with one more attempt and a new session id in {@code last_session_id}; its {@code next_attempt_at} stays, so
     * that a session returned undialled puts a retry back at its own due instant.
     *
     * <p>Fresh contacts are claimed strictly in file order under the campaign's lock, so every contact up to the
     * last one claimed is no longer pending: the claim starts from there on the primary key, and no index of
     * pending contacts has to be kept up to date through imports.
     *
     * @return the claimed contacts in claim order
     */
    abstract List<ClaimedContact> claimContacts(Connection connection, long campaignId, Instant now, int limit,
                                                long freshAfter)
            throws SQLException;

    /**
     * The statement inserting one suppression, parameters {@code org_id, phone_number, reason, created_at}, that
     * does nothing when the organisation has the number already (its update count is then 0), so that the first
     * entry is kept.
     */
    abstract String addSuppressionSql();

    /** Opens a writer of a new campaign's contacts on the import's connection. */
    abstract ContactWriter contactWriter(Connection connection, long campaignId) throws SQLException;

    /**
     * Locks the organisation's slot row (creating it when missing), then counts the calls in flight holding each
     * caller number. Two statements on purpose: the read must start after the lock is granted, or on PostgreSQL
     * it would miss holds committed by the transaction it waited for (a statement sees the data as of its start).
     */
    OrgSlots lockOrgSlotsAndHolds(Connection connection, String orgId) throws SQLException {
        lockOrgSlots(connection, orgId);
        Map<String, Integer> held = new HashMap<>();
        int inFlight = 0;
        try (PreparedStatement query = connection.prepareStatement(HELD_NUMBERS)) {
            query.setString(1, orgId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    held.put(rows.getString(1), rows.getInt(2));
                    inFlight += rows.getInt(2);
                }
            }
        }
        return new OrgSlots(inFlight, held);
    }

    /**
     * An organisation's calls in flight and the caller numbers they hold.
     *
     * @param inFlight its calls in flight
     * @param held     the calls in flight per caller number held (numbers held by none are missing)
     */
    record OrgSlots(int inFlight, Map<String, Integer> held) {
    }

    /**
     * Creates a paced configuration's row when missing, locks it until the transaction ends (so that handovers
     * of the configuration on every node take turns), and returns when its next dial may be handed over.
     *
     * @return the instant, or {@code null} when the configuration has not been handed a dial yet
     */
    abstract Instant lockDialPacing(Connection connection, String orgId, String configurationKey)
            throws SQLException;

    void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    Instant getInstant(ResultSet resultSet, String column) throws SQLException {
        OffsetDateTime value = resultSet.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    public String toString() {
        return name();
    }

    /**
     * A contact just claimed.
     *
     * @param seq         its file position
     * @param dueAt       when its retry fell due, or {@code null} for a fresh contact
     * @param phoneNumber its number
     * @param valuesJson  its other columns as a JSON array
     * @param attempt     the attempt now starting
     * @param sessionId   the new session's id
     */
    record ClaimedContact(long seq, Instant dueAt, String phoneNumber, String valuesJson, int attempt,
                          String sessionId) {
    }

    /** Writes a new campaign's contacts, batch by batch, inside the creating transaction. */
    interface ContactWriter {
        void write(List<ImportedContact> batch) throws SQLException;

        /** Ends the writing; every batch is then in the transaction. */
        void finish() throws SQLException;

        /** Abandons the writing after a failure; the transaction is rolled back next. */
        void abort();
    }
}
