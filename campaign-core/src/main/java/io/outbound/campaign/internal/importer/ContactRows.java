package io.outbound.campaign.internal.importer;

import io.outbound.campaign.ImportError;
import io.outbound.campaign.ImportLimits;
import io.outbound.campaign.ImportSummary;
import io.outbound.campaign.internal.phone.PhoneNumberSet;
import io.outbound.campaign.internal.phone.PhoneNumberValidator;
import io.outbound.campaign.spi.ContactSource.ImportResult;
import io.outbound.campaign.spi.ContactSource.Sink;
import io.outbound.campaign.spi.ImportedContact;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** One pass over the records of a contacts file: the header, then each row accepted or reported. */
final class ContactRows {

    static final String PHONE_COLUMN = "phone_number";
    private static final int MAX_ERROR_VALUE_CHARS = 100;

    private final CSVParser parser;
    private final LongUnaryOperator fileLines;
    private final Iterator<CSVRecord> records;
    private final ImportLimits limits;
    private final PhoneNumberValidator validator;
    private final int batchSize;
    private final Sink sink;
    private final ContactZoning zoning;
    private final Map<String, Integer> zones = new LinkedHashMap<>();
    private final PhoneNumberSet seen = new PhoneNumberSet();
    private final List<ImportError> errors = new ArrayList<>();
    private List<ImportedContact> batch = new ArrayList<>();

    private List<String> columnNames;
    private int phoneIndex;
    private int zoneIndex = -1;
    private long linesBeforeRecord;
    private long recordLine = 1;
    private long rows;
    private long accepted;
    private long rejected;
    private long duplicates;

    /**
     * @param fileLines the file's line count where the parser counts a number of lines (they differ when line
     *                  breaks were dropped with an over-long field)
     */
    ContactRows(CSVParser parser, LongUnaryOperator fileLines, ImportLimits limits, PhoneNumberValidator validator,
                int batchSize, Sink sink, ContactZoning zoning) {
        this.parser = parser;
        this.fileLines = fileLines;
        this.records = parser.iterator();
        this.limits = limits;
        this.validator = validator;
        this.batchSize = batchSize;
        this.sink = sink;
        this.zoning = zoning;
    }

    /** The line where the record being read (or last read) starts. */
    long recordStartLine() {
        return recordLine;
    }

    ImportResult importAll() {
        CSVRecord header = nextNonBlank();
        if (header == null) {
            throw ContactImporter.rejected("contacts file is empty: it has no header line");
        }
        readHeader(header);
        for (CSVRecord record = next(); record != null; record = next()) {
            if (isBlank(record)) {
                continue;
            }
            rows++;
            if (rows > limits.maxRows()) {
                throw ContactImporter.rejected("contacts file has more than max_rows " + limits.maxRows() + " rows");
            }
            importRow(record, recordLine);
        }
        flush();
        List<String> columns = new ArrayList<>(columnNames);
        columns.remove(phoneIndex);
        return new ImportResult(columns, new ImportSummary(rows, accepted, rejected, duplicates, errors),
                List.copyOf(zones.keySet()));
    }

    private CSVRecord next() {
        recordLine = linesBeforeRecord + 1;
        if (!records.hasNext()) {
            return null;
        }
        CSVRecord record = records.next();
        // The parser has read up to and including the record's line break: the next record starts after it.
        linesBeforeRecord = fileLines.applyAsLong(parser.getCurrentLineNumber());
        return record;
    }

    private CSVRecord nextNonBlank() {
        CSVRecord record = next();
        while (record != null && isBlank(record)) {
            record = next();
        }
        return record;
    }

    private static boolean isBlank(CSVRecord record) {
        return record.size() == 1 && record.get(0).isBlank();
    }

