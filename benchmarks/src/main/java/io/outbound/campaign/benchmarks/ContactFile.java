package io.outbound.campaign.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The deterministic contacts of every scenario: row {@code i} always has the same number and columns, so two
 * runs (and the baseline and the engine within a run) read the same data.
 *
 * <p>Numbers are unique by construction. Valid numbers come from mobile ranges in which libphonenumber accepts
 * every number of the right length (checked when these ranges were chosen), spread over seven countries; the
 * digits after the range are the row's index within its range scrambled by a multiplier coprime to ten, which
 * is a bijection modulo any power of ten. With {@link #withInvalidRows invalid rows}, one row in a hundred has
 * a number that is too short or has an unassigned calling code, as a real list would.
 */
public final class ContactFile {

    /** The header: {@code phone_number} and four more columns. */
    public static final String HEADER = "phone_number,first_name,last_name,customer_id,city";

    /** Mobile ranges that are valid for every number of {@code digits} more digits. */
    private static final String[] RANGES = {"+4471", "+4472", "+4473", "+49170", "+49151", "+3934", "+3460",
        "+61412"};
    private static final int[] DIGITS = {8, 8, 8, 7, 8, 8, 7, 6};
    private static final long SCRAMBLE = 7919L * 1_000_003L;
    private static final String[] FIRST = {"Ada", "Björn", "Chiara", "Diego", "Emma", "Farid", "Grace", "Hiro",
        "Inès", "Jonas", "Kemal", "Lena"};
    private static final String[] LAST = {"Lovelace", "Nilsson", "Rossi", "García", "Schmidt", "Haddad", "Hopper",
        "Tanaka", "Dubois", "Weber", "Yilmaz", "O'Brien"};
    private static final String[] CITY = {"London", "Berlin", "Milan", "Madrid", "Sydney", "Manchester",
        "Hamburg", "Rome, Lazio", "Valencia", "Perth"};

    /** US area codes in four time zones: New York, Chicago, Denver, Los Angeles. */
    private static final String[] US_AREAS = {"+1212", "+1312", "+1303", "+1213"};

    private final int rows;
    private final boolean invalidRows;
    private final boolean usFourZones;

    private ContactFile(int rows, boolean invalidRows) {
        this(rows, invalidRows, false);
    }

    private ContactFile(int rows, boolean invalidRows, boolean usFourZones) {
        if (rows < 1 || rows > 8_000_000) {
            throw new IllegalArgumentException("rows must be between 1 and 8000000, was " + rows);
        }
        this.rows = rows;
        this.invalidRows = invalidRows;
        this.usFourZones = usFourZones;
    }

    /**
     * Rows whose numbers are all valid and distinct US numbers, taking turns between four area codes in four time
     * zones (New York, Chicago, Denver, Los Angeles): exchanges 200 to 299, up to 4,000,000 rows.
     */
    public static ContactFile usFourZones(int rows) {
        if (rows > 4_000_000) {
            throw new IllegalArgumentException("rows must be at most 4000000 for four US area codes, was " + rows);
        }
        return new ContactFile(rows, false, true);
    }

    /** Rows whose numbers are all valid and distinct. */
    public static ContactFile allValid(int rows) {
        return new ContactFile(rows, false);
    }

    /** Rows of which one in a hundred has an invalid number. */
    public static ContactFile withInvalidRows(int rows) {
        return new ContactFile(rows, true);
    }

    /** How many data rows. */
    public int rows() {
        return rows;
    }

    /** Whether row {@code i} (from 0) has a number libphonenumber accepts. */
    public boolean validByConstruction(int i) {
        return !invalidRows || i % 100 != 99;
    }

    /** The phone number of row {@code i}, from 0. */
    public String phoneNumber(int i) {
        if (!validByConstruction(i)) {
            long k = i / 100;
            // Too short for a UK mobile, or a calling code nobody has.
            return (k % 2 == 0 ? "+4471" + pad(k, 5) : "+999" + pad(k, 8));
        }
        if (usFourZones) {
            int j = i / US_AREAS.length;
            return US_AREAS[i % US_AREAS.length] + (200 + j % 100) + pad(j / 100, 4);
        }
        int range = i % RANGES.length;
        long j = i / RANGES.length;
        long modulus = (long) Math.pow(10, DIGITS[range]);
        return RANGES[range] + pad(Math.floorMod(j * SCRAMBLE + 12_345, modulus), DIGITS[range]);
    }

    /** Every phone number, in row order. */
    public String[] phoneNumbers() {
        String[] numbers = new String[rows];
        for (int i = 0; i < rows; i++) {
            numbers[i] = phoneNumber(i);
        }
        return numbers;
    }

    /**
     * Writes the CSV (header, LF line ends, a quoted field where a city has a comma) unless the file already
     * exists with this generator's name; returns the path.
     */
    public Path writeTo(Path dir) {
        Path file = dir.resolve(fileName());
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".contacts-", ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                out.write(HEADER);
                out.write('\n');
                StringBuilder line = new StringBuilder(96);
                for (int i = 0; i < rows; i++) {
                    line.setLength(0);
                    String city = CITY[i % CITY.length];
                    line.append(phoneNumber(i)).append(',')
                            .append(FIRST[i % FIRST.length]).append(',')
                            .append(LAST[(i / FIRST.length) % LAST.length]).append(',')
                            .append("C-").append(i + 1).append(',')
                            .append(city.indexOf(',') >= 0 ? '"' + city + '"' : city).append('\n');
                    out.append(line);
                }
            }
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes a CSV of the phone numbers only (header {@code phone_number}) into memory. */
    public byte[] phoneNumbersCsv() {
        StringBuilder csv = new StringBuilder(rows * 16);
        csv.append("phone_number\n");
        for (int i = 0; i < rows; i++) {
            csv.append(phoneNumber(i)).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The name that identifies this generator's file. */
    public String fileName() {
        return "contacts-" + rows + (usFourZones ? "-us-four-zones" : invalidRows ? "-with-invalid" : "-valid") + ".csv";
    }

    private static String pad(long value, int digits) {
        String text = Long.toString(value);
        return "0".repeat(Math.max(0, digits - text.length())) + text;
    }
}
