package io.outbound.campaign.benchmarks;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.PhoneNumbers;
import io.outbound.campaign.memory.InMemoryCampaignStore;
import io.outbound.campaign.memory.InMemoryFileStore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: judging every number of the contacts file once, as one operation, by libphonenumber ({@code parse} then
 * {@code isValidNumber}), by the import's verdict alone ({@code PhoneNumbers.isValidE164}), and by the engine's
 * whole import path ({@code create()} of a one-column file, contacts observed and dropped rather than stored),
 * which also pays for reading the CSV, de-duplicating and batching.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ValidationBenchmark {

    static final String KEY = "validation/phone-numbers.csv";

    /** How many numbers: the first rows of the suite's contacts file. */
    @Param("1000000")
    public int rows;

    private String[] numbers;
    private InMemoryFileStore files;
    private CampaignEngine engine;
    private final LongAdder observed = new LongAdder();

    /** Generates the numbers and the one-column CSV. */
    @Setup(Level.Trial)
    public void generate() {
        ContactFile file = ContactFile.withInvalidRows(rows);
        numbers = file.phoneNumbers();
        files = new InMemoryFileStore();
        files.put(KEY, file.phoneNumbersCsv());
        // Contacts are observed and dropped, so the store only ever holds the campaigns' rows.
        engine = Engines.build(ImportObserver.observing(new InMemoryCampaignStore(),
                batch -> observed.add(batch.size())), files, new InstantTelephony(), "validation-node");
    }

    /** libphonenumber's verdict on every number; returns how many are valid. */
    @Benchmark
    public long libphonenumber() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        long valid = 0;
        for (String number : numbers) {
            try {
                if (util.isValidNumber(util.parse(number, "ZZ"))) {
                    valid++;
                }
            } catch (NumberParseException e) {
                // Not a number at all: invalid.
            }
        }
        return valid;
    }

    /** The import's verdict alone, through the public {@code PhoneNumbers}; returns how many are valid. */
    @Benchmark
    public long phoneNumbers() {
        long valid = 0;
        for (String number : numbers) {
            if (PhoneNumbers.isValidE164(number)) {
                valid++;
            }
        }
        return valid;
    }

    /** The engine's verdict on every number through {@code create()}; returns how many it accepted. */
    @Benchmark
    public long campaignCreate() {
        return Engines.create(engine, "validation", KEY).importSummary().accepted();
    }
}
