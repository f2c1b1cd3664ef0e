package io.outbound.campaign.internal.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.ImportError;
import io.outbound.campaign.ImportLimits;
import io.outbound.campaign.ImportSummary;
import io.outbound.campaign.PhoneNumbers;
import io.outbound.campaign.spi.ContactSource.ImportResult;
import io.outbound.campaign.spi.FileStore;
import io.outbound.campaign.spi.ImportedContact;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Whatever a contacts file holds, an import gives a summary or {@code CONTACTS_REJECTED}, never another exception,
 * and what it accepts keeps every limit; a field however long is streamed past and rejects only its row.
 */
class ContactImporterFuzzTest {

    private static final String KEY = "fuzz.csv";

    @Property(tries = 1500)
    void anyFileGivesASummaryOrARejectionAndWhatIsAcceptedKeepsTheLimits(@ForAll("files") byte[] content,
            @ForAll("limits") ImportLimits limits) {
        List<ImportedContact> contacts = new ArrayList<>();
        ImportResult result;
        try {
            result = new ContactImporter(new BytesFileStore().with(KEY, content), KEY, limits, 3)
                    .drainTo(contacts::addAll);
        } catch (CampaignException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.CONTACTS_REJECTED);
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(600);
            return;
        }
        ImportSummary summary = result.summary();
        assertThat(summary.accepted() + summary.rejected() + summary.duplicates()).isEqualTo(summary.rows());
        assertThat(summary.rows()).isLessThanOrEqualTo(limits.maxRows());
        assertThat(summary.accepted()).isEqualTo(contacts.size());
        assertThat(summary.errors()).hasSizeLessThanOrEqualTo(ImportSummary.MAX_ERRORS);
        assertThat(summary.errors()).allSatisfy(error -> {
            assertThat(error.line()).isGreaterThanOrEqualTo(2);
            if (error.value() != null) {
                assertThat(error.value().length()).isLessThanOrEqualTo(101);
            }
        });
        assertThat(summary.errors()).extracting(ImportError::line).isSorted();
        assertThat(result.columns()).hasSizeLessThan(limits.maxColumns());
        assertThat(contacts).allSatisfy(contact -> {
            assertThat(PhoneNumbers.isValidE164(contact.phoneNumber())).isTrue();
            assertThat(contact.values()).hasSameSizeAs(result.columns());
            assertThat(contact.values()).allSatisfy(v -> assertThat(v.length()).isLessThanOrEqualTo(
                    limits.maxFieldLength()));
        });
    }

    /**
     * A quoted field of up to millions of characters (line breaks, doubled quotes, commas), made on the fly and
     * never held by the test, streams past: its row is rejected, the rows around it are read, the line after it
     * keeps its number, and the whole file was read.
     */
    @Property(tries = 25)
    void aQuotedFieldOfAnyLengthStreamsPastAndRejectsOnlyItsRow(@ForAll("fieldPatterns") String pattern,
            @ForAll @LongRange(min = 1, max = 400_000) long times, @ForAll @IntRange(min = 12, max = 5000) int limit) {
        long breaks = times * pattern.chars().filter(c -> c == '\n').count();
        long length = times * pattern.replace("\"\"", "\"").length();
        GeneratedCsv file = new GeneratedCsv("phone_number,note\n+14155552671,first\n+14155552672,\"", pattern,
                times, "\"\nnot-a-number,x\n+14155552673,last\n");
        FileStore files = new BytesFileStore() {
            @Override
            public InputStream open(String key) {
                return file;
            }
        };
        List<ImportedContact> contacts = new ArrayList<>();

        ImportResult result = new ContactImporter(files, KEY, new ImportLimits(1L << 40, 100, 10, limit))
                .drainTo(contacts::addAll);

        assertThat(contacts).allSatisfy(c -> assertThat(c.values().get(0).length()).isLessThanOrEqualTo(limit));
        List<ImportError> errors = result.summary().errors();
        if (length > limit) {
            assertThat(contacts).extracting(ImportedContact::phoneNumber)
                    .containsExactly("+14155552671", "+14155552673");
            assertThat(errors).extracting(ImportError::line, ImportError::column)
                    .containsExactly(tuple(3L, "note"), tuple(3L + breaks + 1, "phone_number"));
        } else {
            assertThat(contacts).extracting(ImportedContact::phoneNumber)
                    .containsExactly("+14155552671", "+14155552672", "+14155552673");
            assertThat(contacts.get(1).values().get(0)).hasSize((int) length);
            assertThat(errors).extracting(ImportError::line).containsExactly(3L + breaks + 1);
        }
        assertThat(file.bytesRead()).isEqualTo(file.length());
    }

    @Provide
    Arbitrary<String> fieldPatterns() {
        return Arbitraries.of("\n", "\r\n", "x", "\"\"", ",", "ab\ncd", "\"\"\r\n,", "é\n");
    }

    @Provide
    Arbitrary<ImportLimits> limits() {
        return Combinators.combine(Arbitraries.longs().between(1, 3000), Arbitraries.longs().between(1, 30),
                        Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1, 40))
                .as(ImportLimits::new);
    }

    /** Mostly CSV-like text made of the pieces that matter, sometimes with bytes that are not UTF-8. */
    @Provide
    Arbitrary<byte[]> files() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("phone_number", "Phone_Number ", "name", ",", ",", "\"", "\"\"", "\n", "\r\n", "\r",
                        " ", "\uFEFF", "+14155552671", "+14155552672", "+442079460018", "+1415555267", "14155552671",
                        "+1 415 555 2671", "é", "名", "😀", "=1+2", "x"),
                Arbitraries.strings().ofMaxLength(4));
        Arbitrary<byte[]> text = piece.list().ofMaxSize(80)
                .map(pieces -> String.join("", pieces).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> header = text.map(rest -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes("phone_number,name\n".getBytes(StandardCharsets.UTF_8));
            bytes.writeBytes(rest);
            return bytes.toByteArray();
        });
        Arbitrary<byte[]> notUtf8 = Combinators.combine(text, Arbitraries.bytes().array(byte[].class).ofMaxSize(4))
                .as((good, bad) -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    bytes.writeBytes(good);
                    bytes.writeBytes(bad);
                    return bytes.toByteArray();
                });
        return Arbitraries.frequencyOf(Tuple.of(4, header), Tuple.of(2, text), Tuple.of(1, notUtf8),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)));
    }
}
