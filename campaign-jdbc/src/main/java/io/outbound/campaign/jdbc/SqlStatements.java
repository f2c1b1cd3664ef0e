package io.outbound.campaign.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

/**
 * A dialect's statements ({@link Sql}), each read from its resource and parsed once: the dialect's own file
 * ({@code sql/<dialect>/<name>.sql}) when there is one, else the shared one ({@code sql/<name>.sql}). Loading
 * fails at once, naming the resource, when a statement the dialect runs has no file or does not parse.
 */
final class SqlStatements {
    /** The folder of the statements on the class path. */
    static final String ROOT = "io/outbound/campaign/jdbc/sql/";

    private final JdbcDialect dialect;
    private final Map<Sql, NamedSql> statements;
    private final Map<Sql, String> resources;

    private SqlStatements(JdbcDialect dialect, Map<Sql, NamedSql> statements, Map<Sql, String> resources) {
        this.dialect = dialect;
        this.statements = statements;
        this.resources = resources;
    }

    /**
     * Reads and parses every statement the dialect runs.
     *
     * @throws IllegalStateException naming the resource when one is missing or does not parse
     */
    static SqlStatements load(JdbcDialect dialect) {
        return load(dialect, SqlStatements.class.getClassLoader());
    }

    /** Reads and parses every statement the dialect runs from the class loader's resources. */
    static SqlStatements load(JdbcDialect dialect, ClassLoader loader) {
        String directory = dialect.directory();
        Map<Sql, NamedSql> statements = new EnumMap<>(Sql.class);
        Map<Sql, String> resources = new EnumMap<>(Sql.class);
        for (Sql sql : Sql.values()) {
            if (!sql.appliesTo(directory)) {
                continue;
            }
            String own = ROOT + directory + "/" + sql.resourceName() + ".sql";
            String shared = ROOT + sql.resourceName() + ".sql";
            String text = read(loader, own);
            String resource = own;
            if (text == null && !sql.dialectOnly()) {
                text = read(loader, shared);
                resource = shared;
            }
            if (text == null) {
                throw new IllegalStateException("the SQL resource of statement " + sql + " for " + dialect.name()
                        + " is missing: " + (sql.dialectOnly() ? own : shared + " (or " + own + ")"));
            }
            try {
                statements.put(sql, NamedSql.parse(resource, text));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the SQL resource " + resource + " does not parse: "
                        + e.getMessage(), e);
            }
            resources.put(sql, resource);
        }
        return new SqlStatements(dialect, statements, resources);
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL resource " + resource, e);
        }
    }

    /**
     * The parsed statement.
     *
     * @throws IllegalArgumentException when the dialect does not run it
     */
    NamedSql get(Sql sql) {
        NamedSql statement = statements.get(sql);
        if (statement == null) {
            throw new IllegalArgumentException("statement " + sql + " is not one that " + dialect.name() + " runs");
        }
        return statement;
    }

    /** Whether the dialect runs the statement. */
    boolean has(Sql sql) {
        return statements.containsKey(sql);
    }

    /** The resource the statement was read from. */
    String resource(Sql sql) {
        get(sql);
        return resources.get(sql);
    }

    /** Prepares the statement, for its parameters to be set by name. */
    BoundStatement prepare(Connection connection, Sql sql) throws SQLException {
        return BoundStatement.prepare(connection, get(sql), dialect);
    }

    /** Prepares the statement with its list parameter {@code list} standing for {@code size} values. */
    BoundStatement prepare(Connection connection, Sql sql, String list, int size) throws SQLException {
        return BoundStatement.prepare(connection, get(sql).expand(list, size), dialect);
    }

    /** Prepares a statement assembled in code from fixed fragments (see the caller for why). */
    BoundStatement prepare(Connection connection, NamedSql assembled) throws SQLException {
        return BoundStatement.prepare(connection, assembled, dialect);
    }

    /** Prepares the statement, asking for the keys it generates. */
    BoundStatement prepareReturningKeys(Connection connection, Sql sql) throws SQLException {
        return BoundStatement.prepareReturningKeys(connection, get(sql), dialect);
    }
}
