package io.outbound.campaign.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Creates the shipped schema when its tables are missing (the builder's {@code createSchemaIfMissing}). */
final class SchemaInstaller {
    private final JdbcDialect dialect;

    SchemaInstaller(JdbcDialect dialect) {
        this.dialect = dialect;
    }

    /** Whether the campaigns table exists in the connection's current schema. */
    boolean installed(Connection connection) throws SQLException {
        String schema = connection.getSchema();
        try (ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), schema,
                dialect.campaignsTableName(), new String[] {"TABLE", "BASE TABLE"})) {
            return tables.next();
        }
    }

    void install(Connection connection) throws SQLException {
        dialect.lockSchemaCreation(connection);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(script())) {
                statement.execute(sql);
            }
        }
    }

    private String script() {
        try (InputStream in = SchemaInstaller.class.getClassLoader().getResourceAsStream(dialect.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + dialect.schemaResource() + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dialect.schemaResource(), e);
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
