package io.outbound.campaign.benchmarks;

import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.ContactSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where the time of a scenario goes: wraps a store and adds up the time and count of each of its operations, and
 * for an import the time spent reading and judging the file apart from the time the store spends writing its
 * batches. The breakdown a missed target is explained with.
 */
final class StoreTimings {

    /** Time spent inside the store's batch sink during imports. */
    static final String IMPORT_WRITE = "import:write_batches";
    /** Time spent draining the file (reading, judging, and the batch sink). */
    static final String IMPORT_DRAIN = "import:drain";

    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    /** The store, timed into this. */
    CampaignStore wrap(CampaignStore delegate) {
        return (CampaignStore) Proxy.newProxyInstance(CampaignStore.class.getClassLoader(),
                new Class<?>[] {CampaignStore.class}, (proxy, method, args) -> {
                    Object[] actual = args;
                    if (method.getName().equals("createCampaign")) {
                        actual = new Object[] {args[0], timed((ContactSource) args[1])};
                    }
                    long started = System.nanoTime();
                    try {
                        return method.invoke(delegate, actual);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        add(method.getName(), System.nanoTime() - started);
                    }
                });
    }

    private ContactSource timed(ContactSource source) {
        return sink -> {
            long started = System.nanoTime();
            try {
                return source.drainTo(batch -> {
                    long writing = System.nanoTime();
                    try {
                        sink.accept(batch);
                    } finally {
                        add(IMPORT_WRITE, System.nanoTime() - writing);
                    }
                });
            } finally {
                add(IMPORT_DRAIN, System.nanoTime() - started);
            }
        };
    }

    private void add(String operation, long elapsed) {
        nanos.computeIfAbsent(operation, k -> new LongAdder()).add(elapsed);
        calls.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    /** Seconds spent per operation so far. */
    Map<String, Double> seconds() {
        Map<String, Double> seconds = new TreeMap<>();
        nanos.forEach((operation, total) -> seconds.put(operation, total.sum() / 1e9));
        return seconds;
    }

    /** Calls per operation so far. */
    Map<String, Long> calls() {
        Map<String, Long> counts = new TreeMap<>();
        calls.forEach((operation, total) -> counts.put(operation, total.sum()));
        return counts;
    }

    /** An operation's name as a figure name: {@code recordOutcome} becomes {@code record_outcome}. */
    static String snake(String operation) {
        return operation.replace(':', '_').replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    void reset() {
        nanos.clear();
        calls.clear();
    }
}
