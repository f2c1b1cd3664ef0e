package io.outbound.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

        // One schema: exactly the script's tables and the version record, and each index, in the node's schema.
        List<String> script = SchemaInstaller.statements(shippedScript(new PostgresDialect()));
        List<String> tables = new ArrayList<>(createdNames(script, "TABLE"));
        tables.add("campaign_schema_version");
        assertThat(strings(dataSource, "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = current_schema() ORDER BY table_name"))
                .containsExactlyInAnyOrderElementsOf(tables);
        assertThat(strings(dataSource, "SELECT version FROM campaign_schema_version")).containsExactly("1");
        assertThat(strings(dataSource, "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"))
                .containsAll(createdNames(script, "INDEX"));
        assertThat(Recount.query(dataSource, "SELECT COUNT(*) FROM campaigns WHERE 0 = ?", 0)).isZero();

        // Once created, a node starting later does not run the script again.
        AtomicInteger creates = new AtomicInteger();
        JdbcCampaignStore later = JdbcCampaignStore.builder(countingCreates(dataSource, creates))
                .createSchemaIfMissing(true).build();
        assertThat(later.dialect()).isInstanceOf(PostgresDialect.class);
        assertThat(creates).as("CREATE statements run by a node starting on an existing schema").hasValue(0);
    }

    @Test
    void a_node_starting_on_an_empty_database_runs_each_statement_of_the_script_once() {
        DataSource dataSource = DATABASES.h2(2);
        AtomicInteger creates = new AtomicInteger();

        JdbcCampaignStore.builder(countingCreates(dataSource, creates)).createSchemaIfMissing(true).build();

        // The script's statements, then the version table.
        assertThat(creates).hasValue(SchemaInstaller.statements(shippedScript(new H2Dialect())).size() + 1);
    }

    /**
     * Each dialect's shipped script splits into exactly its statements: the same as cutting the script at each
     * {@code ;} once its comments are removed, every one a {@code CREATE TABLE} or {@code CREATE INDEX} (all
     * {@code IF NOT EXISTS}, so that nodes starting together may run it), creating the store's six tables, each
     * index on a table created before it.
     */
    @Test
    void the_shipped_scripts_split_into_their_statements() {
        for (JdbcDialect dialect : List.of(new H2Dialect(), new PostgresDialect())) {
            String script = shippedScript(dialect);
            List<String> expected = new ArrayList<>();
            for (String piece : script.replaceAll("--[^\n]*", "").split(";")) {
                if (!piece.isBlank()) {
                    expected.add(normalised(piece));
                }
            }

            List<String> statements = SchemaInstaller.statements(script);

            String what = dialect.schemaResource();
            assertThat(statements).as(what).hasSize(expected.size());
            assertThat(statements.stream().map(JdbcCampaignStoreBuilderTest::normalised).toList()).as(what)
                    .containsExactlyElementsOf(expected);
            assertThat(statements).as(what).allSatisfy(sql -> assertThat(sql)
                    .matches("(?s)CREATE (TABLE|INDEX) IF NOT EXISTS \\w+\\s.*").doesNotContain(";", "--"));
            assertThat(createdNames(statements, "TABLE")).as(what).containsExactly("campaigns",
                    "campaign_counter_shards", "campaign_contacts", "campaign_zones", "call_sessions", "org_call_slots",
                    "dial_pacing", "suppressions");
            List<String> tablesSoFar = new ArrayList<>();
            for (String sql : statements) {
                Matcher table = Pattern.compile("^CREATE TABLE IF NOT EXISTS (\\w+)").matcher(sql);
                Matcher index = Pattern.compile("(?s)^CREATE INDEX IF NOT EXISTS \\w+\\s+ON (\\w+) ").matcher(sql);
                if (table.find()) {
                    tablesSoFar.add(table.group(1));
                } else {
                    assertThat(index.find()).as("%s: an index on a table: %s", what, sql).isTrue();
                    assertThat(tablesSoFar).as("%s: table of %s created before it", what, sql)
                            .contains(index.group(1));
                }
            }
        }
    }

    private static String shippedScript(JdbcDialect dialect) {
        try (InputStream in = JdbcCampaignStoreBuilderTest.class.getClassLoader()
                .getResourceAsStream(dialect.schemaResource())) {
            assertThat(in).as(dialect.schemaResource()).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String normalised(String sql) {
        return sql.strip().replaceAll("\\s+", " ");
    }

    /** The names of the tables or indexes the statements create, in order. */
    private static List<String> createdNames(List<String> statements, String kind) {
        Pattern created = Pattern.compile("^CREATE " + kind + " IF NOT EXISTS (\\w+)");
        List<String> names = new ArrayList<>();
        for (String sql : statements) {
            Matcher matcher = created.matcher(sql);
            if (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static List<String> strings(DataSource dataSource, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** The data source, counting the {@code CREATE} statements run through its plain statements (as the script is). */
    private static DataSource countingCreates(DataSource real, AtomicInteger creates) {
        return proxy(DataSource.class, real, (method, result) -> result instanceof Connection connection
                ? proxy(Connection.class, connection, (connectionMethod, made) ->
                        made instanceof Statement statement && !(made instanceof PreparedStatement)
                                ? proxy(Statement.class, statement, null, (statementMethod, args) -> {
                                    if (statementMethod.getName().startsWith("execute") && args != null
                                            && args.length > 0 && args[0] instanceof String sql
                                            && sql.strip().toUpperCase(Locale.ROOT).startsWith("CREATE")) {
                                        creates.incrementAndGet();
                                    }
                                })
                                : made)
                : result);
    }

    private static <T> T proxy(Class<T> type, T real, BiFunction<Method, Object, Object> wrapResult) {
        return proxy(type, real, wrapResult, null);
    }

    private static <T> T proxy(Class<T> type, T real, BiFunction<Method, Object, Object> wrapResult,
                               BiConsumer<Method, Object[]> beforeCall) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (beforeCall != null) {
                beforeCall.accept(method, args);
            }
            Object result;
            try {
                result = method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return wrapResult == null ? result : wrapResult.apply(method, result);
        }));
    }
}
