package io.outbound.campaign.jdbc;

import io.outbound.campaign.CampaignException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs store operations on connections of the host's {@link DataSource}: each operation is one transaction,
 * rolled back on any failure. A {@link SQLException} becomes {@code STORE_UNAVAILABLE} (after the rollback, so
 * the caller may retry); any other exception, such as one thrown by a caller's callback, propagates as it is.
 */
final class Transactions {
    private final DataSource dataSource;

    Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Work on an open connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Tells, on a fresh connection, whether a transaction whose commit failed did commit (its effect is
     * visible), so that an operation that happened is not reported as failed.
     */
    @FunctionalInterface
    interface CommitCheck<T> {
        boolean committed(Connection fresh, T result) throws SQLException;
    }

    /** Runs {@code work} in one transaction and commits it. */
    <T> T inTransaction(String what, Work<T> work) {
        return inTransaction(what, work, null);
    }

    /**
     * Runs {@code work} in one transaction and commits it. When the commit itself fails (the connection
     * dropped: the transaction may or may not have committed), {@code check} looks on a new connection and the
     * result is returned if the transaction did commit.
     */
    <T> T inTransaction(String what, Work<T> work, CommitCheck<T> check) {
        Connection connection = open(what);
        try {
            connection.setAutoCommit(false);
            T result = work.run(connection);
            try {
                connection.commit();
            } catch (SQLException commitFailure) {
                rollbackQuietly(connection, commitFailure);
                if (check != null && committed(check, result, commitFailure)) {
                    return result;
                }
                throw CampaignException.storeUnavailable(what, commitFailure);
            }
            return result;
        } catch (SQLException e) {
            rollbackQuietly(connection, e);
            throw CampaignException.storeUnavailable(what, e);
        } catch (SqlFailure e) {
            rollbackQuietly(connection, e);
            throw CampaignException.storeUnavailable(what, e.getCause());
        } catch (RuntimeException | Error e) {
            rollbackQuietly(connection, e);
            throw e;
        } finally {
            release(connection);
        }
    }

    /** Runs a read in auto-commit mode (one statement sees one snapshot; no transaction is held open). */
    <T> T read(String what, Work<T> work) {
        Connection connection = open(what);
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw CampaignException.storeUnavailable(what, e);
        } catch (SqlFailure e) {
            throw CampaignException.storeUnavailable(what, e.getCause());
        } finally {
            release(connection);
        }
    }

    private <T> boolean committed(CommitCheck<T> check, T result, SQLException commitFailure) {
        try (Connection fresh = dataSource.getConnection()) {
            return check.committed(fresh, result);
        } catch (SQLException | RuntimeException e) {
            commitFailure.addSuppressed(e);
            return false;
        }
    }

    private Connection open(String what) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw CampaignException.storeUnavailable(what, e);
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable failure) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException | RuntimeException e) {
            // The connection is likely broken; the database discards the transaction when it closes.
            failure.addSuppressed(e);
        }
    }

    private static void release(Connection connection) {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            // A broken connection: closing it below is all that is left to do.
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // Nothing to recover: the pool (or the driver) discards a connection that fails to close.
        }
    }

    /**
     * A {@link SQLException} carried through a callback that cannot throw checked exceptions (a
     * {@code ContactSource.Sink}, a {@code Consumer}); unwrapped into {@code STORE_UNAVAILABLE}.
     */
    static final class SqlFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SqlFailure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
