package io.outbound.campaign.jdbc;

import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.testkit.CampaignStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test kit's store contract, on in-memory H2. */
class H2CampaignStoreContractTest extends CampaignStoreContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @Override
    protected CampaignStore createStore() {
        return JdbcCampaignStore.builder(DATABASES.h2(4)).createSchemaIfMissing(true).build();
    }
}