    private void readHeader(CSVRecord header) {
        if (header.size() > limits.maxColumns()) {
            throw ContactImporter.rejected("contacts file has more than max_columns " + limits.maxColumns()
                    + " columns");
        }
        List<String> names = new ArrayList<>(header.size());
        Set<String> seenNames = new HashSet<>();
        phoneIndex = -1;
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            if (name.isEmpty()) {
                throw ContactImporter.rejected("contacts file header has a blank column name in column " + (i + 1));
            }
            if (header.get(i).length() > limits.maxFieldLength()) {
                throw ContactImporter.rejected("contacts file header names column " + (i + 1) + " with more than "
                        + "max_field_length " + limits.maxFieldLength() + " characters: " + cut(name));
            }
            if (!seenNames.add(name.toLowerCase(Locale.ROOT))) {
                throw ContactImporter.rejected("contacts file header names the column '" + name + "' twice"
                        + " (names are compared trimmed and without regard to case)");
            }
            if (name.equalsIgnoreCase(PHONE_COLUMN)) {
                phoneIndex = i;
            }
            names.add(name);
        }
        if (phoneIndex < 0) {
            throw ContactImporter.rejected("contacts file has no phone_number column; its header names "
                    + cut(String.join(", ", names)));
        }
        columnNames = names;
        String zoneColumn = zoning.timezoneColumn();
        if (zoneColumn != null) {
            for (int i = 0; i < names.size() && zoneIndex < 0; i++) {
                if (names.get(i).equalsIgnoreCase(zoneColumn.strip())) {
                    zoneIndex = i;
                }
            }
            if (zoneIndex < 0 || zoneIndex == phoneIndex) {
                throw ContactImporter.rejected("contact_rules.timezone_column '" + cut(zoneColumn)
                        + "' is not a column of the contacts file; its header names " + cut(String.join(", ", names)));
            }
        }
    }

    private void importRow(CSVRecord record, long line) {
        int expected = columnNames.size();
        if (record.size() != expected) {
            // A record is cut one field past max_columns, so its true size is known only up to there.
            reject(line, null, null, "expected " + expected + " fields, found " + (record.size() > limits.maxColumns()
                    ? "more than " + limits.maxColumns() : record.size()));
            return;
        }
        for (int i = 0; i < expected; i++) {
            String value = record.get(i);
            if (value.length() > limits.maxFieldLength()) {
                // A field is cut one character past the limit: its true length is not known here.
                reject(line, columnNames.get(i), value, "is longer than max_field_length "
                        + limits.maxFieldLength() + " characters");
                return;
            }
        }
        String written = record.get(phoneIndex);
        String number = written.strip();
        String problem = phoneNumberProblem(number);
        if (problem != null) {
            reject(line, PHONE_COLUMN, written, problem);
            return;
        }
        if (!seen.add(number)) {
            duplicates++;
            report(line, PHONE_COLUMN, number, "duplicate of an earlier row");
            return;
        }
        accepted++;
        List<String> values = new ArrayList<>(expected - 1);
        for (int i = 0; i < expected; i++) {
            if (i != phoneIndex) {
                values.add(record.get(i));
            }
        }
        String zoneKey = zoning.resolver().keyOf(number, zoneIndex < 0 ? null : record.get(zoneIndex));
        Integer zone = zones.get(zoneKey);
        if (zone == null) {
            zone = zones.size();
            zones.put(zoneKey, zone);
        }
        batch.add(new ImportedContact(accepted, number, values, zone));
        if (batch.size() >= batchSize) {
            flush();
        }
    }

    /** Why a trimmed phone number cannot be dialled, or {@code null} when it is a valid E.164 number as written. */
    private String phoneNumberProblem(String number) {
        if (number.isEmpty()) {
            return "phone number is empty";
        }
        if (!PhoneNumberValidator.isE164Syntax(number)) {
            if (number.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return "must start with '+' and the country calling code (E.164, e.g. +14155552671)";
            }
            if (number.chars().anyMatch(Character::isWhitespace)) {
                return "must be E.164: '+' then digits, without spaces";
            }
            return "must be E.164: '+' then digits only, without dashes, brackets or other characters";
        }
        String e164 = validator.toE164(number);
        if (e164 == null) {
            return "is not a valid phone number";
        }
        if (!e164.equals(number)) {
            return "has a national prefix after the country calling code; in E.164 it is " + e164;
        }
        return null;
    }

    private void reject(long line, String column, String value, String reason) {
        rejected++;
        report(line, column, value, reason);
    }

    private void report(long line, String column, String value, String reason) {
        if (errors.size() < ImportSummary.MAX_ERRORS) {
            errors.add(new ImportError(line, column, value == null ? null : cut(value), reason));
        }
    }

    private void flush() {
        if (!batch.isEmpty()) {
            sink.accept(batch);
            batch = new ArrayList<>(Math.min(batchSize, 1024));
        }
    }

    private static String cut(String value) {
        if (value.length() <= MAX_ERROR_VALUE_CHARS) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(MAX_ERROR_VALUE_CHARS - 1))
                ? MAX_ERROR_VALUE_CHARS - 1 : MAX_ERROR_VALUE_CHARS;
        return value.substring(0, end) + "…";
    }
}
