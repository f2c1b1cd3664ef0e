package io.outbound.campaign.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Creates the shipped schema when its tables are missing (the builder's {@code createSchemaIfMissing}), recording
 * its version in {@code campaign_schema_version}, and checks the version of the schema a store starts on: the
 * highest successful version in Flyway's {@value JdbcCampaignStore#FLYWAY_HISTORY_TABLE} when the schema was
 * migrated with Flyway, else the highest in {@code campaign_schema_version}.
 */
final class SchemaInstaller {
    private static final String VERSION_TABLE = "campaign_schema_version";
    private static final String VERSION_SCRIPT = "io/outbound/campaign/jdbc/schema_version.sql";
    /** {@link #foundVersion}: no campaigns table. */
    static final int MISSING = -2;
    /** {@link #foundVersion}: the tables exist without any record of their version (made by hand from a script). */
    static final int UNVERSIONED = -1;

    private final JdbcDialect dialect;

    SchemaInstaller(JdbcDialect dialect) {
        this.dialect = dialect;
    }

    /** Whether the campaigns table exists in the connection's current schema. */
    boolean installed(Connection connection) throws SQLException {
        return tableExists(connection, dialect.campaignsTableName());
    }

    private boolean tableExists(Connection connection, String table) throws SQLException {
        String schema = connection.getSchema();
        DatabaseMetaData meta = connection.getMetaData();
        // H2 reports unquoted names in upper case, PostgreSQL in lower case: the dialect's campaigns table says which.
        String name = dialect.campaignsTableName().equals("CAMPAIGNS") ? table.toUpperCase(Locale.ROOT) : table;
        try (ResultSet tables = meta.getTables(connection.getCatalog(), schema, name,
                new String[] {"TABLE", "BASE TABLE"})) {
            return tables.next();
        }
    }

    void install(Connection connection) throws SQLException {
        dialect.lockSchemaCreation(connection);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(script(dialect.schemaResource()))) {
                statement.execute(sql);
            }
            for (String sql : statements(script(VERSION_SCRIPT))) {
                statement.execute(sql);
            }
        }
        // Nodes starting together each run the script (it is idempotent); the dialect's lock orders them, so the
        // later ones see the first one's row.
        try (BoundStatement insert = dialect.statements().prepare(connection, Sql.SCHEMA_VERSION_RECORD)) {
            insert.setInt("version", JdbcCampaignStore.SCHEMA_VERSION).executeUpdate();
        }
    }

    /**
     * The version of the schema found: Flyway's history when there is one, else what {@link #install} recorded;
     * 0 when the campaigns table is missing; {@code -1} for a schema with neither record (created by hand from an
     * early script).
     */
    int foundVersion(Connection connection) throws SQLException {
        if (tableExists(connection, JdbcCampaignStore.FLYWAY_HISTORY_TABLE)) {
            return highest(connection, Sql.SCHEMA_VERSIONS_FLYWAY);
        }
        if (tableExists(connection, VERSION_TABLE)) {
            return highest(connection, Sql.SCHEMA_VERSIONS_INSTALLED);
        }
        return installed(connection) ? UNVERSIONED : MISSING;
    }

    private int highest(Connection connection, Sql versions) throws SQLException {
        int highest = 0;
        try (BoundStatement statement = dialect.statements().prepare(connection, versions);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String version = rows.getString(1).strip();
                int dot = version.indexOf('.');
                highest = Math.max(highest, Integer.parseInt(dot < 0 ? version : version.substring(0, dot)));
            }
        }
        return highest;
    }

    /**
     * Refuses a schema this code cannot use, saying what to do.
     *
     * @throws IllegalStateException when the schema is missing, older or newer than {@link JdbcCampaignStore#SCHEMA_VERSION}
     */
    static void check(int found, String dialectName) {
        int wanted = JdbcCampaignStore.SCHEMA_VERSION;
        if (found == MISSING) {
            throw new IllegalStateException("the campaign schema is missing: no campaigns table in the connection's "
                    + "schema; run the migrations of " + JdbcCampaignStore.flywayLocation(dialectName)
                    + " with Flyway (history table " + JdbcCampaignStore.FLYWAY_HISTORY_TABLE
                    + "), or build the store with createSchemaIfMissing(true)");
        }
        if (found >= 0 && found < wanted) {
            throw new IllegalStateException("the campaign schema is at version " + found + " but this campaign-jdbc "
                    + "needs version " + wanted + ": run the newer migrations of "
                    + JdbcCampaignStore.flywayLocation(dialectName) + " with Flyway (history table "
                    + JdbcCampaignStore.FLYWAY_HISTORY_TABLE + ")");
        }
        if (found > wanted) {
            throw new IllegalStateException("the campaign schema is at version " + found + ", newer than this "
                    + "campaign-jdbc knows (version " + wanted + "): upgrade campaign-jdbc on this node, or do not "
                    + "start an older node on a migrated database");
        }
    }

    private static String script(String resource) {
        try (InputStream in = SchemaInstaller.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The script's statements: our own scripts end each statement with a semicolon at the end of a line. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
