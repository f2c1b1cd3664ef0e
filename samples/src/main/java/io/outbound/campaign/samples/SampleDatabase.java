package io.outbound.campaign.samples;

import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * The embedded H2 database a sample keeps its campaigns in, as a JDBC URL and a few words for a banner.
 *
 * @param url         the JDBC URL
 * @param description where the data lives, in words
 */
public record SampleDatabase(String url, String description) {
    // A claim waits for a row lock held by an outcome being recorded; H2's default of one second is short
    // for a busy two-core machine. The backend closes the database itself, after the engine has stopped, so
    // H2's own shutdown hook must not close it under a dispatcher that is still running.
    private static final String OPTIONS = ";LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";

    public SampleDatabase {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(description, "description");
    }

    /** A fresh database in memory, gone when the backend closes. */
    public static SampleDatabase inMemory() {
        return new SampleDatabase("jdbc:h2:mem:campaigns-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + OPTIONS,
                "H2 in memory (gone when the process ends)");
    }

    /** A database in {@code dir/campaigns.mv.db}, created when missing and kept across runs. */
    public static SampleDatabase file(Path dir) {
        Path base = dir.toAbsolutePath().normalize().resolve("campaigns");
        return new SampleDatabase("jdbc:h2:file:" + base + OPTIONS, "H2 file " + base + ".mv.db");
    }
}
