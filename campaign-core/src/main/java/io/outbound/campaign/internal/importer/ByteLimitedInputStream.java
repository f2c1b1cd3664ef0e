package io.outbound.campaign.internal.importer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of a contacts file as they stream and stops the import once the file is over its limit. A
 * failure of the store's stream is marked as such ({@link StoreReadFailure}), to tell it apart from a bad file.
 */
final class ByteLimitedInputStream extends FilterInputStream {

    private final long maxBytes;
    private long bytes;

    ByteLimitedInputStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = super.read();
        } catch (IOException e) {
            throw new StoreReadFailure(e);
        }
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (IOException e) {
            throw new StoreReadFailure(e);
        }
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) throws ContactFileProblem {
        bytes += n;
        if (bytes > maxBytes) {
            throw new ContactFileProblem("contacts file is larger than max_file_bytes " + maxBytes + " bytes");
        }
    }

    /** The store failed while the file was read: not the file's fault, and worth retrying. */
    static final class StoreReadFailure extends IOException {
        private static final long serialVersionUID = 1L;

        StoreReadFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
