package io.outbound.campaign.benchmarks;

import java.util.List;

/** One scenario of the suite: measures itself and its baseline on the same data, in the same run. */
interface Scenario {

    /** The name given on the command line. */
    String name();

    /** Measures, and returns the figures in the order they should be read. */
    List<Figure> run(BenchContext context) throws Exception;
}
