package io.outbound.campaign.internal.importer;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.spi.ContactSource.ImportResult;
import io.outbound.campaign.spi.ContactSource.Sink;
import io.outbound.campaign.spi.ImportedContact;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Reads a file on a thread of its own while the caller's thread hands the batches already read to the sink, so
 * that parsing and validating a batch overlaps with the store writing the one before (and a file store's network
 * reads with the database's writes). The sink is still called on the caller's thread, in file order: a store
 * keeps its transaction and connection on that thread.
 *
 * <p>At most {@value #QUEUED} batches wait between the two, besides the one the reader is filling and the one
 * the sink holds, so memory stays bounded. The reader's failure (a file rejected as a whole, a file store that
 * fails) reaches the caller after the batches read before it, as it would without the thread. When the sink
 * throws, or the caller is interrupted, the reader is interrupted and the caller waits up to
 * {@link #STOP_WAIT_MILLIS} for it to close the file; a reader blocked in a read that ignores interruption ends
 * at its next batch.
 */
final class ReadAhead {

    /** Batches read and not yet handed to the sink, at most. */
    static final int QUEUED = 2;
    static final long STOP_WAIT_MILLIS = 10_000;
    private static final int MAX_NAME_CHARS = 60;

    /** Batches, then the reader's {@link End}: never more than {@link #QUEUED} batches, so the end always fits. */
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED + 1);
    /** Room for batches: the reader takes one before it queues a batch, the caller gives it back taking one. */
    private final Semaphore room = new Semaphore(QUEUED);
    private volatile boolean stopped;

    private ReadAhead() {
    }

    /** What the reader hands over last: its result, or what it threw. */
    private record End(ImportResult result, Throwable failure) {
    }

    /** Unwinds the reader once the caller stopped taking its batches. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /**
     * Runs {@code read} on a new thread named after {@code key}, handing each batch it produces to {@code sink} on
     * this thread, and returns its result or rethrows its failure.
     *
     * @throws CampaignException {@code FILES_UNAVAILABLE} when this thread is interrupted while it waits for the
     *                           reader (its interrupt status is kept)
     */
    static ImportResult drain(Function<Sink, ImportResult> read, Sink sink, String key) {
        return new ReadAhead().run(read, sink, key);
    }

    private ImportResult run(Function<Sink, ImportResult> read, Sink sink, String key) {
        Thread reader = new Thread(() -> read(read), threadName(key));
        reader.setDaemon(true);
        reader.start();
        boolean ended = false;
        try {
            while (true) {
                Object next = queue.take();
                if (next instanceof End end) {
                    ended = true;
                    if (end.failure() instanceof RuntimeException e) {
                        throw e;
                    }
                    if (end.failure() instanceof Error e) {
                        throw e;
                    }
                    return end.result();
                }
                room.release();
                @SuppressWarnings("unchecked")
                List<ImportedContact> batch = (List<ImportedContact>) next;
                sink.accept(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CampaignException(ErrorCode.FILES_UNAVAILABLE,
                    "interrupted while importing the contacts of '" + key + "'", List.of(), e);
        } finally {
            if (!ended) {
                stop(reader);
            }
        }
    }

    /** The reader's thread: queues each batch once there is room, then its end. */
    private void read(Function<Sink, ImportResult> read) {
        End end;
        try {
            end = new End(read.apply(batch -> {
                try {
                    room.acquire();
                } catch (InterruptedException e) {
                    throw new Stopped();
                }
                if (stopped) {
                    throw new Stopped();
                }
                queue.add(batch);
            }), null);
        } catch (Stopped e) {
            return;
        } catch (RuntimeException | Error e) {
            end = new End(null, e);
        }
        queue.add(end);
    }

    /** Stops the reader (at its next batch if a read ignores the interrupt) and waits a bounded time for it. */
    private void stop(Thread reader) {
        stopped = true;
        room.release(QUEUED + 1);
        reader.interrupt();
        boolean interrupted = Thread.interrupted();
        try {
            reader.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String threadName(String key) {
        String shown = key.length() > MAX_NAME_CHARS ? key.substring(0, MAX_NAME_CHARS) + "..." : key;
        return "campaign-contacts-reader " + shown;
    }
}
