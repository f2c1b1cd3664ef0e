package io.outbound.campaign.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.outbound.campaign.postgres.testsupport.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fresh, empty databases for tests: on the shared {@link EmbeddedPostgres} a new schema each (cheap, and as
 * isolated as a new database for this store), or a new in-memory H2 database. Register it with
 * {@code @RegisterExtension}; the pools it handed out close after the test class.
 */
final class TestDatabases implements AfterAllCallback {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private final List<HikariDataSource> pools = new ArrayList<>();

    /** A pooled data source on a new, empty PostgreSQL schema. */
    synchronized HikariDataSource postgres(int poolSize) {
        return postgres(poolSize, 30_000);
    }

    /** As {@link #postgres(int)}, giving up on a connection after {@code connectionTimeoutMillis}. */
    synchronized HikariDataSource postgres(int poolSize, long connectionTimeoutMillis) {
        EmbeddedPostgres server = EmbeddedPostgres.shared();
        String schema = "test_" + NEXT.incrementAndGet();
        try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
        return pool(server.url("postgres") + "&currentSchema=" + schema, poolSize, connectionTimeoutMillis);
    }

    /** Another pool on the same database and schema as {@code existing} (one of this extension's pools). */
    synchronized HikariDataSource sameSchema(javax.sql.DataSource existing, int poolSize) {
        HikariDataSource pool = (HikariDataSource) existing;
        return pool(pool.getJdbcUrl(), poolSize, pool.getConnectionTimeout());
    }

    /** A pooled data source on a new in-memory H2 database. */
    synchronized HikariDataSource h2(int poolSize) {
        return pool("jdbc:h2:mem:test_" + NEXT.incrementAndGet() + ";LOCK_TIMEOUT=10000",
                poolSize, 30_000);
    }

    private HikariDataSource pool(String url, int poolSize, long connectionTimeoutMillis) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(connectionTimeoutMillis);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        pools.forEach(HikariDataSource::close);
        pools.clear();
    }
}
