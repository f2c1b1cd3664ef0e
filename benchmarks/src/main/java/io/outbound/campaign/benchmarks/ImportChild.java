package io.outbound.campaign.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.zaxxer.hikari.HikariDataSource;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.LocalFileStore;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The import in a JVM of its own, started by {@link ImportScenario} with a small heap: imports the file under the
 * key through {@code create()} into PostgreSQL and prints one line,
 * {@code accepted=<n> seconds=<s> peak_heap_bytes=<b> live_heap_bytes=<b>}.
 *
 * <p>The peak is the heap in use just before each collection (when it is fullest), the largest over the run,
 * read from the collectors' notifications, or the heap in use at the end should no collection have come. A
 * collector lets the heap fill up to its limit before collecting, so the peak says the import fit, not what it
 * needs; the live heap, the largest heap in use just after a collection, says what it kept.
 *
 * <p>Arguments: JDBC URL, file store root, key.
 */
public final class ImportChild {

    private ImportChild() {
    }

    /** Runs one import; exits non-zero when it fails (an {@code OutOfMemoryError} included). */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: ImportChild <jdbc-url> <file-store-root> <key>");
            System.exit(2);
        }
        HeapPeak peak = HeapPeak.watch();
        try (HikariDataSource pool = Databases.pool(args[0], 2);
             CampaignEngine engine = Engines.build(Databases.store(pool), LocalFileStore.of(Path.of(args[1])),
                     new InstantTelephony(), "import-child")) {
            long started = System.nanoTime();
            Campaign campaign = Engines.create(engine, "import-child", args[2]);
            double seconds = Timing.since(started);
            System.out.printf("accepted=%d seconds=%.3f peak_heap_bytes=%d live_heap_bytes=%d%n",
                    campaign.importSummary().accepted(), seconds, peak.bytes(), peak.liveBytes());
        }
    }

    /** The largest heap in use seen by the collectors. */
    static final class HeapPeak {
        private final Set<String> heapPools;
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong live = new AtomicLong();

        private HeapPeak(Set<String> heapPools) {
            this.heapPools = heapPools;
        }

        static HeapPeak watch() {
            HeapPeak heap = new HeapPeak(ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .map(MemoryPoolMXBean::getName)
                    .collect(Collectors.toUnmodifiableSet()));
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                            notification.getType())) {
                        var gc = GarbageCollectionNotificationInfo
                                .from((CompositeData) notification.getUserData()).getGcInfo();
                        heap.peak.accumulateAndGet(heap.heapUsed(gc.getMemoryUsageBeforeGc()), Math::max);
                        heap.live.accumulateAndGet(heap.heapUsed(gc.getMemoryUsageAfterGc()), Math::max);
                    }
                }, null, null);
            }
            return heap;
        }

        private long heapUsed(Map<String, MemoryUsage> usage) {
            long used = 0;
            for (Map.Entry<String, MemoryUsage> pool : usage.entrySet()) {
                if (heapPools.contains(pool.getKey())) {
                    used += pool.getValue().getUsed();
                }
            }
            return used;
        }

        long liveBytes() {
            return live.get();
        }

        long bytes() {
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return Math.max(peak.get(), now);
        }
    }
}
