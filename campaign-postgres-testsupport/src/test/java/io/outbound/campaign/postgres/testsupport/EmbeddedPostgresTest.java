package io.outbound.campaign.postgres.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {
    private static EmbeddedPostgres server;

    @BeforeAll
    static void launch() {
        server = EmbeddedPostgres.launch(Map.of("shared_buffers", "32MB"));
    }

    @AfterAll
    static void close() {
        server.close();
    }

    @Test
    void the_server_listens_only_on_127_0_0_1_with_the_settings_it_was_launched_with() throws SQLException {
        assertThat(server.url("postgres")).startsWith("jdbc:postgresql://127.0.0.1:" + server.port() + "/");
        assertThat(show("listen_addresses")).isEqualTo("127.0.0.1");
        assertThat(show("unix_socket_directories")).isEmpty();
        assertThat(show("shared_buffers")).isEqualTo("32MB");
        assertThat(show("fsync")).isEqualTo("off");
    }

    @Test
    void a_database_keeps_its_rows_when_the_server_stops_and_starts_again_on_the_same_port() throws Exception {
        String url = server.createDatabase("restart_test");
        int port = server.port();
        execute(url, "CREATE TABLE contacts (phone text)", "INSERT INTO contacts VALUES ('+15550100')");

        server.stop();
        assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class);
        server.start();

        assertThat(server.port()).isEqualTo(port);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT phone FROM contacts")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("+15550100");
        }
    }

    @Test
    void creating_a_database_again_gives_an_empty_one() throws Exception {
        String url = server.createDatabase("recreated");
        execute(url, "CREATE TABLE left_over (id int)");

        server.createDatabase("recreated");

        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'left_over'")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }

    @Test
    void a_database_name_that_is_not_a_plain_lower_case_identifier_is_refused() {
        assertThatThrownBy(() -> server.createDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("database name must be lower-case letters, digits and _, was x; DROP DATABASE postgres");
    }

    @Test
    void settings_that_would_move_the_server_off_127_0_0_1_or_its_port_are_refused() {
        assertThatThrownBy(() -> EmbeddedPostgres.launch(Map.of("listen_addresses", "*")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("listen_addresses cannot be set: the server listens only on 127.0.0.1, on a port it"
                        + " chooses, was listen_addresses=*");
        assertThatThrownBy(() -> EmbeddedPostgres.launch(Map.of("port", "5432")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedPostgres.launch(Map.of("unix_socket_directories", "/tmp")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closing_a_launched_server_stops_it_and_deletes_its_directory() {
        EmbeddedPostgres other = EmbeddedPostgres.launch(Map.of("shared_buffers", "16MB"));
        Path directory = other.directory();
        String url = other.url("postgres");

        other.close();
        other.close();

        assertThat(directory).doesNotExist();
        assertThat(Files.exists(directory.getParent())).isTrue();
        assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(other::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("was closed");
    }

    @Test
    void a_server_that_cannot_start_fails_with_the_end_of_its_log_and_leaves_no_directory_behind() {
        assertThatThrownBy(() -> EmbeddedPostgres.launch(Map.of("shared_buffers", "lots")))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessage("cannot start the embedded PostgreSQL")
                .cause()
                .hasMessageContaining("before accepting connections on 127.0.0.1:")
                .hasMessageContaining("invalid value for parameter \"shared_buffers\": \"lots\"")
                .satisfies(e -> {
                    String data = e.getMessage().replaceAll("(?s).*\\(data ([^)]*)\\).*", "$1");
                    assertThat(Path.of(data).getParent()).isAbsolute().doesNotExist();
                });
    }

    private static String show(String setting) throws SQLException {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
