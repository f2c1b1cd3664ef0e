package io.outbound.campaign.internal.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.ImportError;
import io.outbound.campaign.ImportLimits;
import io.outbound.campaign.ImportSummary;
import io.outbound.campaign.spi.ContactSource.ImportResult;
import io.outbound.campaign.spi.FileStore;
import io.outbound.campaign.spi.ImportedContact;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ContactImporterTest {

    private static final String KEY = "campaigns/1/contacts.csv";
    private static final ImportLimits DEFAULTS = ImportLimits.defaults();

    private final List<List<ImportedContact>> batches = new ArrayList<>();

    private ImportResult importBytes(byte[] content, ImportLimits limits, int batchSize) {
        FileStore files = new BytesFileStore().with(KEY, content);
        return new ContactImporter(files, KEY, limits, batchSize).drainTo(batch -> batches.add(List.copyOf(batch)));
    }

    private ImportResult importText(String csv) {
        return importBytes(csv.getBytes(StandardCharsets.UTF_8), DEFAULTS, ContactImporter.DEFAULT_BATCH_SIZE);
    }

    private List<ImportedContact> contacts() {
        return batches.stream().flatMap(List::stream).toList();
    }

    private static void assertRejected(ThrowingCallable action, String... messageParts) {
        assertThatThrownBy(action).isInstanceOfSatisfying(CampaignException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONTACTS_REJECTED);
            assertThat(e.getMessage()).contains(messageParts);
        });
    }

    @Test
    void anEmptyFileIsRejectedWhole() {
        assertRejected(() -> importText(""), "empty");
        assertRejected(() -> importBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, DEFAULTS, 10), "empty");
        assertRejected(() -> importText("  \r\n\n \t \n"), "empty");
        assertThat(batches).isEmpty();
    }

    @Test
    void aHeaderWithoutRowsIsAnEmptyCampaign() {
        ImportResult result = importText("phone_number,first_name,company\n");

        assertThat(result.columns()).containsExactly("first_name", "company");
        assertThat(result.summary()).isEqualTo(new ImportSummary(0, 0, 0, 0, List.of()));
        assertThat(batches).isEmpty();
    }

    @Test
    void aFileWithoutAPhoneNumberColumnIsRejectedWhole() {
        assertRejected(() -> importText("phone,name\n+14155552671,Ada\n"), "phone_number", "phone, name");
    }

    @Test
    void theHeaderIsMatchedTrimmedAndWithoutRegardToCase() {
        ImportResult result = importText(" Phone_Number , First Name \n+14155552671,Ada\n");

        assertThat(result.columns()).containsExactly("First Name");
        assertThat(contacts()).containsExactly(new ImportedContact(1, "+14155552671", List.of("Ada")));
    }

    @Test
    void repeatedHeaderNamesRejectTheFileNamingTheName() {
        assertRejected(() -> importText("phone_number,name, NAME \n+14155552671,a,b\n"), "'NAME'", "twice");
        assertRejected(() -> importText("phone_number,PHONE_NUMBER\n"), "'PHONE_NUMBER'", "twice");
    }

    @Test
    void aBlankHeaderNameRejectsTheFileNamingTheColumn() {
        assertRejected(() -> importText("phone_number,,city\n+14155552671,x,y\n"), "blank column name in column 2");
        assertRejected(() -> importText("phone_number,name,  \n"), "blank column name in column 3");
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        byte[] csv = ("\uFEFFphone_number,name\n+14155552671,Ada\n").getBytes(StandardCharsets.UTF_8);

        ImportResult result = importBytes(csv, DEFAULTS, 10);

        assertThat(result.columns()).containsExactly("name");
        assertThat(contacts()).extracting(ImportedContact::phoneNumber).containsExactly("+14155552671");
    }

    @Test
    void crlfLineEndsAreReadAndLinesCountedOnce() {
        ImportResult result = importText("phone_number,name\r\n+14155552671,Ada\r\nbad,Bob\r\n+14155552672,Cy\r\n");

        assertThat(contacts()).extracting(ImportedContact::values)
                .containsExactly(List.of("Ada"), List.of("Cy"));
        assertThat(result.summary().errors()).extracting(ImportError::line).containsExactly(3L);
    }

    @Test
    void commasAndNewlinesInsideQuotesStayInTheFieldAndLaterLineNumbersStayRight() {
        String csv = "phone_number,note\n"
                + "+14155552671,\"one, two\"\n"
                + "+14155552672,\"first line\nsecond line\r\nthird \"\"quoted\"\" line\"\n"
                + "not-a-number,x\n"
                + "\"+14155552673\",\"a,\nb\"\n"
                + "+1415555,y\n";

        ImportResult result = importText(csv);

        assertThat(contacts()).extracting(ImportedContact::values).containsExactly(
                List.of("one, two"),
                List.of("first line\nsecond line\r\nthird \"quoted\" line"),
                List.of("a,\nb"));
        assertThat(result.summary().errors()).extracting(ImportError::line).containsExactly(6L, 9L);
    }

    @Test
    void anUnterminatedQuoteRejectsTheFileNamingTheLineWhereItOpened() {
        String csv = "phone_number,note\n+14155552671,fine\n\n+14155552672,\"never closed\n+14155552673,x\n";

        assertRejected(() -> importText(csv), "line 4", "never closed");
    }

    @Test
    void aCharacterAfterAClosingQuoteRejectsTheFile() {
        assertRejected(() -> importText("phone_number,note\n+14155552671,\"quoted\"tail\n"), "line 2", "closing quote");
    }

    @Test
    void aRowWithMoreOrFewerFieldsIsRejectedAndTheRestGoesOn() {
        ImportResult result = importText("phone_number,a,b\n+14155552671,1\n+14155552672,1,2,3\n+14155552673,1,2\n");

        assertThat(contacts()).extracting(ImportedContact::phoneNumber).containsExactly("+14155552673");
        assertThat(result.summary().errors()).containsExactly(
                new ImportError(2, null, null, "expected 3 fields, found 2"),
                new ImportError(3, null, null, "expected 3 fields, found 4"));
        assertThat(result.summary().rejected()).isEqualTo(2);
    }

    @Test
    void aFieldOverTheLengthLimitRejectsItsRowNamingTheColumn() {
        ImportLimits limits = new ImportLimits(1_000_000, 100, 10, 15);
        String csv = "phone_number,name,city\n+14155552671,Ada,Lisbon\n+14155552672,Bob,Llanfairpwllgwyngyll\n";

        ImportResult result = importBytes(csv.getBytes(StandardCharsets.UTF_8), limits, 10);

        assertThat(contacts()).extracting(ImportedContact::phoneNumber).containsExactly("+14155552671");
        ImportError error = result.summary().errors().get(0);
        assertThat(error.line()).isEqualTo(3);
        assertThat(error.column()).isEqualTo("city");
        assertThat(error.reason()).isEqualTo("is longer than max_field_length 15 characters");
    }

    @Test
    void aQuotedFieldOfMillionsOfLineBreaksRejectsOnlyItsRowAndLaterLinesKeepTheirNumbers() {
        long breaks = 2L << 20;
        GeneratedCsv file = new GeneratedCsv("phone_number,note\n+14155552671,first\n+14155552672,\"",
                "\n".repeat(1024), breaks / 1024, "\"\nnot-a-number,x\n+14155552673,last\n");
        FileStore files = new BytesFileStore() {
            @Override
            public InputStream open(String key) {
                return file;
            }
        };

        ImportResult result = new ContactImporter(files, KEY, DEFAULTS).drainTo(batch -> batches.add(List.copyOf(batch)));

        assertThat(contacts()).extracting(ImportedContact::phoneNumber).containsExactly("+14155552671", "+14155552673");
        assertThat(result.summary().errors()).extracting(ImportError::line, ImportError::column, ImportError::reason)
                .containsExactly(
                        tuple(3L, "note", "is longer than max_field_length 4096 characters"),
                        tuple(3L + breaks + 1, "phone_number",
                                "must be E.164: '+' then digits only, without dashes, brackets or other characters"));
        assertThat(result.summary().errors().get(0).value()).hasSize(101);
        assertThat(file.bytesRead()).isEqualTo(file.length());
    }

    @Test
    void aRowWithFieldsFarPastMaxColumnsIsRejectedAndTheRestGoesOn() {
        ImportLimits limits = new ImportLimits(1_000_000, 100, 3, 100);
        String csv = "phone_number,a\n+14155552671," + "\"x\ny\",".repeat(1000) + "z\n+14155552672,ok\n";

        ImportResult result = importBytes(csv.getBytes(StandardCharsets.UTF_8), limits, 10);

        assertThat(contacts()).extracting(ImportedContact::phoneNumber).containsExactly("+14155552672");
        assertThat(result.summary().errors()).containsExactly(
                new ImportError(2, null, null, "expected 2 fields, found more than 3"));
        assertThat(result.summary().rows()).isEqualTo(2);
    }

    @Test
    void aHeaderNameOverMaxFieldLengthRejectsTheFile() {
        assertRejected(() -> importBytes(("phone_number," + "n".repeat(30) + "\n").getBytes(StandardCharsets.UTF_8),
                new ImportLimits(10_000, 10, 3, 20), 10), "column 2", "max_field_length 20");
    }

    @Test
    void bytesThatAreNotUtf8RejectTheFileNamingTheirLine() {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes("phone_number,name\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 2000; i++) {
            csv.writeBytes(("+1415555" + (1000 + i) + ",Name with ünïcödé " + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
        csv.writeBytes("+14155550000,Caf".getBytes(StandardCharsets.UTF_8));
        csv.write(0xE9);
        csv.writeBytes("\n".getBytes(StandardCharsets.UTF_8));

        assertRejected(() -> importBytes(csv.toByteArray(), DEFAULTS, 100), "not valid UTF-8", "line 2002");
    }

    @Test
    void aTruncatedMultiByteCharacterAtTheEndIsNotUtf8() {
        byte[] csv = {'p', 'h', 'o', 'n', 'e', '_', 'n', 'u', 'm', 'b', 'e', 'r', '\n', '+', '1', (byte) 0xC3};

        assertRejected(() -> importBytes(csv, DEFAULTS, 10), "not valid UTF-8", "line 2");
    }

    @Test
    void phoneNumbersNotInE164FormOrNotValidAreRejectedWithTheirReason() {
        ImportResult result = importText("phone_number\n"
                + "+1 415 555 2671\n"
                + "14155552671\n"
                + "+1415555267\n"
                + "+999123\n"
                + "+15550100\n"
                + "+1-415-555-2671\n"
                + "(415) 555-2671\n"
                + "+114155552671\n");

        assertThat(contacts()).isEmpty();
        assertThat(result.summary().errors()).extracting(ImportError::line, ImportError::value, ImportError::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, "+1 415 555 2671", "must be E.164: '+' then digits, without spaces"),
                        org.assertj.core.groups.Tuple.tuple(3L, "14155552671",
                                "must start with '+' and the country calling code (E.164, e.g. +14155552671)"),
                        org.assertj.core.groups.Tuple.tuple(4L, "+1415555267", "is not a valid phone number"),
                        org.assertj.core.groups.Tuple.tuple(5L, "+999123", "is not a valid phone number"),
                        org.assertj.core.groups.Tuple.tuple(6L, "+15550100", "is not a valid phone number"),
                        org.assertj.core.groups.Tuple.tuple(7L, "+1-415-555-2671",
                                "must be E.164: '+' then digits only, without dashes, brackets or other characters"),
                        org.assertj.core.groups.Tuple.tuple(8L, "(415) 555-2671",
                                "must be E.164: '+' then digits, without spaces"),
                        org.assertj.core.groups.Tuple.tuple(9L, "+114155552671",
                                "has a national prefix after the country calling code; in E.164 it is +14155552671"));
        assertThat(result.summary().errors()).allSatisfy(e -> assertThat(e.column()).isEqualTo("phone_number"));
        assertThat(result.summary().rejected()).isEqualTo(8);
    }

    @Test
    void theSameNumberTwiceIsADuplicateAndOnlyTheFirstIsKept() {
        ImportResult result = importText("phone_number,name\n+14155552671,first\n+14155552672,other\n"
                + " +14155552671 ,second\n");

        assertThat(contacts()).containsExactly(
                new ImportedContact(1, "+14155552671", List.of("first")),
                new ImportedContact(2, "+14155552672", List.of("other")));
        assertThat(result.summary()).isEqualTo(new ImportSummary(3, 2, 0, 1,
                List.of(new ImportError(4, "phone_number", "+14155552671", "duplicate of an earlier row"))));
    }

    @Test
    void everyOtherColumnReachesTheValuesInFileOrder() {
        ImportResult result = importText("first,phone_number,last,  notes  \n"
                + "Ada, +14155552671 ,Lovelace,\" spaced \"\n"
                + "Bob,+442079460018,,\n");

        assertThat(result.columns()).containsExactly("first", "last", "notes");
        assertThat(contacts()).containsExactly(
                new ImportedContact(1, "+14155552671", List.of("Ada", "Lovelace", " spaced ")),
                new ImportedContact(2, "+442079460018", List.of("Bob", "", "")));
    }

    @Test
    void blankLinesAreSkippedAndNotCounted() {
        ImportResult result = importText("\nphone_number,name\n\n+14155552671,a\n   \n\n+1415,b\n");

        assertThat(result.summary().rows()).isEqualTo(2);
        assertThat(result.summary().errors()).extracting(ImportError::line).containsExactly(7L);
    }

    @Test
    void contactsGoToTheSinkInBatchesNumberedFromOne() {
        StringBuilder csv = new StringBuilder("phone_number\n");
        for (int i = 0; i < 5; i++) {
            csv.append("+1415555267").append(i).append('\n');
        }

        importBytes(csv.toString().getBytes(StandardCharsets.UTF_8), DEFAULTS, 2);

        assertThat(batches).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(contacts()).extracting(ImportedContact::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void onlyTheFirstHundredErrorsAreKeptButAllAreCounted() {
        StringBuilder csv = new StringBuilder("phone_number\n");
        for (int i = 0; i < 150; i++) {
            csv.append("bad").append(i).append('\n');
        }
        csv.append("+14155552671\n");

        ImportResult result = importText(csv.toString());

        assertThat(result.summary().rows()).isEqualTo(151);
        assertThat(result.summary().rejected()).isEqualTo(150);
        assertThat(result.summary().errors()).hasSize(ImportSummary.MAX_ERRORS);
        assertThat(result.summary().errors().get(99).line()).isEqualTo(101);
    }

    @Test
    void aLongRejectedValueIsCutInTheReport() {
        String longValue = "x".repeat(500);

        ImportResult result = importText("phone_number\n" + longValue + "\n");

        assertThat(result.summary().errors().get(0).value()).hasSizeLessThanOrEqualTo(101).startsWith("xxxx");
    }

    @Test
    void aFileOverMaxFileBytesIsRejectedWhole() {
        String csv = "phone_number\n+14155552671\n+14155552672\n";
        int size = csv.getBytes(StandardCharsets.UTF_8).length;

        assertRejected(() -> importBytes(csv.getBytes(StandardCharsets.UTF_8),
                new ImportLimits(size - 1, 100, 10, 100), 10), "max_file_bytes " + (size - 1));
        assertThat(importBytes(csv.getBytes(StandardCharsets.UTF_8), new ImportLimits(size, 100, 10, 100), 10)
                .summary().accepted()).isEqualTo(2);
    }

    @Test
    void aFileOverMaxRowsIsRejectedWhole() {
        String csv = "phone_number\n+14155552671\n\n+14155552672\n+14155552673\n";

        assertRejected(() -> importBytes(csv.getBytes(StandardCharsets.UTF_8), new ImportLimits(10_000, 2, 10, 100), 10),
                "max_rows 2");
        assertThat(importBytes(csv.getBytes(StandardCharsets.UTF_8), new ImportLimits(10_000, 3, 10, 100), 10)
                .summary().rows()).isEqualTo(3);
    }

    @Test
    void aFileOverMaxColumnsIsRejectedWhole() {
        assertRejected(() -> importBytes("phone_number,a,b,c\n".getBytes(StandardCharsets.UTF_8),
                new ImportLimits(10_000, 10, 3, 100), 10), "more than max_columns 3 columns");
    }

    @Test
    void aMissingFileIsNotFound() {
        assertThatThrownBy(() -> new ContactImporter(new BytesFileStore(), KEY, DEFAULTS).drainTo(batch -> { }))
                .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aStoreFailingWhileTheFileStreamsIsFilesUnavailableNotABadFile() {
        FileStore failing = new BytesFileStore() {
            @Override
            public InputStream open(String key) {
                return new InputStream() {
                    private final byte[] start = "phone_number\n+14155552671\n".getBytes(StandardCharsets.UTF_8);
                    private int at;

                    @Override
                    public int read() throws IOException {
                        if (at < start.length) {
                            return start[at++];
                        }
                        throw new IOException("connection reset");
                    }
                };
            }
        };

        assertThatThrownBy(() -> new ContactImporter(failing, KEY, DEFAULTS).drainTo(batch -> { }))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FILES_UNAVAILABLE);
                    assertThat(e.getMessage()).contains(KEY).contains("connection reset");
                });
    }

    @Test
    void validNumbersAreAcceptedAsWritten() {
        importText("phone_number\n+14155552671\n+14155552672\n+442079460018\n+390612345678\n");

        assertThat(contacts()).extracting(ImportedContact::phoneNumber)
                .containsExactly("+14155552671", "+14155552672", "+442079460018", "+390612345678");
    }

}
