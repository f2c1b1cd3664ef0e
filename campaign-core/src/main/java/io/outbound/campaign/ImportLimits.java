package io.outbound.campaign;

/**
 * Limits on a contacts file, checked while it streams. A file over {@code maxFileBytes}, {@code maxRows}
 * or {@code maxColumns} is rejected whole ({@code CONTACTS_REJECTED}); a field over
 * {@code maxFieldLength} rejects its row only. They also bound an import's memory: it never holds more than one
 * record of {@code maxColumns + 1} fields of {@code maxFieldLength + 1} characters, whatever the file holds.
 *
 * @param maxFileBytes   the largest file, in bytes
 * @param maxRows        the most data rows
 * @param maxColumns     the most columns, {@code phone_number} included
 * @param maxFieldLength the longest field, in characters
 */
public record ImportLimits(long maxFileBytes, long maxRows, int maxColumns, int maxFieldLength) {

    /** 2 GiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 2L * 1024 * 1024 * 1024;
    /** Ten million rows. */
    public static final long DEFAULT_MAX_ROWS = 10_000_000;
    /** 100 columns. */
    public static final int DEFAULT_MAX_COLUMNS = 100;
    /** 4,096 characters. */
    public static final int DEFAULT_MAX_FIELD_LENGTH = 4096;

    /**
     * @throws IllegalArgumentException naming the limit when one is not positive
     */
    public ImportLimits {
        positive("maxFileBytes", maxFileBytes);
        positive("maxRows", maxRows);
        positive("maxColumns", maxColumns);
        positive("maxFieldLength", maxFieldLength);
    }

    /** The {@code DEFAULT_*} limits. */
    public static ImportLimits defaults() {
        return new ImportLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_ROWS, DEFAULT_MAX_COLUMNS, DEFAULT_MAX_FIELD_LENGTH);
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
