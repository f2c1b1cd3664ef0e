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
 * What differs between the databases {@link JdbcCampaignStore} runs on: the schema script, the statements that
 * differ (each dialect's folder of SQL resources, {@code io/outbound/campaign/jdbc/sql/<dialect>/}), and how
 * contacts are imported. Everything else is standard SQL shared by all dialects. One
 * subclass per database ({@link PostgresDialect}, {@link H2Dialect}); MySQL or MariaDB would be a third, in this
 * package.
 *
 * <p>No SQL in a dialect is ever assembled from user input: every value is a named parameter.
 */
public abstract class JdbcDialect {

    private volatile SqlStatements statements;

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

    /** The folder of the dialect's schema and its own statements: {@code postgresql} or {@code h2}. */
    abstract String directory();

    /** The classpath resource holding the schema, named for Flyway. */
    String schemaResource() {
        return "io/outbound/campaign/jdbc/" + directory() + "/V1__campaign_schema.sql";
    }

    /**
     * The dialect's statements, read and parsed on first use (a store's construction).
     *
     * @throws IllegalStateException naming the resource when one is missing or does not parse
     */
    SqlStatements statements() {
        SqlStatements loaded = statements;
        if (loaded == null) {
            synchronized (this) {
                loaded = statements;
                if (loaded == null) {
                    loaded = SqlStatements.load(this);
                    statements = loaded;
                }
            }
        }
        return loaded;
    }

    /** The name of the campaigns table as the database's metadata reports it (its identifier case). */
    abstract String campaignsTableName();

    /** The key of the lock that serialises nodes creating the schema together, where the database has one. */
    private static final long SCHEMA_LOCK_KEY = 0x63616d706169676eL;

    /**
     * Called inside the schema transaction before the script runs: serialises nodes starting together, on a
     * database with a statement for it ({@link Sql#SCHEMA_LOCK}).
     */
    /**
     * After a campaign's contacts were written (and committed): refreshes the planner's statistics of
     * {@code campaign_contacts} where the database would otherwise plan the next claims from none
     * ({@code contacts-analyze.sql}); nothing where the dialect has no such statement (H2).
     */
    void analyzeContacts(Connection connection) throws SQLException {
        SqlStatements sql = statements();
        if (sql.has(Sql.CONTACTS_ANALYZE)) {
            try (BoundStatement analyze = sql.prepare(connection, Sql.CONTACTS_ANALYZE)) {
                analyze.execute();
            }
        }
    }

    void lockSchemaCreation(Connection connection) throws SQLException {
        SqlStatements sql = statements();
        if (sql.has(Sql.SCHEMA_LOCK)) {
            try (BoundStatement lock = sql.prepare(connection, Sql.SCHEMA_LOCK)) {
                lock.setLong("key", SCHEMA_LOCK_KEY).execute();
            }
        }
    }

    /**
     * Creates the organisation's slot row when missing and locks it, so that the organisation's claims take turns.
     * Callers hold the campaign row's lock already (lock order: campaign, organisation, contacts). A database
     * without an upsert that locks creates the row first ({@link Sql#ORG_SLOTS_ENSURE}).
     */
    void lockOrgSlots(Connection connection, String orgId) throws SQLException {
        SqlStatements sql = statements();
        if (sql.has(Sql.ORG_SLOTS_ENSURE)) {
            try (BoundStatement ensure = sql.prepare(connection, Sql.ORG_SLOTS_ENSURE)) {
                ensure.set("orgId", orgId).executeUpdate();
            }
        }
        try (BoundStatement lock = sql.prepare(connection, Sql.ORG_SLOTS_LOCK)) {
            // A lock that is a query locks its row as the row is read.
            if (lock.set("orgId", orgId).execute()) {
                try (ResultSet row = lock.resultSet()) {
                    row.next();
                }
            }
        }
    }

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
        try (BoundStatement query = statements().prepare(connection, Sql.ORG_HELD_NUMBERS)) {
            query.set("orgId", orgId);
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
     * of the configuration on every node take turns), and returns when its next dial may be handed over. A
     * database without an upsert that locks creates the row first ({@link Sql#DIAL_PACING_ENSURE}).
     *
     * @return the instant, or {@code null} when the configuration has not been handed a dial yet
     */
    Instant lockDialPacing(Connection connection, String orgId, String configurationKey) throws SQLException {
        SqlStatements sql = statements();
        if (sql.has(Sql.DIAL_PACING_ENSURE)) {
            try (BoundStatement ensure = sql.prepare(connection, Sql.DIAL_PACING_ENSURE)) {
                ensure.set("orgId", orgId).set("configurationKey", configurationKey).executeUpdate();
            }
        }
        try (BoundStatement lock = sql.prepare(connection, Sql.DIAL_PACING_LOCK)) {
            lock.set("orgId", orgId).set("configurationKey", configurationKey);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return getInstant(row, "next_slot_at");
            }
        }
    }

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

    /** Writes a new campaign's contacts, batch by batch, inside the creating transaction. */
    interface ContactWriter {
        void write(List<ImportedContact> batch) throws SQLException;

        /** Ends the writing; every batch is then in the transaction. */
        void finish() throws SQLException;

        /** Abandons the writing after a failure; the transaction is rolled back next. */
        void abort();
    }
}
