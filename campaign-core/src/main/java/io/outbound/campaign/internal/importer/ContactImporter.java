package io.outbound.campaign.internal.importer;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.ImportLimits;
import io.outbound.campaign.internal.phone.PhoneNumberValidator;
import io.outbound.campaign.spi.ContactSource;
import io.outbound.campaign.spi.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

/**
 * The contacts of a CSV file in a {@link FileStore}, streamed to a campaign store in batches.
 *
 * <p>The file is UTF-8 (a byte-order mark is ignored), with CRLF or LF line ends and RFC 4180 quoting. Its first
 * non-blank line is the header; it must name a {@code phone_number} column (names are trimmed and compared
 * without regard to case; none may be blank or repeated). Every other column is kept, in file order. Each row must
 * have as many fields as the header; its phone number, trimmed, must be E.164 ({@code +} then digits, nothing
 * else) and valid by libphonenumber's rules; a number already seen is a duplicate. A bad row is reported and
 * skipped, the rest of the file goes on; blank lines are skipped and not counted.
 *
 * <p>The whole file is rejected ({@code CONTACTS_REJECTED}) when it is empty, its header is unusable, it is not
 * UTF-8, a quote is never closed, or it is over a limit. Such a failure can come after batches went to the sink:
 * {@link #drainTo} then throws, and the store, which drains inside the transaction that creates the campaign,
 * rolls those batches back.
 *
 * <p>Memory stays bounded whatever the file holds, apart from the set of numbers seen, about 16 bytes a contact:
 * the parser is never handed more than {@code max_columns + 1} fields of {@code max_field_length + 1} characters
 * in one record ({@link BoundedFieldReader}), so a field over the limit, however long, is streamed past and
 * rejects its row without ever being held. At the default limits a record takes at most about 1 MB.
 */
public final class ContactImporter implements ContactSource {

    /** Contacts handed to the sink at a time unless the caller says otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 1000;

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setTrailingData(false)
            .setLenientEof(false)
            .get();

    private final FileStore files;
    private final String key;
    private final ImportLimits limits;
    private final int batchSize;
    private final PhoneNumberValidator validator;
    private final ContactZoning zoning;

    /** An importer of the file under the key, handing contacts over in batches of {@value #DEFAULT_BATCH_SIZE}. */
    public ContactImporter(FileStore files, String key, ImportLimits limits) {
        this(files, key, limits, DEFAULT_BATCH_SIZE, ContactZoning.NONE);
    }

    /** An importer of the file under the key, resolving each contact's local-time facts with {@code zoning}. */
    public ContactImporter(FileStore files, String key, ImportLimits limits, ContactZoning zoning) {
        this(files, key, limits, DEFAULT_BATCH_SIZE, zoning);
    }

    /**
     * An importer of the file under the key, without zones.
     *
     * @throws IllegalArgumentException when the batch size is not positive
     */
    public ContactImporter(FileStore files, String key, ImportLimits limits, int batchSize) {
        this(files, key, limits, batchSize, ContactZoning.NONE);
    }

    /**
     * An importer of the file under the key.
     *
     * @throws IllegalArgumentException when the batch size is not positive
     */
    public ContactImporter(FileStore files, String key, ImportLimits limits, int batchSize, ContactZoning zoning) {
        this.files = Objects.requireNonNull(files, "files");
        this.key = Objects.requireNonNull(key, "key");
        this.limits = Objects.requireNonNull(limits, "limits");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, was " + batchSize);
        }
        this.batchSize = batchSize;
        this.validator = PhoneNumberValidator.shared();
        this.zoning = Objects.requireNonNull(zoning, "zoning");
    }

    /**
     * Reads the file and streams its accepted contacts to the sink.
     *
     * @throws CampaignException {@code CONTACTS_REJECTED} naming the problem when the file as a whole cannot be
     *                           imported, {@code NOT_FOUND} when there is no such file, {@code FILES_UNAVAILABLE}
     *                           when the store fails while the file is read
     */
    @Override
    public ImportResult drainTo(Sink sink) {
        Objects.requireNonNull(sink, "sink");
        try (InputStream raw = files.open(key);
             BoundedFieldReader reader = new BoundedFieldReader(new Utf8LineReader(
                     new ByteLimitedInputStream(raw, limits.maxFileBytes())), limits.maxFieldLength(), limits.maxColumns());
             CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            ContactRows rows = new ContactRows(parser, reader::fileLines, limits, validator, batchSize, sink,
                    zoning);
            try {
                return rows.importAll();
            } catch (UncheckedIOException e) {
                throw failure(e.getCause(), rows.recordStartLine());
            }
        } catch (IOException e) {
            throw failure(e, 0);
        } catch (UncheckedIOException e) {
            throw failure(e.getCause(), 0);
        }
    }

    /** The reason to give for a failure while reading the file; line is where the record being read starts. */
    private CampaignException failure(IOException e, long line) {
        if (e instanceof ContactFileProblem) {
            return rejected(e.getMessage());
        }
        String message = String.valueOf(e.getMessage());
        if (e instanceof ByteLimitedInputStream.StoreReadFailure || line == 0) {
            return new CampaignException(ErrorCode.FILES_UNAVAILABLE,
                    "file store failed reading '" + key + "': " + message, List.of(), e);
        }
        if (message.contains("EOF reached before encapsulated token finished")) {
            return rejected("contacts file has a quoted field opened on line " + line + " that is never closed");
        }
        if (message.contains("Invalid character between encapsulated token and delimiter")) {
            return rejected("contacts file has a character after a closing quote in the row starting on line "
                    + line + " (a quote inside a quoted field is written twice: \"\")");
        }
        return rejected("contacts file is not valid CSV in the row starting on line " + line + ": " + message);
    }

    static CampaignException rejected(String message) {
        return new CampaignException(ErrorCode.CONTACTS_REJECTED, message);
    }
}
