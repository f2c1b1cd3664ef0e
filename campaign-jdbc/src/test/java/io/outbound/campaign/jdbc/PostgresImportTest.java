package io.outbound.campaign.jdbc;

import static io.outbound.campaign.jdbc.StoreFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.spi.NewCampaign;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;

/**
 * A large import streams through {@code COPY}: every row arrives, in file order, with its values intact, and
 * the campaign's counters say so. Prints the rate next to a plain {@code COPY} of the same rows as a baseline
 * (a figure, not an assertion: this machine is shared and noisy).
 */
class PostgresImportTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private static final int ROWS = 100_000;

    @Test
    void a_hundred_thousand_contacts_stream_in_through_copy_with_their_values_intact() throws Exception {
        DataSource dataSource = DATABASES.postgres(2);
        JdbcCampaignStore store = JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();

        // A smaller import first, so that the figure measures the import rather than class loading and JIT.
        store.createCampaign(new NewCampaign("org-1", "warm-up", 1, "warm.csv", 10, null, null, null, null, T0),
                StoreFixture.contacts(ROWS / 5));
        long started = System.nanoTime();
        Campaign campaign = store.createCampaign(new NewCampaign("org-1", "big", 1, "big.csv", 10, null,
                RetryConfig.ofDefaults(), null, null, T0), StoreFixture.contacts(ROWS));
        double storeSeconds = (System.nanoTime() - started) / 1e9;

        assertThat(campaign.progress().pending()).isEqualTo(ROWS);
        assertThat(Recount.progress(dataSource, campaign.id(), campaign.status())).isEqualTo(campaign.progress());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var row = s.executeQuery("SELECT seq, phone_number, contact_values FROM campaign_contacts"
                     + " WHERE campaign_id = " + campaign.id() + " AND seq = " + ROWS)) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString("phone_number")).isEqualTo(StoreFixture.phone(ROWS));
            assertThat(JsonColumns.strings(row.getString("contact_values")))
                    .isEqualTo(List.of("Name " + ROWS, "Acme \"" + ROWS + "\", Inc"));
        }

        double copySeconds = plainCopySeconds(dataSource);
        System.out.printf("import of %d contacts on PostgreSQL: store %.2f s (%.0f rows/s), plain COPY %.2f s;"
                + " ratio to COPY %.2f%n", ROWS, storeSeconds, ROWS / storeSeconds, copySeconds,
                copySeconds / storeSeconds);
    }

    /** The same rows through a bare COPY into a table without indexes: the floor any import can reach. */
    private static double plainCopySeconds(DataSource dataSource) throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= ROWS; i++) {
            csv.append(StoreFixture.phone(i)).append(",Name ").append(i).append(",\"Acme \"\"").append(i)
                    .append("\"\", Inc\"\n");
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE copy_baseline (phone_number TEXT, first_name TEXT, company TEXT)");
            long started = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY copy_baseline FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
            return (System.nanoTime() - started) / 1e9;
        }
    }
}
