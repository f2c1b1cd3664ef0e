package io.outbound.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The statement resources and the code agree: every statement the code names exists for each dialect that runs
 * it, and every resource file is a statement the code runs.
 */
class SqlStatementsTest {
    private static final Map<String, JdbcDialect> DIALECTS = Map.of("h2", new H2Dialect(),
            "postgresql", new PostgresDialect());

    @Test
    void every_statement_loads_and_parses_for_both_dialects() {
        for (JdbcDialect dialect : DIALECTS.values()) {
            SqlStatements statements = SqlStatements.load(dialect);
            for (Sql sql : Sql.values()) {
                assertThat(statements.has(sql)).as("%s on %s", sql, dialect)
                        .isEqualTo(sql.appliesTo(dialect.directory()));
                if (statements.has(sql)) {
                    assertThat(statements.get(sql).jdbcSql()).as("%s on %s", sql, dialect).isNotBlank();
                }
            }
        }
    }

    @Test
    void every_resource_file_is_a_statement_some_dialect_reads() throws Exception {
        Path root = root();
        Set<String> read = new TreeSet<>();
        for (JdbcDialect dialect : DIALECTS.values()) {
            SqlStatements statements = SqlStatements.load(dialect);
            for (Sql sql : Sql.values()) {
                if (statements.has(sql)) {
                    read.add(statements.resource(sql).substring(SqlStatements.ROOT.length()));
                }
            }
        }
        Set<String> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        // A shared file both dialects override, or a dialect's file for a statement it does not run, is dead text.
        assertThat(files).isEqualTo(read);
    }

    @Test
    void every_statement_is_run_by_the_main_code() throws IOException {
        Path sources = Paths.get("src/main/java/io/outbound/campaign/jdbc");
        StringBuilder code = new StringBuilder();
        try (Stream<Path> walk = Files.list(sources)) {
            for (Path file : walk.filter(p -> !p.getFileName().toString().equals("Sql.java")).toList()) {
                code.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        List<Sql> unused = new ArrayList<>();
        for (Sql sql : Sql.values()) {
            if (!code.toString().matches("(?s).*\\bSql\\." + sql.name() + "\\b.*")) {
                unused.add(sql);
            }
        }
        assertThat(unused).as("statements no code runs").isEmpty();
    }

    @Test
    void every_resource_opens_with_a_comment_saying_what_it_does() throws Exception {
        Path root = root();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, StandardCharsets.UTF_8)).as("%s", root.relativize(file))
                        .startsWith("-- ");
            }
        }
    }

    @Test
    void a_statement_a_dialect_does_not_run_is_refused_by_name() {
        SqlStatements h2 = SqlStatements.load(new H2Dialect());

        assertThatThrownBy(() -> h2.get(Sql.SCHEMA_LOCK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SCHEMA_LOCK").hasMessageContaining("H2");
    }

    @Test
    void a_missing_resource_fails_the_load_naming_it() {
        ClassLoader without = new ClassLoader(SqlStatementsTest.class.getClassLoader()) {
            @Override
            public java.io.InputStream getResourceAsStream(String name) {
                return name.endsWith("/campaign-lock.sql") || name.endsWith("/org-slots-lock.sql") ? null
                        : super.getResourceAsStream(name);
            }
        };

        assertThatThrownBy(() -> SqlStatements.load(new H2Dialect(), without))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("io/outbound/campaign/jdbc/sql/campaign-lock.sql");
        assertThatThrownBy(() -> SqlStatements.load(new PostgresDialect(), without))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CAMPAIGN_LOCK");
    }

    @Test
    void a_resource_that_does_not_parse_fails_the_load_naming_it() {
        ClassLoader broken = new ClassLoader(SqlStatementsTest.class.getClassLoader()) {
            @Override
            public java.io.InputStream getResourceAsStream(String name) {
                return name.endsWith("sql/zone-read.sql")
                        ? new java.io.ByteArrayInputStream("SELECT * FROM campaign_zones WHERE campaign_id = ?"
                                .getBytes(StandardCharsets.UTF_8))
                        : super.getResourceAsStream(name);
            }
        };

        assertThatThrownBy(() -> SqlStatements.load(new H2Dialect(), broken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("io/outbound/campaign/jdbc/sql/zone-read.sql")
                .hasMessageContaining("positional parameter");
    }

    private static Path root() throws URISyntaxException {
        return Paths.get(SqlStatementsTest.class.getClassLoader().getResource(SqlStatements.ROOT).toURI());
    }
}
