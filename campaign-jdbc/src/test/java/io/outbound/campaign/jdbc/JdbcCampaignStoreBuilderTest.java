package io.outbound.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Building a store: fail-fast settings, dialect detection, and the schema created once however many start. */
class JdbcCampaignStoreBuilderTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @Test
    void settings_out_of_range_are_refused_with_their_name_and_value() {
        DataSource dataSource = new JdbcDataSource();

        assertThatThrownBy(() -> JdbcCampaignStore.builder(null)).hasMessage("dataSource must not be null");
        assertThatThrownBy(() -> JdbcCampaignStore.builder(dataSource).fetchSize(0))
                .hasMessage("fetchSize must be positive, was 0");
        assertThatThrownBy(() -> JdbcCampaignStore.builder(dataSource).maxCallDuration(Duration.ZERO))
                .hasMessage("maxCallDuration must be positive, was PT0S");
    }

    @Test
    void a_database_without_a_dialect_is_named_in_the_refusal() throws SQLException {
        DatabaseMetaData mysql = (DatabaseMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class},
                (proxy, method, args) -> method.getName().equals("getDatabaseProductName") ? "MySQL" : null);

        assertThatThrownBy(() -> JdbcDialect.detect(mysql))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no JdbcDialect for database 'MySQL'");
    }

    @Test
    void an_unreachable_database_is_store_unavailable_when_the_store_must_connect_to_build() {
        JdbcDataSource nowhere = new JdbcDataSource();
        nowhere.setURL("jdbc:h2:file:/nonexistent-dir/none;IFEXISTS=TRUE");

        assertThatThrownBy(() -> JdbcCampaignStore.builder(nowhere).build())
                .isInstanceOfSatisfying(CampaignException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    }

    @Test
    void nodes_starting_together_on_an_empty_postgresql_create_the_schema_once_without_failing() throws Exception {
        DataSource dataSource = DATABASES.postgres(8);
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        Callable<JdbcCampaignStore> start = () -> {
            go.await();
            return JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
        };
        List<Future<JdbcCampaignStore>> started = List.of(nodes.submit(start), nodes.submit(start),
                nodes.submit(start), nodes.submit(start));
        go.countDown();
        for (Future<JdbcCampaignStore> store : started) {
            assertThat(store.get(60, TimeUnit.SECONDS).dialect()).isInstanceOf(PostgresDialect.class);
        }
        nodes.shutdown();

        assertThat(Recount.query(dataSource, "SELECT COUNT(*) FROM campaigns WHERE 0 = ?", 0)).isZero();
    }

    @Test
    void the_shipped_scripts_split_into_their_statements() {
        assertThat(SchemaInstaller.statements("-- a comment\nCREATE TABLE a (x INT);\n\nCREATE INDEX i\n ON a (x);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i\n ON a (x)");
    }
}
