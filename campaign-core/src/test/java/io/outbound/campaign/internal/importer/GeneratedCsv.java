package io.outbound.campaign.internal.importer;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A contacts file made on the fly and never held: {@code head}, then {@code repeat} written {@code times}, then
 * {@code tail}, as UTF-8. It counts the bytes read from it, so a test can tell how far a reader got.
 */
final class GeneratedCsv extends InputStream {

    private final byte[] head;
    private final byte[] repeat;
    private final long times;
    private final byte[] tail;
    private final long length;
    private long position;

    GeneratedCsv(String head, String repeat, long times, String tail) {
        this.head = head.getBytes(StandardCharsets.UTF_8);
        this.repeat = repeat.getBytes(StandardCharsets.UTF_8);
        this.times = times;
        this.tail = tail.getBytes(StandardCharsets.UTF_8);
        this.length = this.head.length + this.repeat.length * times + this.tail.length;
    }

    /** The whole file's size in bytes. */
    long length() {
        return length;
    }

    /** How many bytes have been read so far. */
    long bytesRead() {
        return position;
    }

    @Override
    public int read() {
        if (position >= length) {
            return -1;
        }
        return byteAt(position++) & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(count, length - position);
        long repeatsEnd = head.length + repeat.length * times;
        for (int i = 0; i < n; ) {
            long at = position + i;
            if (at >= head.length && at < repeatsEnd) {
                // Copy what is left of this repetition at once: files of hundreds of megabytes are made here.
                int from = (int) ((at - head.length) % repeat.length);
                int chunk = (int) Math.min(Math.min(repeat.length - from, n - i), repeatsEnd - at);
                System.arraycopy(repeat, from, buffer, offset + i, chunk);
                i += chunk;
            } else {
                buffer[offset + i] = byteAt(at);
                i++;
            }
        }
        position += n;
        return n;
    }

    private byte byteAt(long at) {
        if (at < head.length) {
            return head[(int) at];
        }
        long inRepeats = at - head.length;
        if (inRepeats < repeat.length * times) {
            return repeat[(int) (inRepeats % repeat.length)];
        }
        return tail[(int) (inRepeats - repeat.length * times)];
    }
}
