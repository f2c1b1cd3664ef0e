package io.outbound.campaign.jdbc;

import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.testkit.CampaignStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test kit's store contract, on the embedded PostgreSQL 17. */
class PostgresCampaignStoreContractTest extends CampaignStoreContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @Override
    protected CampaignStore createStore() {
        return JdbcCampaignStore.builder(DATABASES.postgres(4)).createSchemaIfMissing(true).build();
    }
}
