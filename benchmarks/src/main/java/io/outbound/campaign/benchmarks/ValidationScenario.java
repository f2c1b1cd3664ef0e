package io.outbound.campaign.benchmarks;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.spi.ImportedContact;
import io.outbound.campaign.memory.InMemoryCampaignStore;
import io.outbound.campaign.memory.InMemoryFileStore;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code validation}: verdicts a second on the million numbers of the contacts file, the import's verdict
 * ({@code PhoneNumbers.isValidE164}) against libphonenumber's {@code parse} + {@code isValidNumber}, measured by
 * JMH ({@link ValidationBenchmark}); the whole import path through {@code create()} is reported beside it.
 * Target: at least 5x, with every verdict of the import identical, checked row by row.
 */
final class ValidationScenario implements Scenario {

    static final int ROWS = 1_000_000;
    static final double TARGET_RATIO = 5;

    @Override
    public String name() {
        return "validation";
    }

    @Override
    public List<Figure> run(BenchContext context) throws RunnerException {
        int rows = context.size(ROWS);
        long mismatches = mismatches(ContactFile.withInvalidRows(rows));
        Map<String, Double> millisPerOp = jmh(context, rows);
        double verdicts = rows / (millisPerOp.get("phoneNumbers") / 1000);
        double engine = rows / (millisPerOp.get("campaignCreate") / 1000);
        double libphonenumber = rows / (millisPerOp.get("libphonenumber") / 1000);
        return List.of(
                Figure.against(name(), "verdicts_per_second", verdicts, libphonenumber, "verdicts/s")
                        .ratioAtLeast(TARGET_RATIO),
                Figure.against(name(), "import_verdicts_per_second", engine, libphonenumber, "verdicts/s"),
                Figure.of(name(), "verdict_mismatches", mismatches, "rows").valueEquals(0),
                Figure.of(name(), "numbers", rows, "rows"));
    }

    /**
     * Rows where the engine's verdict differs from libphonenumber's. The engine's verdicts are read through a
     * second column carrying the row index: a row is accepted when its contact reaches the store.
     */
    static long mismatches(ContactFile file) {
        StringBuilder csv = new StringBuilder(file.rows() * 24).append("phone_number,row\n");
        for (int i = 0; i < file.rows(); i++) {
            csv.append(file.phoneNumber(i)).append(',').append(i).append('\n');
        }
        InMemoryFileStore files = new InMemoryFileStore();
        files.put("verdicts.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        BitSet accepted = new BitSet(file.rows());
        try (CampaignEngine engine = Engines.build(ImportObserver.observing(new InMemoryCampaignStore(), batch -> {
            for (ImportedContact contact : batch) {
                accepted.set(Integer.parseInt(contact.values().get(0)));
            }
        }), files, new InstantTelephony(), "verdict-node")) {
            Campaign campaign = Engines.create(engine, "verdicts", "verdicts.csv");
            if (campaign.importSummary().rows() != file.rows()) {
                throw new IllegalStateException("the import read " + campaign.importSummary().rows()
                        + " rows of " + file.rows());
            }
        }
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        long mismatches = 0;
        for (int i = 0; i < file.rows(); i++) {
            if (accepted.get(i) != libphonenumberSays(util, file.phoneNumber(i))) {
                mismatches++;
            }
        }
        return mismatches;
    }

    private static boolean libphonenumberSays(PhoneNumberUtil util, String number) {
        try {
            return util.isValidNumber(util.parse(number, "ZZ"));
        } catch (NumberParseException e) {
            return false;
        }
    }

    /** Milliseconds per operation (all rows judged once) of each benchmark method. */
    private static Map<String, Double> jmh(BenchContext context, int rows) throws RunnerException {
        boolean quick = context.settings().quick();
        Options options = new OptionsBuilder()
                .include(ValidationBenchmark.class.getName() + "\\.")
                .param("rows", String.valueOf(rows))
                .warmupIterations(quick ? 1 : 2)
                .measurementIterations(quick ? 2 : 3)
                // A quick run stays in this JVM: under a test runner the class path may not suit a fork.
                .forks(quick ? 0 : 1)
                .shouldFailOnError(true)
                .output(context.workDir().resolve("jmh-validation.txt").toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> millis = new HashMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            millis.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
        }
        if (!millis.keySet().containsAll(List.of("phoneNumbers", "campaignCreate", "libphonenumber"))) {
            throw new IllegalStateException("JMH returned results for " + millis.keySet() + " only");
        }
        return millis;
    }
}
