package io.outbound.campaign.benchmarks;

import io.outbound.campaign.LocalFileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The run's {@link LocalFileStore} and the generated contact files in it, each generated and stored once. */
final class StoredFiles {

    private StoredFiles() {
    }

    static LocalFileStore store(BenchContext context) {
        return context.shared("file-store", () -> LocalFileStore.of(context.workDir().resolve("files")));
    }

    /** The key under which the generated file is in the run's file store. */
    static String key(BenchContext context, ContactFile contacts) {
        return context.shared("key:" + contacts.fileName(), () -> {
            String key = "contacts/" + contacts.fileName();
            LocalFileStore store = store(context);
            if (!store.exists(key)) {
                try (InputStream in = Files.newInputStream(generated(context, contacts))) {
                    store.put(key, in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return key;
        });
    }

    /** The generated CSV on disk, outside the file store (what {@code COPY} reads). */
    static Path generated(BenchContext context, ContactFile contacts) {
        return contacts.writeTo(context.workDir().resolve("generated"));
    }
}
