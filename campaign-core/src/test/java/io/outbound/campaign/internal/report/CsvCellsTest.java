package io.outbound.campaign.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvCellsTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "=1+2|'=1+2", "+1|'+1", "-1|'-1", "@SUM(A1)|'@SUM(A1)",
            "` =1+2`|`' =1+2`", "`\t=1+2`|`'\t=1+2`", "`\r=1+2`|`'\r=1+2`", "`\n=1+2`|`'\n=1+2`",
            "`\u00A0\u3000+1`|`'\u00A0\u3000+1`", "`\u0000=1`|`'\u0000=1`",
            "`\t`|`'\t`", "`\rplain`|`'\rplain`", "`   `|`   `",
            "plain|plain", "a=b|a=b", "` x=1`|` x=1`", "'=1|'=1", "{\"a\":1}|{\"a\":1}"})
    void aCellIsNeutralisedWhenItsFirstCharacterOtherThanWhitespaceCouldStartAFormula(String cell, String safe) {
        assertThat(CsvCells.text(cell)).isEqualTo(safe);
    }

    @Property
    void noNeutralisedCellStartsAFormulaAfterWhitespaceAndOnlyAnApostropheIsEverAdded(
            @ForAll @StringLength(max = 12) @Chars({' ', '\t', '\r', '\n', '\u00A0', '=', '+', '-', '@', ';', ',', '\''})
            @CharRange(from = 'a', to = 'c') String cell) {
        String safe = CsvCells.text(cell);

        assertThat(safe.equals(cell) || safe.equals("'" + cell)).isTrue();
        String afterWhitespace = safe.replaceFirst("^[\\s\\u00A0\\x00-\\x20]+", "");
        assertThat(afterWhitespace).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
                .doesNotStartWith("@");
        assertThat(safe).doesNotStartWith("\t").doesNotStartWith("\r");
    }

    @Property
    void aCellIsQuotedInTheReportWhenItHoldsAFieldSeparatorOfAnyLocale(
            @ForAll @StringLength(max = 8) @Chars({';', ',', '\t', 'x', '='}) String cell) {
        boolean separator = cell.contains(";") || cell.contains(",") || cell.contains("\t");

        assertThat(CsvCells.alwaysQuoted(cell)).isEqualTo(separator);
    }
}
