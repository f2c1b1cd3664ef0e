package io.outbound.campaign.internal.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class BoundedFieldReaderTest {

    private static final int LIMIT = 4096;
    private static final long BREAKS = 16L << 20;

    @Test
    void aHugeQuotedFieldIsCutAfterReadingLittleMoreThanTheLimitAndTheRestStreamsPastUnheld() throws IOException {
        // 16 Mi line breaks inside one quoted field, made on the fly.
        GeneratedCsv file = new GeneratedCsv("phone_number,note\n+14155552671,\"", "\n", BREAKS,
                "\"\n+14155552672,after\n");
        BoundedFieldReader reader = new BoundedFieldReader(new Utf8LineReader(file), LIMIT, 100);

        String head = readChars(reader, "phone_number,note\n+14155552671,\"".length() + LIMIT + 1);

        assertThat(head).endsWith("\n".repeat(LIMIT + 1));
        assertThat(file.bytesRead()).as("bytes read when the field was cut")
                .isLessThanOrEqualTo(LIMIT + 2 * 8192L + 64);
        StringBuilder rest = new StringBuilder();
        for (int c = reader.read(); c >= 0; c = reader.read()) {
            rest.append((char) c);
        }
        assertThat(rest).hasToString("\"\n+14155552672,after\n");
        assertThat(file.bytesRead()).isEqualTo(file.length());
        // The parser counts the header's line break, the LIMIT + 1 handed on and the one ending the record; the
        // file has all of the field's.
        assertThat(reader.fileLines(LIMIT + 2)).isEqualTo(LIMIT + 2);
        assertThat(reader.fileLines(LIMIT + 3)).as("lines up to the end of the field's record")
                .isEqualTo(1 + BREAKS + 1);
    }

    /**
     * However long a quoted field, the reader hands on at most the limit and one more of its characters (two for
     * each doubled quote), and has read little more than that many bytes of the file when it hands on the last of
     * them: what is past the limit is never held, only read past.
     */
    @Property(tries = 40)
    void aFieldIsCutAfterReadingAboutTheLimitWhateverItsLength(@ForAll("fieldPatterns") String pattern,
            @ForAll @LongRange(min = 1, max = 200_000) long times, @ForAll @IntRange(min = 1, max = 20_000) int limit)
            throws IOException {
        // The field opens the file, so that no other field is cut.
        String head = "\"";
        GeneratedCsv file = new GeneratedCsv(head, pattern, times, "\"\n");
        BoundedFieldReader reader = new BoundedFieldReader(new Utf8LineReader(file), limit, 10);
        StringBuilder delivered = new StringBuilder();
        List<Long> bytesReadAt = new ArrayList<>();

        for (int c = reader.read(); c >= 0; c = reader.read()) {
            delivered.append((char) c);
            bytesReadAt.add(file.bytesRead());
        }

        int fieldEnd = delivered.length() - "\"\n".length();
        String field = delivered.substring(head.length(), fieldEnd);
        assertThat(field.replace("\"\"", "\"").length()).isLessThanOrEqualTo(limit + 1);
        long bytesWhenCut = fieldEnd == head.length() ? 0 : bytesReadAt.get(fieldEnd - 1);
        long maxBytesPerChar = 2;
        assertThat(bytesWhenCut).as("bytes read when the last character of the field was handed on")
                .isLessThanOrEqualTo(head.length() + maxBytesPerChar * 2 * (limit + 1L) + 2 * 8192L + 16);
        assertThat(file.bytesRead()).isEqualTo(file.length());
    }

    @Provide
    Arbitrary<String> fieldPatterns() {
        return Arbitraries.of("\n", "\r\n", "x", "\"\"", ",", "ab\ncd", "\"\"\r\n,", "é\n");
    }

    @Test
    void aQuoteNeverClosedInADroppedFieldIsReportedWithTheLineItOpenedOn() {
        BoundedFieldReader reader = new BoundedFieldReader(new StringReader("a,b\n\nx,y,\"z\nw"), 10, 1);

        assertThatThrownBy(() -> readChars(reader, 100)).isInstanceOf(ContactFileProblem.class)
                .hasMessage("contacts file has a quoted field opened on line 3 that is never closed");
    }

    @Test
    void aCharacterAfterTheClosingQuoteOfADroppedFieldRejectsTheFile() {
        BoundedFieldReader reader = new BoundedFieldReader(new StringReader("a,b\nx,y,\"z\"w\n"), 10, 1);

        assertThatThrownBy(() -> readChars(reader, 100)).isInstanceOf(ContactFileProblem.class)
                .hasMessageContaining("after a closing quote on line 2");
    }

    /**
     * Whatever the text, the parser reads through the reader what it reads without it, each field cut one
     * character past the limit and each record one field past the column limit, with the same line numbers; or
     * both refuse the text.
     */
    @Property(tries = 1000)
    void theParserSeesTheFileCutToTheLimitsWithTheFilesLineNumbers(@ForAll("csvText") String text,
            @ForAll @IntRange(min = 1, max = 4) int maxFieldLength, @ForAll @IntRange(min = 1, max = 3) int maxColumns) {
        Parsed whole = parse(new StringReader(text), null);
        BoundedFieldReader bounded = new BoundedFieldReader(new StringReader(text), maxFieldLength, maxColumns);
        Parsed cut = parse(bounded, bounded);

        assertThat(cut.failed()).as("refused with the reader as without").isEqualTo(whole.failed());
        if (!whole.failed()) {
            assertThat(cut.records()).isEqualTo(whole.records().stream()
                    .map(record -> cut(record, maxFieldLength, maxColumns)).toList());
            assertThat(cut.lines()).isEqualTo(whole.lines());
            assertThat(cut.records()).allSatisfy(record -> {
                assertThat(record).hasSizeLessThanOrEqualTo(maxColumns + 1);
                assertThat(record).allSatisfy(field -> assertThat(field).hasSizeLessThanOrEqualTo(maxFieldLength + 1));
            });
        }
    }

    @Provide
    Arbitrary<String> csvText() {
        Arbitrary<String> noise = Arbitraries.strings().withChars('a', 'b', ' ', ',', '"', '\r', '\n')
                .ofMaxLength(40);
        Arbitrary<String> field = Arbitraries.oneOf(
                Arbitraries.strings().withChars('a', 'b', ' ', '"').ofMaxLength(7).filter(s -> !s.startsWith("\"")),
                Arbitraries.strings().withChars('a', ',', '\r', '\n', ' ').withChars('"').ofMaxLength(9)
                        .map(s -> "\"" + s.replace("\"", "\"\"") + "\"" + (s.length() % 3 == 0 ? " " : "")));
        Arbitrary<String> record = field.list().ofMinSize(1).ofMaxSize(6).map(fields -> String.join(",", fields));
        Arbitrary<String> eol = Arbitraries.of("\n", "\r\n", "\r");
        Arbitrary<String> file = record.list().ofMaxSize(6)
                .flatMap(records -> eol.list().ofSize(records.size()).map(ends -> {
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < records.size(); i++) {
                        text.append(records.get(i));
                        if (i < records.size() - 1 || ends.get(i).length() == 2) {
                            text.append(ends.get(i));
                        }
                    }
                    return text.toString();
                }));
        return Arbitraries.frequencyOf(Tuple.of(3, file), Tuple.of(1, noise));
    }

    private record Parsed(List<List<String>> records, List<Long> lines, boolean failed) {
    }

    private static Parsed parse(Reader reader, BoundedFieldReader lines) {
        List<List<String>> records = new ArrayList<>();
        List<Long> lineNumbers = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(reader, ContactImporter.FORMAT)) {
            for (CSVRecord record : parser) {
                records.add(record.toList());
                long line = parser.getCurrentLineNumber();
                lineNumbers.add(lines == null ? line : lines.fileLines(line));
            }
            return new Parsed(records, lineNumbers, false);
        } catch (IOException | UncheckedIOException e) {
            return new Parsed(records, lineNumbers, true);
        }
    }

    private static List<String> cut(List<String> record, int maxFieldLength, int maxColumns) {
        return record.stream().limit(maxColumns + 1L)
                .map(field -> field.length() > maxFieldLength + 1 ? field.substring(0, maxFieldLength + 1) : field)
                .toList();
    }

    private static String readChars(Reader reader, int count) throws IOException {
        char[] chars = new char[count];
        int read = 0;
        while (read < count) {
            int n = reader.read(chars, read, count - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return new String(chars, 0, read);
    }
}
