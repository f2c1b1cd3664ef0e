package io.outbound.campaign.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness cannot rot: one quick run of every scenario of {@link BenchmarkMain#SCENARIOS} (the embedded
 * PostgreSQL, the db-scheduler baseline and the {@code -Xmx128m} {@link ImportChild} included) at small sizes
 * ({@code --quick --size-divisor }{@value #DIVISOR}: a million rows become {@value #ROWS_OF_A_MILLION}), in which
 * no scenario fails and each produces every one of its figures, well formed, on the console and in
 * {@code results.json}, its headline figures compared with a baseline measured in the same run. Timing targets
 * are met or missed in the benchmark run, never asserted here; verdicts that do not depend on timing (identical
 * validation verdicts, every contact dispatched, the small-heap import completing) are.
 */
class QuickRunTest {

    /** The sizes of the test's quick run: small enough for the whole run to take about a minute on two cores. */
    static final int DIVISOR = 100;
    static final int ROWS_OF_A_MILLION = 1_000_000 / DIVISOR;

    @TempDir
    static Path out;
    private static RunSettings settings;
    private static BenchmarkMain.Outcome outcome;

    @BeforeAll
    static void runEveryScenarioQuickly() throws Exception {
        settings = BenchmarkMain.parse(new String[] {"--quick", "--size-divisor", String.valueOf(DIVISOR),
            "--out", out.toString()});
        outcome = BenchmarkMain.run(settings);
    }

    /** Every scenario's figures, by scenario; a scenario missing here fails the test. */
    private static Map<String, List<String>> expectedFigures() {
        int farPage = Math.min(RunsScenario.FAR_PAGE, settings.size(ScaleCampaign.CONTACTS) / 50);
        Map<String, List<String>> figures = new LinkedHashMap<>();
        figures.put("import", List.of("rows_per_second", "contacts_accepted", "phase_read_and_validate_s",
                "phase_write_batches_s", "phase_rest_of_create_s", "xmx128m_completed", "xmx128m_peak_heap_mb",
                "xmx128m_live_heap_after_gc_mb", "xmx128m_rows_per_second"));
        figures.put("import-memory", List.of("rows_per_second", "contacts_accepted"));
        figures.put("validation", List.of("verdicts_per_second", "import_verdicts_per_second",
                "verdict_mismatches", "numbers"));
        figures.put("dispatch-jdbc", List.of("calls_per_second", "three_nodes_calls_per_second",
                "calls_per_campaign", "database_ms_per_call", "wal_records_per_call", "buffers_per_call",
                "one_node_ms_per_call_in_claim", "one_node_ms_per_call_in_hand_over",
                "one_node_ms_per_call_in_record_outcome"));
        figures.put("dispatch-memory", List.of("calls_per_second", "calls_completed", "store_bytes_allocated_per_call",
                "seconds"));
        figures.put("dispatch-local-rules", List.of("memory_calls_per_second", "jdbc_calls_per_second",
                "memory_contacts", "jdbc_contacts"));
        figures.put("dispatch-slow-provider", List.of("concurrency_ratio", "dial_rate_ratio",
                "peak_calls_in_flight", "dials_per_second", "dial_pool_limit_per_second", "baseline_dial_rate_ratio",
                "baseline_dial_concurrency", "dial_p50_ms", "concurrency_contacts", "rate_contacts",
                "concurrency_seconds", "baseline_seconds", "rate_seconds"));
        figures.put("progress", List.of("p50_ms", "p99_ms", "samples_each", "select_1_p50_ms", "select_1_p99_ms",
                "contacts"));
        figures.put("runs", List.of("first_page_p50_ms", "first_page_p99_ms", "page_" + farPage + "_p50_ms",
                "page_" + farPage + "_p99_ms", "samples_each", "sessions"));
        return figures;
    }

    /** The figures that must carry a baseline measured in the same run, by scenario. */
    private static Map<String, List<String>> comparedFigures() {
        Map<String, List<String>> figures = new LinkedHashMap<>();
        figures.put("import", List.of("rows_per_second", "xmx128m_live_heap_after_gc_mb", "xmx128m_rows_per_second"));
        figures.put("import-memory", List.of("rows_per_second"));
        figures.put("validation", List.of("verdicts_per_second", "import_verdicts_per_second"));
        figures.put("dispatch-jdbc", List.of("calls_per_second", "three_nodes_calls_per_second",
                "database_ms_per_call", "wal_records_per_call", "buffers_per_call"));
        figures.put("dispatch-memory", List.of("calls_per_second", "seconds"));
        figures.put("dispatch-local-rules", List.of("memory_calls_per_second", "jdbc_calls_per_second"));
        figures.put("dispatch-slow-provider", List.of("concurrency_ratio", "peak_calls_in_flight", "dials_per_second"));
        figures.put("progress", List.of("p50_ms", "p99_ms"));
        figures.put("runs", expectedFigures().get("runs").stream().filter(f -> f.endsWith("_ms")).toList());
        return figures;
    }

    @Test
    void theQuickRunCoversEveryScenario() {
        assertThat(settings.scenarios()).containsExactlyElementsOf(BenchmarkMain.SCENARIOS.keySet());
        assertThat(expectedFigures().keySet()).as("scenarios whose figures this test knows")
                .containsExactlyInAnyOrderElementsOf(BenchmarkMain.SCENARIOS.keySet());
    }

    @Test
    void noScenarioFails() {
        assertThat(outcome.failures()).as("scenarios that failed, with why").isEmpty();
    }

    @Test
    void everyScenarioProducesEveryOneOfItsFigures() {
        expectedFigures().forEach((scenario, names) -> assertThat(names(scenario)).as("figures of %s", scenario)
                .contains("load_average_1m")
                .containsAll(names));
        assertThat(outcome.figures().stream().map(Figure::scenario).collect(Collectors.toSet()))
                .isEqualTo(expectedFigures().keySet());
    }

    @Test
    void theHeadlineFiguresAreComparedWithABaselineOfTheSameRun() {
        comparedFigures().forEach((scenario, names) -> names.forEach(name -> {
            Figure figure = figure(scenario, name);
            assertThat(figure.baseline()).as("baseline of %s", figure).isNotNull();
            assertThat(figure.ratio()).as("ratio of %s", figure).isNotNull();
        }));
    }

    @Test
    void everyFigureIsWellFormedAndWrittenToResultsJson() throws Exception {
        outcome.figures().forEach(QuickRunTest::assertWellFormed);
        List<Figure> written = new ObjectMapper().readValue(out.resolve("results.json").toFile(),
                new TypeReference<List<Figure>>() { });
        assertThat(written).isEqualTo(outcome.figures());
    }

    @Test
    void theVerdictsThatDoNotDependOnTimingHold() {
        assertThat(value("validation", "numbers")).isEqualTo(ROWS_OF_A_MILLION);
        assertThat(value("validation", "verdict_mismatches")).isZero();
        assertThat(value("dispatch-memory", "calls_completed")).isEqualTo(ROWS_OF_A_MILLION);
        // Each call's session, at least, is allocated: a figure of zero (or not a number) would be a broken reading.
        assertThat(value("dispatch-memory", "store_bytes_allocated_per_call")).isGreaterThan(100);
        long accepted = ImportMemoryScenario.expectedAccepted(ContactFile.withInvalidRows(ROWS_OF_A_MILLION));
        assertThat(value("import", "contacts_accepted")).isEqualTo(accepted);
        assertThat(value("import-memory", "contacts_accepted")).isEqualTo(accepted);
        assertThat(value("import", "xmx128m_completed")).as("the -Xmx128m import in a child JVM completed")
                .isEqualTo(1);
        assertThat(value("dispatch-jdbc", "calls_per_campaign"))
                .isEqualTo(settings.size(DispatchJdbcScenario.CONTACTS));
        // A call writes its session at least twice (inserted, ended) and a task is at least deleted: readings of
        // zero would mean pg_stat_statements saw another database or nothing at all.
        assertThat(value("dispatch-jdbc", "wal_records_per_call")).isGreaterThanOrEqualTo(2);
        assertThat(figure("dispatch-jdbc", "wal_records_per_call").baseline()).isGreaterThanOrEqualTo(1);
        assertThat(figure("dispatch-jdbc", "database_ms_per_call").baseline()).isPositive();
        assertThat(value("progress", "contacts")).isEqualTo(ROWS_OF_A_MILLION);
        assertThat(value("progress", "samples_each")).isEqualTo(ProgressScenario.QUICK_SAMPLES);
        assertThat(value("runs", "sessions")).isEqualTo(ROWS_OF_A_MILLION);
        assertThat(value("runs", "samples_each")).isGreaterThanOrEqualTo(Latencies.MIN_SAMPLES_FOR_P99);
    }

    @Test
    void aP99IsNeverTakenFromTooFewSamplesToHaveOne() {
        assertThatThrownBy(() -> Latencies.of(0, Latencies.MIN_SAMPLES_FOR_P99 - 1, () -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p99");
    }

    @Test
    void anUnknownScenarioIsRefusedByName() {
        assertThatThrownBy(() -> BenchmarkMain.parse(new String[] {"--quick", "imports"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'imports'");
    }

    @Test
    void withoutScenarioNamesEveryScenarioRuns() {
        RunSettings quick = BenchmarkMain.parse(new String[] {"--quick"});

        assertThat(quick.scenarios()).containsExactlyElementsOf(BenchmarkMain.SCENARIOS.keySet());
        assertThat(quick.size(1_000_000)).isEqualTo(50_000);
    }

    @Test
    void aSizeDivisorCutsEverySizeWithoutMakingTheRunQuick() {
        RunSettings divided = BenchmarkMain.parse(new String[] {"--size-divisor", "4", "dispatch-jdbc"});
        RunSettings quickAndDivided = BenchmarkMain.parse(new String[] {"--quick", "--size-divisor", "2"});

        assertThat(divided.quick()).isFalse();
        assertThat(divided.size(100_000)).isEqualTo(25_000);
        assertThat(quickAndDivided.quick()).isTrue();
        assertThat(quickAndDivided.size(100_000)).isEqualTo(50_000);
        assertThat(BenchmarkMain.parse(new String[0]).size(100_000)).isEqualTo(100_000);
        assertThatThrownBy(() -> BenchmarkMain.parse(new String[] {"--size-divisor", "0"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--size-divisor");
    }

    private static void assertWellFormed(Figure figure) {
        assertThat(figure.figure()).as("figure name of %s", figure).matches("[a-z0-9_]+");
        assertThat(figure.unit()).as("unit of %s", figure).isNotBlank();
        assertThat(Double.isFinite(figure.value())).as("finite value of %s", figure).isTrue();
        assertThat(figure.value()).as("value of %s", figure).isGreaterThanOrEqualTo(0);
        if (figure.baseline() == null) {
            assertThat(figure.ratio()).as("ratio without baseline in %s", figure).isNull();
        } else {
            assertThat(figure.baseline()).as("baseline of %s", figure).isPositive();
            assertThat(figure.ratio()).as("ratio of %s", figure)
                    .isCloseTo(figure.value() / figure.baseline(), org.assertj.core.data.Percentage.withPercentage(0.2));
        }
        assertThat(figure.met() == null).as("met iff target in %s", figure).isEqualTo(figure.target() == null);
    }

    private static List<String> names(String scenario) {
        return outcome.figures().stream().filter(f -> f.scenario().equals(scenario)).map(Figure::figure).toList();
    }

    private static Figure figure(String scenario, String name) {
        return outcome.figures().stream().filter(f -> f.scenario().equals(scenario) && f.figure().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(scenario + " produced no " + name));
    }

    private static double value(String scenario, String name) {
        return figure(scenario, name).value();
    }
}
