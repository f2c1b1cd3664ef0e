package io.outbound.campaign.boot;

import io.outbound.campaign.jdbc.JdbcCampaignStore;
import io.outbound.campaign.jdbc.JdbcDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The campaign schema migrated by a Flyway run of its own: the shipped migrations of the database's dialect
 * ({@link JdbcCampaignStore#flywayLocation}), recorded in {@link JdbcCampaignStore#FLYWAY_HISTORY_TABLE}, so that its
 * {@code V1} never meets the application's {@code V1} in {@code flyway_schema_history}. It runs after the
 * application's own database initialisation (its Flyway, Liquibase or SQL scripts), and baselines at version 0 so
 * that a schema already holding the application's tables is accepted.
 */
public final class CampaignSchemaMigration {
    private final String location;
    private final int migrationsApplied;

    private CampaignSchemaMigration(String location, int migrationsApplied) {
        this.location = location;
        this.migrationsApplied = migrationsApplied;
    }

    /**
     * Migrates the campaign schema on the data source.
     *
     * @throws CampaignConfigurationException when the database is not one the store supports
     */
    static CampaignSchemaMigration migrate(DataSource dataSource) {
        String dialect = dialectName(dataSource);
        String location = JdbcCampaignStore.flywayLocation(dialect);
        int applied = Flyway.configure()
                .dataSource(dataSource)
                .locations(location)
                .table(JdbcCampaignStore.FLYWAY_HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate()
                .migrationsExecuted;
        return new CampaignSchemaMigration(location, applied);
    }

    private static String dialectName(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return JdbcDialect.detect(connection.getMetaData()).name().toLowerCase(Locale.ROOT);
        } catch (SQLException e) {
            throw new CampaignConfigurationException("The campaign schema could not be migrated: the DataSource"
                    + " could not be reached (" + e.getMessage() + ").", "Check the application's DataSource"
                    + " (spring.datasource.*).", e);
        } catch (IllegalArgumentException e) {
            throw new CampaignConfigurationException("The campaign schema could not be migrated: " + e.getMessage()
                    + ".", "Use PostgreSQL 13 or later or H2 2.x, or define a CampaignStore bean of your own.", e);
        }
    }

    /** The Flyway location migrated, for example {@code classpath:io/outbound/campaign/jdbc/postgresql}. */
    public String location() {
        return location;
    }

    /** How many migrations this run applied (0 when the schema was up to date). */
    public int migrationsApplied() {
        return migrationsApplied;
    }
}
