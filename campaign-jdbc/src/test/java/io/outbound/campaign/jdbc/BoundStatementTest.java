package io.outbound.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BoundStatementTest {
    private final JdbcDialect dialect = new H2Dialect();
    private Connection connection;

    @BeforeEach
    void open() throws Exception {
        connection = DriverManager.getConnection("jdbc:h2:mem:bound-statement-test");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE t (id BIGINT, name VARCHAR(20), at TIMESTAMP(9) WITH TIME ZONE)");
        }
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    private BoundStatement prepare(String name, String sql) throws Exception {
        return BoundStatement.prepare(connection, NamedSql.parse(name, sql), dialect);
    }

    @Test
    void a_value_set_by_name_fills_every_placeholder_of_that_name() throws Exception {
        try (BoundStatement select = prepare("repeat", "SELECT :id + :id, :name, :at")) {
            select.setLong("id", 21).set("name", "x").setInstant("at", Instant.parse("2026-01-01T00:00:00Z"));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                assertThat(row.getLong(1)).isEqualTo(42);
                assertThat(row.getString(2)).isEqualTo("x");
                assertThat(dialect.getInstant(row, row.getMetaData().getColumnLabel(3)))
                        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
            }
        }
    }

    @Test
    void null_text_numbers_and_instants_are_sql_null() throws Exception {
        try (BoundStatement insert = prepare("insert", "INSERT INTO t (id, name, at) VALUES (:id, :name, :at)")) {
            insert.setLong("id", (Long) null).set("name", null).setInstant("at", null).executeUpdate();
        }
        try (Statement s = connection.createStatement();
             ResultSet row = s.executeQuery(
                     "SELECT COUNT(*) FROM t WHERE id IS NULL AND name IS NULL AND at IS NULL")) {
            row.next();
            assertThat(row.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void an_unknown_name_fails_naming_the_statement_and_the_name() throws Exception {
        try (BoundStatement select = prepare("campaign-find", "SELECT :campaignId")) {
            assertThatThrownBy(() -> select.setLong("campaign", 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'campaign-find'").hasMessageContaining(":campaign;")
                    .hasMessageContaining("[campaignId]");
        }
    }

    @Test
    void a_parameter_left_unset_fails_before_the_database_is_asked() throws Exception {
        try (BoundStatement select = prepare("campaign-find", "SELECT :campaignId, :orgId")) {
            select.setLong("campaignId", 1);
            assertThatThrownBy(select::executeQuery).isInstanceOf(IllegalStateException.class)
                    .hasMessage("statement 'campaign-find' is missing parameter :orgId");
        }
    }

    @Test
    void each_batch_row_sets_every_parameter_again() throws Exception {
        try (BoundStatement insert = prepare("insert", "INSERT INTO t (id, name) VALUES (:id, :name)")) {
            insert.setLong("id", 1).set("name", "a");
            insert.addBatch();
            insert.setLong("id", 2);
            assertThatThrownBy(insert::addBatch).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(":name");
            insert.set("name", "b");
            insert.addBatch();
            assertThat(insert.executeBatch()).containsExactly(1, 1);
        }
    }

    @Test
    void a_list_parameter_takes_as_many_values_as_it_was_expanded_for() throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        }
        NamedSql sql = NamedSql.parse("in-list", "SELECT COUNT(*) FROM t WHERE name IN (:names) AND id > :min")
                .expand("names", 2);
        try (BoundStatement select = BoundStatement.prepare(connection, sql, dialect)) {
            assertThatThrownBy(() -> select.setList("names", List.of("a", "b", "c")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'in-list'");
            assertThatThrownBy(() -> select.setList("names", List.of("a")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fewer");
            select.setList("names", List.of("a", "c")).setLong("min", 0);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                assertThat(row.getInt(1)).isEqualTo(2);
            }
        }
    }
}
