package io.outbound.campaign.benchmarks;

import io.outbound.campaign.postgres.testsupport.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What scenarios share within one run: the settings, generated files and, started on first use, the embedded
 * PostgreSQL server. Closing it stops the server.
 */
final class BenchContext implements AutoCloseable {

    private final RunSettings settings;
    private final Map<String, Object> shared = new java.util.LinkedHashMap<>();
    private EmbeddedPostgres postgres;

    BenchContext(RunSettings settings) {
        this.settings = settings;
    }

    RunSettings settings() {
        return settings;
    }

    /** The size to use for a full-run size. */
    int size(int fullSize) {
        return settings.size(fullSize);
    }

    /** Where generated files go. */
    Path workDir() {
        return settings.workDir();
    }

    /** The run's PostgreSQL server, started on first use. */
    synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            // The settings the README's figures were measured with: more memory and WAL than the tests' defaults,
            // and pg_stat_statements for the database work of a phase (StatementStats).
            postgres = EmbeddedPostgres.launch(Map.of("max_connections", "200", "shared_buffers", "256MB",
                    "max_wal_size", "4GB", "shared_preload_libraries", "pg_stat_statements"));
        }
        return postgres;
    }

    /** Something built once per run and reused by later scenarios (a generated file, an imported campaign). */
    @SuppressWarnings("unchecked")
    synchronized <T> T shared(String key, Supplier<T> build) {
        Object value = shared.get(key);
        if (value == null) {
            value = build.get();
            shared.put(key, value);
        }
        return (T) value;
    }

    /** Closes what was shared (closeable values, latest first), then stops the server. */
    @Override
    public synchronized void close() {
        java.util.List<Object> values = new java.util.ArrayList<>(shared.values());
        java.util.Collections.reverse(values);
        for (Object value : values) {
            if (value instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.err.println("could not close " + value + ": " + e);
                }
            }
        }
        shared.clear();
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
