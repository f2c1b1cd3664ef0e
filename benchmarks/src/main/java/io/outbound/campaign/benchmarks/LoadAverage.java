package io.outbound.campaign.benchmarks;

import java.lang.management.ManagementFactory;

/** The machine's one-minute load average, printed with every scenario: the cores are shared. */
final class LoadAverage {
    private LoadAverage() {
    }

    static double now() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
