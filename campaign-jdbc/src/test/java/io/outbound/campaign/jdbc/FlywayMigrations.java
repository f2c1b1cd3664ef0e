package io.outbound.campaign.jdbc;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Runs the shipped migrations as a host would: Flyway, the dialect's location, the campaign's own history table. */
final class FlywayMigrations {
    private FlywayMigrations() {
    }

    static Flyway campaign(DataSource dataSource, String dialect) {
        return Flyway.configure().dataSource(dataSource)
                .locations(JdbcCampaignStore.flywayLocation(dialect))
                .table(JdbcCampaignStore.FLYWAY_HISTORY_TABLE)
                // The host's schema already holds its own tables: the campaign's history starts empty beside them.
                .baselineOnMigrate(true).baselineVersion("0")
                .load();
    }

    static Flyway host(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:host/migration").load();
    }
}
