package io.outbound.campaign.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link JdbcCampaignStore} on in-memory H2. */
class H2CampaignStoreTest extends JdbcCampaignStoreBehaviour {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @Override
    DataSource newDataSource() {
        return DATABASES.h2(4);
    }

    @Test
    void the_dialect_is_detected_from_the_connection() {
        assertThat(store.dialect()).isInstanceOf(H2Dialect.class);
    }
}
