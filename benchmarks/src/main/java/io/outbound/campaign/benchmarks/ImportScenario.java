package io.outbound.campaign.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * {@code import}: the million-row file (phone number and four columns, one row in a hundred invalid) imported
 * through {@code create()} from a {@code LocalFileStore} into PostgreSQL by {@code JdbcCampaignStore}, against
 * PostgreSQL's own {@code COPY ... FROM STDIN} of the same file into a table of the file's shape, on the same
 * server. Target: at least half of {@code COPY}'s rate. The baseline sends the file's bytes to a table of the
 * file's shape: it parses and validates nothing, de-duplicates nothing and maintains no primary key, all of which
 * the import does; the median of three runs of each, after an untimed twentieth-size warm-up of each.
 *
 * <p>Then the same import in a child JVM ({@link ImportChild}) with {@code -Xmx128m}, which must complete
 * ({@code xmx128m_completed}, a verdict, no baseline). Its rate is compared with the import's median in this JVM
 * (same file, same server; the child imports once, without warm-up, so the ratio holds the cost of a cold JVM as
 * well as that of the small heap), and the largest heap it kept after a collection with the size
 * of the file (what an import holding the whole file in memory would keep at least; below 1, the import streams).
 * Its peak heap before a collection is reported without a baseline: the collector lets the heap fill up towards
 * the limit before collecting, so the figure says that the import fit, not what it needs.
 *
 * <p>{@code phase_*_s} split the import's median time into reading and validating, writing the batches and the
 * rest of {@code create()}: a breakdown of {@code rows_per_second}, with no baseline of their own.
 */
final class ImportScenario implements Scenario {

    static final int ROWS = 1_000_000;
    static final double TARGET_RATIO = 0.5;
    static final String CHILD_HEAP = "-Xmx128m";
    private static final int RUNS = 3;
    private static final String COPY_TABLE = """
            CREATE TABLE copy_baseline (
                phone_number VARCHAR(32) NOT NULL,
                first_name   TEXT,
                last_name    TEXT,
                customer_id  TEXT,
                city         TEXT)
            """;
    private static final Pattern CHILD_LINE =
            Pattern.compile("accepted=(\\d+) seconds=([0-9.]+) peak_heap_bytes=(\\d+) live_heap_bytes=(\\d+)");

    @Override
    public String name() {
        return "import";
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        ContactFile file = ContactFile.withInvalidRows(context.size(ROWS));
        ContactFile warmup = ContactFile.withInvalidRows(Math.max(1, file.rows() / 20));
        String key = StoredFiles.key(context, file);
        Path csv = StoredFiles.generated(context, file);
        String url = Databases.fresh(context, "bench_import");
        long expected = ImportMemoryScenario.expectedAccepted(file);
        StoreTimings timings = new StoreTimings();
        try (HikariDataSource pool = Databases.pool(url, 4);
             CampaignEngine engine = Engines.build(timings.wrap(Databases.store(pool)), StoredFiles.store(context),
                     new InstantTelephony(), "import-node")) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute(COPY_TABLE);
            }
            importOnce(pool, engine, StoredFiles.key(context, warmup));
            copyOnce(pool, StoredFiles.generated(context, warmup));
            long[] accepted = new long[1];
            timings.reset();
            double copy = Timing.medianSeconds(RUNS, () -> copyOnce(pool, csv));
            double create = Timing.medianSeconds(RUNS, () -> {
                Timed timed = importOnce(pool, engine, key);
                accepted[0] = timed.accepted();
                return timed.seconds();
            });
            if (accepted[0] != expected) {
                throw new IllegalStateException("expected " + expected + " accepted contacts, got " + accepted[0]);
            }
            List<Figure> figures = new ArrayList<>();
            figures.add(Figure.against(name(), "rows_per_second", file.rows() / create, file.rows() / copy,
                    "rows/s").ratioAtLeast(TARGET_RATIO));
            figures.add(Figure.of(name(), "contacts_accepted", accepted[0], "contacts"));
            // Where an import's time goes, averaged over the measured runs.
            Map<String, Double> seconds = timings.seconds();
            double drain = seconds.get(StoreTimings.IMPORT_DRAIN) / RUNS;
            double write = seconds.get(StoreTimings.IMPORT_WRITE) / RUNS;
            figures.add(Figure.of(name(), "phase_read_and_validate_s", drain - write, "s"));
            figures.add(Figure.of(name(), "phase_write_batches_s", write, "s"));
            figures.add(Figure.of(name(), "phase_rest_of_create_s",
                    seconds.get("createCampaign") / RUNS - drain, "s"));
            truncateContacts(pool);
            figures.addAll(inSmallHeap(context, url, key, file.rows(), expected, file.rows() / create,
                    Files.size(csv) / 1048576.0));
            return figures;
        }
    }

    private record Timed(double seconds, long accepted) {
    }

    /** One import through the public API; the contacts of earlier runs are removed first, untimed. */
    private static Timed importOnce(HikariDataSource pool, CampaignEngine engine, String key) throws Exception {
        truncateContacts(pool);
        long started = System.nanoTime();
        Campaign campaign = Engines.create(engine, "import", key);
        return new Timed(Timing.since(started), campaign.importSummary().accepted());
    }

    /** The baseline: the client streams the file to {@code COPY}, as the store streams its batches. */
    private static double copyOnce(HikariDataSource pool, Path csv) throws Exception {
        try (Connection c = pool.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE copy_baseline");
            }
            long started = System.nanoTime();
            try (InputStream in = Files.newInputStream(csv)) {
                c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY copy_baseline FROM STDIN (FORMAT csv, HEADER true)", in);
            }
            return Timing.since(started);
        }
    }

    private static void truncateContacts(HikariDataSource pool) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE campaign_contacts");
        }
    }

    /** The import again, in a JVM with a small heap. */
    private List<Figure> inSmallHeap(BenchContext context, String url, String key, int rows, long expected,
                                     double rowsPerSecond, double fileMiB)
            throws IOException, InterruptedException {
        Path log = context.workDir().resolve("import-child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, CHILD_HEAP, "-cp", System.getProperty("java.class.path"),
                ImportChild.class.getName(), url, StoredFiles.store(context).root().toString(), key)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean exited = child.waitFor(30, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Matcher line = CHILD_LINE.matcher(output);
        boolean completed = exited && child.exitValue() == 0 && line.find()
                && Long.parseLong(line.group(1)) == expected;
        if (!exited) {
            child.destroyForcibly();
        }
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.of(name(), "xmx128m_completed", completed ? 1 : 0, "boolean").valueEquals(1));
        if (completed) {
            figures.add(Figure.of(name(), "xmx128m_peak_heap_mb", Long.parseLong(line.group(3)) / 1048576.0, "MiB"));
            figures.add(Figure.against(name(), "xmx128m_live_heap_after_gc_mb",
                    Long.parseLong(line.group(4)) / 1048576.0, fileMiB, "MiB"));
            figures.add(Figure.against(name(), "xmx128m_rows_per_second", rows / Double.parseDouble(line.group(2)),
                    rowsPerSecond, "rows/s"));
        } else {
            System.err.println("the " + CHILD_HEAP + " import failed; its output (" + log + "):\n"
                    + output);
        }
        return figures;
    }
}
