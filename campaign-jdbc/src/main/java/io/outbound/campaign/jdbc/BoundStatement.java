package io.outbound.campaign.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A prepared {@link NamedSql} whose parameters are set by name: each setter sets every {@code ?} of its name, with
 * the dialect's setter for instants. Setting a name the statement does not have fails at once; running it (or
 * adding a batch row) with a parameter not set fails before the database is asked. Each batch row sets every
 * parameter again.
 *
 * <pre>{@code
 * try (BoundStatement lock = sql.prepare(connection, Sql.CAMPAIGN_LOCK)) {
 *     lock.setLong("campaignId", campaignId);
 *     try (ResultSet row = lock.executeQuery()) { ... }
 * }
 * }</pre>
 */
final class BoundStatement implements AutoCloseable {
    private final NamedSql sql;
    private final JdbcDialect dialect;
    private final PreparedStatement statement;
    private final Map<String, List<Integer>> positions;
    private final Set<String> set = new HashSet<>();

    private BoundStatement(NamedSql sql, JdbcDialect dialect, PreparedStatement statement) {
        this.sql = sql;
        this.dialect = dialect;
        this.statement = statement;
        this.positions = sql.positions();
    }

    /** Prepares the statement on the connection. */
    static BoundStatement prepare(Connection connection, NamedSql sql, JdbcDialect dialect) throws SQLException {
        return new BoundStatement(sql, dialect, connection.prepareStatement(sql.jdbcSql()));
    }

    /** Prepares the statement on the connection, asking for its generated keys. */
    static BoundStatement prepareReturningKeys(Connection connection, NamedSql sql, JdbcDialect dialect)
            throws SQLException {
        return new BoundStatement(sql, dialect,
                connection.prepareStatement(sql.jdbcSql(), Statement.RETURN_GENERATED_KEYS));
    }

    /** Sets a text parameter; {@code null} is SQL NULL. */
    BoundStatement set(String name, String value) throws SQLException {
        return each(name, i -> {
            if (value == null) {
                statement.setNull(i, Types.VARCHAR);
            } else {
                statement.setString(i, value);
            }
        });
    }

    BoundStatement setLong(String name, long value) throws SQLException {
        return each(name, i -> statement.setLong(i, value));
    }

    /** Sets a nullable number; {@code null} is SQL NULL. */
    BoundStatement setLong(String name, Long value) throws SQLException {
        return value == null ? each(name, i -> statement.setNull(i, Types.BIGINT)) : setLong(name, value.longValue());
    }

    BoundStatement setInt(String name, int value) throws SQLException {
        return each(name, i -> statement.setInt(i, value));
    }

    BoundStatement setBoolean(String name, boolean value) throws SQLException {
        return each(name, i -> statement.setBoolean(i, value));
    }

    BoundStatement setDouble(String name, double value) throws SQLException {
        return each(name, i -> statement.setDouble(i, value));
    }

    BoundStatement setBigDecimal(String name, BigDecimal value) throws SQLException {
        return each(name, i -> statement.setBigDecimal(i, value));
    }

    /** Sets an instant as the dialect stores it; {@code null} is SQL NULL. */
    BoundStatement setInstant(String name, Instant value) throws SQLException {
        return each(name, i -> dialect.setInstant(statement, i, value));
    }

    /** Sets one JDBC parameter. */
    @FunctionalInterface
    private interface Setter {
        void set(int index) throws SQLException;
    }

    /** Sets every {@code ?} of the name. */
    private BoundStatement each(String name, Setter setter) throws SQLException {
        for (int index : indexes(name)) {
            setter.set(index);
        }
        return this;
    }

    /**
     * Sets the values of a list parameter the statement was {@linkplain NamedSql#expand expanded} for, each by its
     * type as {@link #setValue} does.
     *
     * @throws IllegalArgumentException when the count differs from the expansion's
     */
    BoundStatement setList(String name, Collection<?> values) throws SQLException {
        int k = 0;
        for (Object value : values) {
            String element = name + "[" + k++ + "]";
            if (!positions.containsKey(element)) {
                throw new IllegalArgumentException("statement '" + sql.name() + "' has no parameter :" + element
                        + "; list :" + name + " was given " + values.size() + " values");
            }
            setValue(element, value);
        }
        if (positions.containsKey(name + "[" + k + "]")) {
            throw new IllegalArgumentException("list :" + name + " of statement '" + sql.name()
                    + "' was given " + values.size() + " values, fewer than it was expanded for");
        }
        return this;
    }

    /** Sets a parameter by its value's type: text, whole number, boolean or instant ({@code null} as text). */
    BoundStatement setValue(String name, Object value) throws SQLException {
        if (value instanceof Instant instant) {
            return setInstant(name, instant);
        } else if (value instanceof Long number) {
            return setLong(name, number.longValue());
        } else if (value instanceof Integer number) {
            return setInt(name, number);
        } else if (value instanceof Boolean flag) {
            return setBoolean(name, flag);
        }
        return set(name, (String) value);
    }

    private List<Integer> indexes(String name) {
        List<Integer> indexes = positions.get(name);
        if (indexes == null) {
            throw new IllegalArgumentException("statement '" + sql.name() + "' has no parameter :" + name
                    + "; its parameters: " + positions.keySet());
        }
        set.add(name);
        return indexes;
    }

    private void checkSet() {
        if (set.size() == positions.size()) {
            return;
        }
        for (String name : positions.keySet()) {
            if (!set.contains(name)) {
                throw new IllegalStateException("statement '" + sql.name() + "' is missing parameter :" + name);
            }
        }
    }

    ResultSet executeQuery() throws SQLException {
        checkSet();
        return statement.executeQuery();
    }

    int executeUpdate() throws SQLException {
        checkSet();
        return statement.executeUpdate();
    }

    /** Runs the statement with the parameters set, for a statement that may or may not return rows. */
    boolean execute() throws SQLException {
        checkSet();
        return statement.execute();
    }

    /** Adds the row of parameters set as a batch row; the next row sets every parameter again. */
    void addBatch() throws SQLException {
        checkSet();
        statement.addBatch();
        set.clear();
    }

    int[] executeBatch() throws SQLException {
        return statement.executeBatch();
    }

    /** The rows of a statement {@link #execute} ran as a query. */
    ResultSet resultSet() throws SQLException {
        return statement.getResultSet();
    }

    ResultSet getGeneratedKeys() throws SQLException {
        return statement.getGeneratedKeys();
    }

    /** Rows fetched per round trip when reading the result. */
    BoundStatement fetchSize(int rows) throws SQLException {
        statement.setFetchSize(rows);
        return this;
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
