package io.outbound.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamedSqlTest {

    @Test
    void named_parameters_become_placeholders_in_order() {
        NamedSql sql = NamedSql.parse("t", "SELECT * FROM campaigns WHERE id = :campaignId AND org_id = :orgId");

        assertThat(sql.jdbcSql()).isEqualTo("SELECT * FROM campaigns WHERE id = ? AND org_id = ?");
        assertThat(sql.parameters()).containsExactly("campaignId", "orgId");
    }

    @Test
    void a_repeated_name_is_one_placeholder_per_appearance() {
        NamedSql sql = NamedSql.parse("t", "SELECT :a, :b, :a");

        assertThat(sql.jdbcSql()).isEqualTo("SELECT ?, ?, ?");
        assertThat(sql.parameters()).containsExactly("a", "b", "a");
        assertThat(sql.positions()).containsExactly(
                java.util.Map.entry("a", List.of(1, 3)), java.util.Map.entry("b", List.of(2)));
    }

    @Test
    void a_postgresql_cast_is_not_a_parameter() {
        NamedSql sql = NamedSql.parse("t", "SELECT :id::bigint, x::text FROM t");

        assertThat(sql.jdbcSql()).isEqualTo("SELECT ?::bigint, x::text FROM t");
        assertThat(sql.parameters()).containsExactly("id");
    }

    @Test
    void string_literals_and_quoted_identifiers_are_left_alone() {
        NamedSql sql = NamedSql.parse("t",
                "SELECT 'it''s :not ? a parameter', \":nor_this\" FROM t WHERE note = :note AND x = 'a:b'");

        assertThat(sql.jdbcSql())
                .isEqualTo("SELECT 'it''s :not ? a parameter', \":nor_this\" FROM t WHERE note = ? AND x = 'a:b'");
        assertThat(sql.parameters()).containsExactly("note");
    }

    @Test
    void comments_are_dropped_with_any_names_in_them() {
        NamedSql sql = NamedSql.parse("t", """
                -- Reads one :campaign; what? it does
                SELECT id /* :hidden; ? */ FROM campaigns -- trailing :x
                 WHERE id = :campaignId
                """);

        assertThat(sql.jdbcSql()).isEqualTo("SELECT id   FROM campaigns \n WHERE id = ?");
        assertThat(sql.parameters()).containsExactly("campaignId");
    }

    @Test
    void a_positional_placeholder_is_refused_naming_the_statement() {
        assertThatThrownBy(() -> NamedSql.parse("campaign-lock", "SELECT * FROM campaigns WHERE id = ?"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'campaign-lock'").hasMessageContaining("positional parameter");
    }

    @Test
    void a_second_statement_is_refused() {
        assertThatThrownBy(() -> NamedSql.parse("two", "DELETE FROM a; DELETE FROM b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'two'").hasMessageContaining("';'");
    }

    @Test
    void an_unterminated_literal_or_comment_is_refused() {
        assertThatThrownBy(() -> NamedSql.parse("open", "SELECT 'abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated string literal");
        assertThatThrownBy(() -> NamedSql.parse("open", "SELECT \"abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated quoted identifier");
        assertThatThrownBy(() -> NamedSql.parse("open", "SELECT 1 /* abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated /* comment");
    }

    @Test
    void a_list_parameter_expands_to_one_placeholder_per_value_everywhere_it_appears() {
        NamedSql sql = NamedSql.parse("t", "SELECT '?' FROM t WHERE org = :org AND n IN (:numbers) OR m IN (:numbers)")
                .expand("numbers", 3);

        assertThat(sql.jdbcSql()).isEqualTo("SELECT '?' FROM t WHERE org = ? AND n IN (?, ?, ?) OR m IN (?, ?, ?)");
        assertThat(sql.parameters()).containsExactly("org", "numbers[0]", "numbers[1]", "numbers[2]",
                "numbers[0]", "numbers[1]", "numbers[2]");
    }

    @Test
    void an_expansion_is_made_once_per_list_and_size_and_each_size_keeps_its_own_placeholders() {
        NamedSql sql = NamedSql.parse("t", "SELECT 1 FROM t WHERE n IN (:numbers) AND z IN (:zones)");

        NamedSql two = sql.expand("numbers", 2);
        NamedSql large = sql.expand("numbers", NamedSql.MAX_KEPT_EXPANSION + 1);

        assertThat(sql.expand("numbers", 2)).isSameAs(two);
        assertThat(sql.expand("numbers", 3).jdbcSql()).isEqualTo("SELECT 1 FROM t WHERE n IN (?, ?, ?) AND z IN (?)");
        assertThat(sql.expand("zones", 2).jdbcSql()).isEqualTo("SELECT 1 FROM t WHERE n IN (?) AND z IN (?, ?)");
        assertThat(two.jdbcSql()).isEqualTo("SELECT 1 FROM t WHERE n IN (?, ?) AND z IN (?)");
        assertThat(two.positions()).containsExactly(Map.entry("numbers[0]", List.of(1)),
                Map.entry("numbers[1]", List.of(2)), Map.entry("zones", List.of(3)));
        assertThat(large.parameters()).hasSize(NamedSql.MAX_KEPT_EXPANSION + 2);
        assertThat(sql.expand("numbers", NamedSql.MAX_KEPT_EXPANSION + 1)).isNotSameAs(large)
                .extracting(NamedSql::jdbcSql).isEqualTo(large.jdbcSql());
    }

    @Test
    void expanding_a_missing_list_or_to_no_values_is_refused() {
        NamedSql sql = NamedSql.parse("dials", "SELECT 1 FROM t WHERE n IN (:numbers)");

        assertThatThrownBy(() -> sql.expand("zones", 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'dials'").hasMessageContaining(":zones");
        assertThatThrownBy(() -> sql.expand("numbers", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one value");
    }
}
