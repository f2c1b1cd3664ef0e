package io.outbound.campaign.jdbc;

import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.testkit.CampaignStoreContract;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test kit's store contract, on an in-memory H2 whose schema Flyway migrated beside a host's own V1. */
class H2FlywayCampaignStoreContractTest extends CampaignStoreContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @Override
    protected CampaignStore createStore() {
        DataSource dataSource = DATABASES.h2(4);
        FlywayMigrations.host(dataSource).migrate();
        FlywayMigrations.campaign(dataSource, "h2").migrate();
        return JdbcCampaignStore.builder(dataSource).build();
    }
}
