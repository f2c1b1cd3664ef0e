package io.outbound.campaign.internal.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.ImportLimits;
import io.outbound.campaign.spi.ContactSource.ImportResult;
import io.outbound.campaign.spi.ImportedContact;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The importer reads ahead of the store on a thread of its own: the sink still runs on the caller's thread, in
 * file order, while the file is read on; a sink that throws or a caller interrupted stops the reader, which closes
 * the file. Real threads, so every wait is on a condition with a deadline.
 */
class ReadAheadTest {

    private static final int ROWS = 20_000;
    /** Per row about 60 bytes: a batch of 1,000 rows is far more than any reader buffers. */
    private static final String PADDING = "x".repeat(40);
    private static final long DEADLINE_MILLIS = 20_000;

    private static String phone(int i) {
        return "+1212" + (200 + i % 100) + String.format("%04d", i / 100);
    }

    private static ClosingCsv file(int rows) {
        StringBuilder csv = new StringBuilder("phone_number,note\n");
        for (int i = 0; i < rows; i++) {
            csv.append(phone(i)).append(',').append(PADDING).append('\n');
        }
        return new ClosingCsv(new GeneratedCsv(csv.toString(), "", 0, ""));
    }

    private static ContactImporter importer(InputStream file) {
        BytesFileStore files = new BytesFileStore() {
            @Override
            public InputStream open(String key) {
                return file;
            }
        };
        return new ContactImporter(files, "contacts.csv", ImportLimits.defaults());
    }

    @Test
    void the_file_is_read_on_while_the_sink_writes_and_every_batch_reaches_the_callers_thread_in_order()
            throws Exception {
        ClosingCsv file = file(ROWS);
        long batchBytes = file.length() / (ROWS / ContactImporter.DEFAULT_BATCH_SIZE);
        Thread caller = Thread.currentThread();
        List<ImportedContact> received = new ArrayList<>();
        List<Thread> sinkThreads = new ArrayList<>();

        ImportResult result = importer(file).drainTo(batch -> {
            if (received.isEmpty()) {
                // Read on while the first batch is being written: the reader gets past its next two batches.
                awaitTrue(() -> file.bytesRead() > 2.5 * batchBytes, "the file read on past the first batch");
            }
            sinkThreads.add(Thread.currentThread());
            received.addAll(batch);
        });

        assertThat(result.summary().accepted()).isEqualTo(ROWS);
        assertThat(received).extracting(ImportedContact::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, ROWS).boxed().toList());
        assertThat(received.get(ROWS - 1).phoneNumber()).isEqualTo(phone(ROWS - 1));
        assertThat(sinkThreads).hasSize(ROWS / ContactImporter.DEFAULT_BATCH_SIZE).containsOnly(caller);
        assertThat(file.closed.getCount()).as("the file is closed once read").isZero();
    }

    @Test
    void a_sink_that_throws_stops_the_reader_which_closes_the_file_without_reading_it_to_the_end()
            throws Exception {
        ClosingCsv file = file(ROWS);
        IllegalStateException failure = new IllegalStateException("database gone");

        assertThatThrownBy(() -> importer(file).drainTo(batch -> {
            throw failure;
        })).isSameAs(failure);

        assertThat(file.closed.await(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)).as("the file closed").isTrue();
        assertThat(file.bytesRead()).as("bytes read of " + file.length()).isLessThan(file.length() / 2);
    }

    @Test
    void a_file_rejected_after_some_batches_fails_the_caller_after_those_batches() {
        StringBuilder csv = new StringBuilder("phone_number,note\n");
        for (int i = 0; i < 2_500; i++) {
            csv.append(phone(i)).append(",ok\n");
        }
        csv.append(phone(2_500)).append(",\"never closed\n");
        ClosingCsv file = new ClosingCsv(new GeneratedCsv(csv.toString(), "", 0, ""));
        List<ImportedContact> received = new ArrayList<>();

        assertThatThrownBy(() -> importer(file).drainTo(received::addAll))
                .isInstanceOfSatisfying(CampaignException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONTACTS_REJECTED))
                .hasMessageContaining("never closed");
        assertThat(received).hasSize(2_000);
    }

    @Test
    void an_interrupted_caller_gets_a_clear_error_keeps_its_interrupt_and_the_stalled_reader_stops() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        ClosingCsv file = new ClosingCsv(new PipedInputStream(writer, 1 << 16));
        // A header and one row, then nothing: the file store stalls.
        writer.write(("phone_number,note\n" + phone(1) + ",first\n").getBytes(StandardCharsets.UTF_8));
        ExecutorService caller = Executors.newSingleThreadExecutor();
        AtomicReference<Thread> callerThread = new AtomicReference<>();
        CountDownLatch waiting = new CountDownLatch(1);
        try {
            Future<Boolean> interruptKept = caller.submit(() -> {
                callerThread.set(Thread.currentThread());
                waiting.countDown();
                try {
                    importer(file).drainTo(batch -> { });
                    return false;
                } catch (CampaignException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.FILES_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("interrupted", "contacts.csv");
                    return Thread.currentThread().isInterrupted();
                }
            });
            assertThat(waiting.await(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
            awaitTrue(() -> file.bytesRead() > 0, "the reader started");
            callerThread.get().interrupt();

            assertThat(interruptKept.get(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(file.closed.await(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)).as("the file closed").isTrue();
        } finally {
            caller.shutdownNow();
            writer.close();
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE_MILLIS + " ms: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** A file that counts the bytes read from it and says when it is closed. */
    private static final class ClosingCsv extends FilterInputStream {
        final CountDownLatch closed = new CountDownLatch(1);
        private final long length;
        private volatile long read;

        ClosingCsv(GeneratedCsv in) {
            super(in);
            this.length = in.length();
        }

        ClosingCsv(InputStream in) {
            super(in);
            this.length = -1;
        }

        long length() {
            return length;
        }

        long bytesRead() {
            return read;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            int n = super.read(buffer, offset, count);
            if (n > 0) {
                read += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            super.close();
            closed.countDown();
        }
    }
}
