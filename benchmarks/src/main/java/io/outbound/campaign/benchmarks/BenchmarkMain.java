package io.outbound.campaign.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the benchmark suite:
 * {@code java -jar benchmarks/target/campaign-benchmarks.jar [--quick] [--size-divisor N] [--out DIR]
 * [scenario...]}.
 *
 * <p>Every figure is printed as one JSON object per line as soon as it is measured, and all of them are written
 * as a JSON array to {@code results.json} in the output directory (by default the {@code target} directory the
 * jar sits in). Without scenario names, every scenario runs. {@code --quick} cuts every size to a twentieth;
 * {@code --size-divisor N} divides every size by {@code N} instead (a full run cut to the time at hand).
 * The exit status is 0 when every scenario ran, whether or not its targets were met, and 1 when one failed.
 */
public final class BenchmarkMain {

    /** Every scenario, in the order a full run measures them. */
    static final Map<String, Scenario> SCENARIOS = scenarios(
            new ImportScenario(),
            new ImportMemoryScenario(),
            new ValidationScenario(),
            new DispatchJdbcScenario(),
            new DispatchLocalRulesScenario(),
            new DispatchMemoryScenario(),
            new DispatchSlowProviderScenario(),
            new ProgressScenario(),
            new RunsScenario());

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchmarkMain() {
    }

    /** Runs the suite and exits with its status. */
    public static void main(String[] args) throws IOException {
        RunSettings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: java -jar campaign-benchmarks.jar [--quick] [--size-divisor N] [--out DIR]"
                    + " [scenario...]; scenarios: " + String.join(", ", SCENARIOS.keySet()));
            System.exit(2);
            return;
        }
        System.exit(run(settings).failures().isEmpty() ? 0 : 1);
    }

    /** What a run produced: its figures and the scenarios that failed, with why. */
    record Outcome(List<Figure> figures, Map<String, String> failures) {
    }

    /** Runs the scenarios of the settings, printing each figure and writing {@code results.json}. */
    static Outcome run(RunSettings settings) throws IOException {
        List<Figure> figures = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        Files.createDirectories(settings.workDir());
        System.err.printf("benchmarks: %s run of %s%s; load average %.2f on %d cores%n",
                settings.quick() ? "quick" : "full", settings.scenarios(),
                settings.sizeDivisor() == (settings.quick() ? RunSettings.QUICK_DIVISOR : 1) ? ""
                        : ", sizes divided by " + settings.sizeDivisor(), LoadAverage.now(),
                Runtime.getRuntime().availableProcessors());
        try (BenchContext context = new BenchContext(settings)) {
            for (String name : settings.scenarios()) {
                long started = System.nanoTime();
                double load = LoadAverage.now();
                try {
                    Figure loadFigure = Figure.of(name, "load_average_1m", load, "runnable tasks");
                    figures.add(loadFigure);
                    System.out.println(JSON.writeValueAsString(loadFigure));
                    for (Figure figure : SCENARIOS.get(name).run(context)) {
                        figures.add(figure);
                        System.out.println(JSON.writeValueAsString(figure));
                    }
                } catch (Exception | OutOfMemoryError e) {
                    failures.put(name, e.toString());
                    System.err.println("scenario " + name + " failed:");
                    e.printStackTrace();
                }
                System.err.printf("benchmarks: %s took %.1f s; load average %.2f before, %.2f after%n", name,
                        (System.nanoTime() - started) / 1e9, load, LoadAverage.now());
                write(settings.outputDir().resolve("results.json"), figures);
            }
        }
        return new Outcome(figures, failures);
    }

    static RunSettings parse(String[] args) {
        boolean quick = false;
        Integer divisor = null;
        Path out = null;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.equals("--out")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("--out needs a directory");
                }
                out = Path.of(args[++i]);
            } else if (arg.equals("--size-divisor")) {
                if (i + 1 == args.length || !args[i + 1].matches("[1-9][0-9]{0,5}")) {
                    throw new IllegalArgumentException("--size-divisor needs a whole number from 1");
                }
                divisor = Integer.parseInt(args[++i]);
            } else if (SCENARIOS.containsKey(arg)) {
                names.add(arg);
            } else {
                throw new IllegalArgumentException("unknown scenario or option '" + arg + "'");
            }
        }
        return new RunSettings(quick, names.isEmpty() ? List.copyOf(SCENARIOS.keySet()) : names,
                out != null ? out.toAbsolutePath() : defaultOutputDir(),
                divisor != null ? divisor : quick ? RunSettings.QUICK_DIVISOR : 1);
    }

    /** The {@code target} directory the jar (or {@code target/classes}) sits in; the current one otherwise. */
    static Path defaultOutputDir() {
        try {
            Path code = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // The jar is in target/, and so is target/classes.
            Path dir = code.getParent();
            return dir != null ? dir.toAbsolutePath() : Path.of("").toAbsolutePath();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    private static void write(Path file, List<Figure> figures) throws IOException {
        Files.createDirectories(file.getParent());
        JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), figures);
    }

    private static Map<String, Scenario> scenarios(Scenario... scenarios) {
        Map<String, Scenario> byName = new LinkedHashMap<>();
        for (Scenario scenario : scenarios) {
            byName.put(scenario.name(), scenario);
        }
        return byName;
    }
}
