package io.outbound.campaign.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Free-text report cells: what a spreadsheet would run as a formula is shown as text instead. */
class CsvCellsTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+2", "+44 call back", "-5", "@SUM(A1:A9)", "=", "+", "-", "@"})
    void aCellStartingWithAFormulaCharacterGetsALeadingApostrophe(String value) {
        assertThat(CsvCells.text(value)).isEqualTo("'" + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada Lovelace", "call me at 9", "Zoë"})
    void ordinaryTextIsWrittenAsItIs(String value) {
        assertThat(CsvCells.text(value)).isEqualTo(value);
    }

    @Test
    void aMissingValueIsAnEmptyCell() {
        assertThat(CsvCells.text(null)).isEmpty();
        assertThat(CsvCells.text("")).isEmpty();
    }
}
