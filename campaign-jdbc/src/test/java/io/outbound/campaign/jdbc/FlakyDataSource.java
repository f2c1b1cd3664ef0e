package io.outbound.campaign.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that fails a share of connections, statements and commits, the last both before the commit
 * reaches the database and after it did (the caller then cannot tell whether it happened). Failures are drawn
 * from a seeded random source, so a run is repeatable; {@link #quiet()} switches them off.
 */
final class FlakyDataSource implements DataSource {
    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");

    private final DataSource real;
    private final double failureRate;
    private final Random random;
    private volatile boolean flaky = true;
    private volatile boolean failNextCommitAfterCommitting;
    final AtomicInteger failedConnects = new AtomicInteger();
    final AtomicInteger failedStatements = new AtomicInteger();
    final AtomicInteger failedBeforeCommit = new AtomicInteger();
    final AtomicInteger failedAfterCommit = new AtomicInteger();

    FlakyDataSource(DataSource real, double failureRate, long seed) {
        this.real = real;
        this.failureRate = failureRate;
        this.random = new Random(seed);
    }

    /** The next commit reaches the database and then fails, whatever the failure rate. */
    void failNextCommitAfterCommitting() {
        failNextCommitAfterCommitting = true;
    }

    /** Stops injecting failures. */
    void quiet() {
        flaky = false;
    }

    private boolean strikes() {
        if (!flaky) {
            return false;
        }
        synchronized (random) {
            return random.nextDouble() < failureRate;
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (strikes()) {
            failedConnects.incrementAndGet();
            throw new SQLTransientConnectionException("injected: connection refused");
        }
        Connection connection = real.getConnection();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new FlakyConnection(connection));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("only the configured user");
    }

    private final class FlakyConnection implements InvocationHandler {
        private final Connection connection;

        FlakyConnection(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            boolean forced = method.getName().equals("commit") && failNextCommitAfterCommitting;
            if (forced || method.getName().equals("commit") && strikes()) {
                failNextCommitAfterCommitting = false;
                boolean afterCommit;
                synchronized (random) {
                    afterCommit = forced || random.nextBoolean();
                }
                if (afterCommit) {
                    connection.commit();
                    failedAfterCommit.incrementAndGet();
                    throw new SQLException("injected: connection lost after the commit reached the database", "08006");
                }
                failedBeforeCommit.incrementAndGet();
                throw new SQLException("injected: connection lost before the commit", "08006");
            }
            Object result = call(connection, method, args);
            if (result instanceof PreparedStatement statement) {
                return wrap(statement, PreparedStatement.class);
            }
            if (result instanceof Statement statement) {
                return wrap(statement, Statement.class);
            }
            return result;
        }
    }

    private Object wrap(Statement statement, Class<? extends Statement> type) {
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (EXECUTIONS.contains(method.getName()) && strikes()) {
                failedStatements.incrementAndGet();
                throw new SQLException("injected: statement failed", "08006");
            }
            return call(statement, method, args);
        });
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return real.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        real.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        real.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return real.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return real.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return real.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return real.isWrapperFor(iface);
    }
}
