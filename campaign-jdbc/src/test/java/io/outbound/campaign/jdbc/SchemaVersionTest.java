package io.outbound.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shipped migrations under Flyway, in their own history table beside a host's, on PostgreSQL and H2; and the
 * version a store checks when it starts.
 */
class SchemaVersionTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @Test
    void flyway_migrates_an_empty_postgresql_schema_beside_the_hosts_own_v1_and_a_store_starts_on_it() {
        DataSource dataSource = DATABASES.postgres(2);
        FlywayMigrations.host(dataSource).migrate();
        Flyway campaign = FlywayMigrations.campaign(dataSource, "postgresql");

        assertThat(campaign.migrate().migrationsExecuted).isEqualTo(1);

        assertThat(campaign.info().current().getVersion().getVersion())
                .isEqualTo(Integer.toString(JdbcCampaignStore.SCHEMA_VERSION));
        MigrationInfo hostCurrent = FlywayMigrations.host(dataSource).info().current();
        assertThat(hostCurrent.getScript()).isEqualTo("V1__host_orders.sql");
        JdbcCampaignStore store = JdbcCampaignStore.builder(dataSource).build();
        assertThat(store.dialect()).isInstanceOf(PostgresDialect.class);
        assertThat(campaign.migrate().migrationsExecuted).as("a second migrate").isZero();
        assertThat(campaign.validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void flyway_migrates_an_empty_h2_database() {
        DataSource dataSource = DATABASES.h2(2);
        assertThat(FlywayMigrations.campaign(dataSource, "h2").migrate().migrationsExecuted).isEqualTo(1);
        assertThat(JdbcCampaignStore.builder(dataSource).build().dialect()).isInstanceOf(H2Dialect.class);
    }

    @Test
    void a_store_refuses_a_database_migrated_beyond_its_version_naming_both() throws SQLException {
        DataSource dataSource = DATABASES.postgres(2);
        FlywayMigrations.campaign(dataSource, "postgresql").migrate();
        execute(dataSource, "INSERT INTO campaign_schema_history (installed_rank, version, description, type, script,"
                + " installed_by, execution_time, success) VALUES (99, '2', 'from a newer release', 'SQL',"
                + " 'V2__newer.sql', 'test', 0, TRUE)");

        assertThatThrownBy(() -> JdbcCampaignStore.builder(dataSource).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the campaign schema is at version 2, newer than this campaign-jdbc knows (version 1):"
                        + " upgrade campaign-jdbc on this node, or do not start an older node on a migrated database");
    }

    @Test
    void a_store_refuses_a_missing_schema_saying_how_to_create_it() {
        DataSource dataSource = DATABASES.h2(1);

        assertThatThrownBy(() -> JdbcCampaignStore.builder(dataSource).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the campaign schema is missing: no campaigns table in the connection's schema; run the"
                        + " migrations of classpath:io/outbound/campaign/jdbc/h2 with Flyway (history table"
                        + " campaign_schema_history), or build the store with createSchemaIfMissing(true)");
    }

    @Test
    void a_schema_created_by_the_store_records_its_version_and_an_older_record_is_refused() throws SQLException {
        DataSource dataSource = DATABASES.h2(1);
        JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
        assertThat(Recount.query(dataSource, "SELECT MAX(version) FROM campaign_schema_version WHERE 0 = ?", 0))
                .isEqualTo(JdbcCampaignStore.SCHEMA_VERSION);

        execute(dataSource, "UPDATE campaign_schema_version SET version = 0");
        assertThatThrownBy(() -> JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the campaign schema is at version 0 but this campaign-jdbc needs version 1");
    }

    @Test
    void a_flyway_location_is_only_given_for_a_known_dialect() {
        assertThat(JdbcCampaignStore.flywayLocation("postgresql")).isEqualTo("classpath:io/outbound/campaign/jdbc/postgresql");
        assertThatThrownBy(() -> JdbcCampaignStore.flywayLocation("mysql"))
                .hasMessage("dialect must be postgresql or h2, was 'mysql'");
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
