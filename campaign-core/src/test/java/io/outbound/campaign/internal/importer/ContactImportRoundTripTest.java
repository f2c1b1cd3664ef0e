package io.outbound.campaign.internal.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.ImportLimits;
import io.outbound.campaign.ImportSummary;
import io.outbound.campaign.spi.ContactSource.ImportResult;
import io.outbound.campaign.spi.ImportedContact;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

class ContactImportRoundTripTest {

    private static final List<String> VALID = List.of("+14155552671", "+14155552672", "+442079460018",
            "+447911123456", "+390612345678", "+33612345678", "+4915123456789", "+919876543210", "+5511987654321",
            "+61412345678", "+81312345678", "+12025550123");
    private static final List<String> INVALID = List.of("+1415555267", "+999123", "+15550100", "14155552671",
            "+1 415 555 2671", "", "abc", "+44 20 7946 0018", "(415) 555-2671", "+0123456789");

    /** A table as written: column names (phone_number at some position) and rows of fields. */
    record Table(List<String> columns, int phoneIndex, List<List<String>> rows) {
    }

    @Property(tries = 250)
    void everyRowWrittenIsAcceptedRejectedOrADuplicateAndAcceptedValuesReadBackAsWritten(@ForAll("tables") Table table)
            throws IOException {
        StringWriter csv = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.RFC4180)) {
            printer.printRecord(table.columns());
            for (List<String> row : table.rows()) {
                printer.printRecord(row);
            }
        }
        BytesFileStore files = new BytesFileStore().with("t.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        List<ImportedContact> contacts = new ArrayList<>();

        ImportResult result = new ContactImporter(files, "t.csv", ImportLimits.defaults(), 7).drainTo(contacts::addAll);

        ImportSummary summary = result.summary();
        assertThat(summary.rows()).isEqualTo(table.rows().size());
        assertThat(summary.accepted() + summary.rejected() + summary.duplicates()).isEqualTo(table.rows().size());
        List<String> otherColumns = new ArrayList<>(table.columns());
        otherColumns.remove(table.phoneIndex());
        assertThat(result.columns()).isEqualTo(otherColumns);

        List<ImportedContact> expected = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (List<String> row : table.rows()) {
            String number = row.get(table.phoneIndex());
            if (VALID.contains(number) && seen.add(number)) {
                List<String> values = new ArrayList<>(row);
                values.remove(table.phoneIndex());
                expected.add(new ImportedContact(expected.size() + 1, number, values));
            }
        }
        assertThat(contacts).isEqualTo(expected);
        assertThat(summary.accepted()).isEqualTo(expected.size());
    }

    @Provide
    Arbitrary<Table> tables() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').withChars('_', 'é', '名')
                .ofMinLength(1).ofMaxLength(8).map(s -> "c_" + s);
        Arbitrary<List<String>> names = name.set().ofMinSize(0).ofMaxSize(5).map(ArrayList::new);
        return names.flatMap(others -> {
            int width = others.size() + 1;
            Arbitrary<Integer> phoneIndex = Arbitraries.integers().between(0, others.size());
            Arbitrary<List<List<String>>> rows = row(width).list().ofMaxSize(40);
            return Combinators.combine(phoneIndex, rows).as((index, generated) -> {
                List<String> columns = new ArrayList<>(others);
                columns.add(index, "phone_number");
                List<List<String>> placed = new ArrayList<>();
                for (List<String> row : generated) {
                    List<String> fields = new ArrayList<>(row.subList(1, row.size()));
                    fields.add(index, row.get(0));
                    placed.add(fields);
                }
                return new Table(columns, index, placed);
            });
        });
    }

    /** A row's phone number first, then its other fields. */
    private Arbitrary<List<String>> row(int width) {
        Arbitrary<String> number = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(VALID)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(INVALID)));
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abc ,\"\n\r;'é名☎\t").ofMaxLength(12),
                Arbitraries.strings().alpha().ofMaxLength(6),
                Arbitraries.just(""));
        Arbitrary<List<String>> values = value.list().ofSize(width - 1);
        return Combinators.combine(number, values).as((n, v) -> {
            List<String> row = new ArrayList<>();
            row.add(n);
            row.addAll(v);
            return row;
        }).filter(ContactImportRoundTripTest::isNotABlankLine);
    }

    /** A row of one empty or blank field is written as a blank line, which the importer skips by design. */
    private static boolean isNotABlankLine(List<String> row) {
        return !(row.size() == 1 && row.get(0).isBlank());
    }
}
