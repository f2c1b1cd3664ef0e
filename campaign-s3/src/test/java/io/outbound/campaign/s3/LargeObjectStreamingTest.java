package io.outbound.campaign.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 100 MB contact file goes up as a multipart upload and comes back through {@link S3FileStore#open}
 * in a JVM whose heap is capped at 64 MB (the {@code low-heap} surefire execution), with the S3
 * server in the same JVM: neither direction may hold the file in memory.
 */
@Tag("low-heap")
class LargeObjectStreamingTest {

    @RegisterExtension
    static final S3ProxyServer S3 = S3ProxyServer.onDisk();

    private static final long FILE_BYTES = 100L * 1000 * 1000;
    private static final long HEAP_CAP_BYTES = 64L * 1024 * 1024;

    @Test
    void aHundredMegabyteContactFileStreamsUpInPartsAndBackUnderASixtyFourMegabyteHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("this test proves streaming only when run with -Xmx64m (surefire execution low-heap)")
                .isLessThanOrEqualTo(HEAP_CAP_BYTES);
        try (S3FileStore store = S3.storeBuilder(S3.newBucket())
                .multipartThreshold(S3FileStoreBuilder.MIN_PART_SIZE)
                .partSize(S3FileStoreBuilder.MIN_PART_SIZE)
                .build()) {
            GeneratedContacts upload = new GeneratedContacts(FILE_BYTES);
            long started = System.nanoTime();
            store.put("big/contacts.csv", upload);
            long uploaded = System.nanoTime();

            CRC32 readBack = new CRC32();
            long bytesRead = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = store.open("big/contacts.csv")) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    readBack.update(buffer, 0, n);
                    bytesRead += n;
                }
            }
            long downloaded = System.nanoTime();

            assertThat(upload.bytesServed()).isEqualTo(FILE_BYTES);
            assertThat(bytesRead).isEqualTo(FILE_BYTES);
            assertThat(readBack.getValue()).isEqualTo(upload.checksum());
            System.out.printf("100 MB: put %d ms, open+read %d ms, heap pools peak occupancy (garbage included) %d MiB, max heap %d MiB%n",
                    (uploaded - started) / 1_000_000, (downloaded - uploaded) / 1_000_000,
                    peakHeapBytes() / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }

    private static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /**
     * Contact CSV lines made as they are read, exactly {@code length} bytes, with a CRC32 of what was
     * served.
     */
    private static final class GeneratedContacts extends InputStream {
        private final long length;
        private final CRC32 crc = new CRC32();
        private long served;
        private long row;
        private byte[] line = "phone_number,first_name,last_name,company\n".getBytes(StandardCharsets.US_ASCII);
        private int lineAt;

        GeneratedContacts(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            if (served >= length) {
                return -1;
            }
            int n = (int) Math.min(count, length - served);
            for (int i = 0; i < n; i++) {
                if (lineAt == line.length) {
                    row++;
                    line = String.format("+1415%07d,First%d,Last%d,Company %d\n", row % 10_000_000, row, row * 7, row % 97)
                            .getBytes(StandardCharsets.US_ASCII);
                    lineAt = 0;
                }
                buffer[offset + i] = line[lineAt++];
            }
            crc.update(buffer, offset, n);
            served += n;
            return n;
        }

        long bytesServed() {
            return served;
        }

        long checksum() {
            return crc.getValue();
        }
    }
}
