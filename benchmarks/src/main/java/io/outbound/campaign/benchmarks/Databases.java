package io.outbound.campaign.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.outbound.campaign.jdbc.JdbcCampaignStore;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/** Databases on the run's PostgreSQL server and connection pools on them, as a host would have. */
final class Databases {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private Databases() {
    }

    /** A fresh, empty database on the run's server; its JDBC URL. */
    static String fresh(BenchContext context, String name) {
        try {
            return context.postgres().createDatabase(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    /** A pool of at most {@code size} connections. */
    static HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setPoolName("bench-" + POOLS.incrementAndGet());
        return new HikariDataSource(config);
    }

    /** The engine's store on the pool, creating the schema when missing. */
    static JdbcCampaignStore store(HikariDataSource pool) {
        return JdbcCampaignStore.builder(pool).createSchemaIfMissing(true).build();
    }
}
