package io.outbound.campaign.benchmarks;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.memory.InMemoryCampaignStore;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code import-memory}: the million-row file imported through {@code create()} from a {@code LocalFileStore}
 * into the in-memory store, against merely parsing the same file with Commons CSV (what any import must do at
 * least). Informational: it shows the cost of validation, de-duplication and batching without a database.
 */
final class ImportMemoryScenario implements Scenario {

    static final int ROWS = 1_000_000;
    private static final int RUNS = 3;

    @Override
    public String name() {
        return "import-memory";
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        ContactFile file = ContactFile.withInvalidRows(context.size(ROWS));
        String key = StoredFiles.key(context, file);
        Path csv = StoredFiles.generated(context, file);
        long[] accepted = new long[1];
        importOnce(context, key, accepted);
        parseOnce(csv);
        double parse = Timing.medianSeconds(RUNS, () -> parseOnce(csv));
        double create = Timing.medianSeconds(RUNS, () -> importOnce(context, key, accepted));
        long expected = expectedAccepted(file);
        if (accepted[0] != expected) {
            throw new IllegalStateException("expected " + expected + " accepted contacts, got " + accepted[0]);
        }
        return List.of(
                Figure.against(name(), "rows_per_second", file.rows() / create, file.rows() / parse, "rows/s"),
                Figure.of(name(), "contacts_accepted", accepted[0], "contacts"));
    }

    static long expectedAccepted(ContactFile file) {
        long valid = 0;
        for (int i = 0; i < file.rows(); i++) {
            if (file.validByConstruction(i)) {
                valid++;
            }
        }
        return valid;
    }

    private static double importOnce(BenchContext context, String key, long[] accepted) {
        try (CampaignEngine engine = Engines.build(new InMemoryCampaignStore(), StoredFiles.store(context),
                new InstantTelephony(), "import-node")) {
            long started = System.nanoTime();
            Campaign campaign = Engines.create(engine, "import-memory", key);
            double seconds = Timing.since(started);
            accepted[0] = campaign.importSummary().accepted();
            return seconds;
        }
    }

    private static double parseOnce(Path csv) throws Exception {
        long started = System.nanoTime();
        long records = 0;
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, CSVFormat.RFC4180.builder().setHeader()
                     .setSkipHeaderRecord(true).get())) {
            for (CSVRecord record : parser) {
                records += record.size();
            }
        }
        if (records == 0) {
            throw new IllegalStateException("parsed no fields from " + csv);
        }
        return Timing.since(started);
    }
}
