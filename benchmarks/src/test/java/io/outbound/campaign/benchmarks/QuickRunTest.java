package io.outbound.campaign.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness cannot rot: a quick run of the scenarios that need no database produces every figure, well
 * formed, on the console and in {@code results.json}. Timing targets are met or missed in the benchmark run,
 * never asserted here.
 */
class QuickRunTest {

    private static final List<String> SCENARIOS = List.of("validation", "dispatch-memory", "import-memory",
            "dispatch-slow-provider");

    @Test
    void aQuickRunProducesEveryFigureWellFormedAndWritesThemToResultsJson(@TempDir Path out) throws Exception {
        RunSettings settings = BenchmarkMain.parse(new String[] {"--quick", "--out", out.toString(),
            "validation", "dispatch-memory", "import-memory", "dispatch-slow-provider"});

        BenchmarkMain.Outcome outcome = BenchmarkMain.run(settings);

        assertThat(outcome.failures()).isEmpty();
        List<Figure> figures = outcome.figures();
        assertThat(figures.stream().map(Figure::scenario).collect(Collectors.toSet()))
                .isEqualTo(Set.copyOf(SCENARIOS));
        assertThat(names(figures, "validation"))
                .contains("verdicts_per_second", "verdict_mismatches", "numbers", "load_average_1m");
        assertThat(names(figures, "dispatch-memory")).contains("calls_per_second", "calls_completed", "seconds");
        assertThat(names(figures, "import-memory")).contains("rows_per_second", "contacts_accepted");
        assertThat(names(figures, "dispatch-slow-provider")).contains("concurrency_ratio", "dial_rate_ratio",
                "dials_per_second", "peak_calls_in_flight", "baseline_dial_concurrency");
        figures.forEach(QuickRunTest::assertWellFormed);

        List<Figure> written = new ObjectMapper().readValue(out.resolve("results.json").toFile(),
                new TypeReference<List<Figure>>() { });
        assertThat(written).isEqualTo(figures);
    }

    @Test
    void theQuickRunJudgesAsManyNumbersAsItsSizeAndDispatchesEveryContact(@TempDir Path out) throws Exception {
        List<Figure> figures = BenchmarkMain.run(BenchmarkMain.parse(
                new String[] {"--quick", "--out", out.toString(), "validation", "dispatch-memory"})).figures();

        assertThat(value(figures, "validation", "numbers")).isEqualTo(ValidationScenario.ROWS / 20.0);
        assertThat(value(figures, "validation", "verdict_mismatches")).isZero();
        assertThat(value(figures, "dispatch-memory", "calls_completed"))
                .isEqualTo(DispatchMemoryScenario.CONTACTS / 20.0);
    }

    @Test
    void anUnknownScenarioIsRefusedByName() {
        assertThatThrownBy(() -> BenchmarkMain.parse(new String[] {"--quick", "imports"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'imports'");
    }

    @Test
    void withoutScenarioNamesEveryScenarioRuns() {
        RunSettings settings = BenchmarkMain.parse(new String[] {"--quick"});

        assertThat(settings.scenarios()).containsExactlyElementsOf(BenchmarkMain.SCENARIOS.keySet());
        assertThat(settings.size(1_000_000)).isEqualTo(50_000);
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

    private static List<String> names(List<Figure> figures, String scenario) {
        return figures.stream().filter(f -> f.scenario().equals(scenario)).map(Figure::figure).toList();
    }

    private static double value(List<Figure> figures, String scenario, String name) {
        return figures.stream().filter(f -> f.scenario().equals(scenario) && f.figure().equals(name))
                .findFirst().orElseThrow().value();
    }
}
