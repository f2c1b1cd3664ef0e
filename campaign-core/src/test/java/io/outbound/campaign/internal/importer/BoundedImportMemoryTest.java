package io.outbound.campaign.internal.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.outbound.campaign.ImportError;
import io.outbound.campaign.ImportLimits;
import io.outbound.campaign.spi.ContactSource.ImportResult;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Imports whose files each hold one quoted field of 24 MiB of line breaks, four at once, in a JVM whose heap is
 * capped at 64 MiB (the {@code low-heap} surefire execution). Holding one such field takes 48 MiB of characters,
 * and the parser used to hold it before the field limit was checked: each import must instead stream it past.
 */
@Tag("low-heap")
class BoundedImportMemoryTest {

    private static final long HEAP_CAP_BYTES = 64L * 1024 * 1024;
    private static final long FIELD_LINE_BREAKS = 24L << 20;
    private static final int IMPORTS = 4;

    @Test
    void concurrentImportsOfHugeQuotedFieldsRejectTheirRowsInASixtyFourMebibyteHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("this test proves bounded memory only when run with -Xmx64m (surefire execution low-heap)")
                .isLessThanOrEqualTo(HEAP_CAP_BYTES);
        Map<String, GeneratedCsv> opened = new ConcurrentHashMap<>();
        BytesFileStore files = new BytesFileStore() {
            @Override
            public InputStream open(String key) {
                return opened.computeIfAbsent(key, k -> new GeneratedCsv("phone_number,note\n+14155552671,first\n"
                        + "+14155552672,\"", "\n".repeat(1024), FIELD_LINE_BREAKS / 1024, "\"\n+14155552673,last\n"));
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(IMPORTS);
        try {
            List<Future<ImportResult>> imports = new ArrayList<>();
            for (int i = 0; i < IMPORTS; i++) {
                String key = "huge-" + i + ".csv";
                imports.add(pool.submit(() -> new ContactImporter(files, key, ImportLimits.defaults())
                        .drainTo(batch -> { })));
            }
            for (Future<ImportResult> result : imports) {
                ImportResult imported = result.get(5, TimeUnit.MINUTES);
                assertThat(imported.summary().accepted()).isEqualTo(2);
                assertThat(imported.summary().errors()).extracting(ImportError::line, ImportError::column)
                        .containsExactly(tuple(3L, "note"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(opened.values()).hasSize(IMPORTS)
                .allSatisfy(file -> assertThat(file.bytesRead()).isEqualTo(file.length()));
    }
}
