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
import java.util.List;
import java.util.Locale;

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
     * Creates the organisation's slot row when missing, locks it, and returns its calls in flight.
     * Callers hold the campaign row's lock already (lock order: campaign, organisation, contacts).
     */
    abstract int lockOrgSlots(Connection connection, String orgId) throws SQLException;

    /**
     * Claims up to {@code limit} contacts of a campaign: due retries first (due time, then file order), then
     * pending contacts in file order. Each claimed contact becomes {@code IN_PROGRESS} with one more attempt and
     * a new session id in {@code last_session_id}.
     *
     * @return the claimed contacts in claim order
     */
    abstract List<ClaimedContact> claimContacts(Connection connection, long campaignId, Instant now, int limit)
            throws SQLException;

    /** Opens a writer of a new campaign's contacts on the import's connection. */
    abstract ContactWriter contactWriter(Connection connection, long campaignId) throws SQLException;

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
