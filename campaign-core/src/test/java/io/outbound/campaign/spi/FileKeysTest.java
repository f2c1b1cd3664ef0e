package io.outbound.campaign.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** Which keys a file store takes: a documented alphabet, and nothing that does harm in a path, URL or header. */
class FileKeysTest {

    @Example
    void theHeaderInjectionKeyOfIssue17IsRefusedNamingTheField() {
        String key = "evil\u010ASet-Cookie: pwn=1\u010A\u010A<html>owned</html>.csv";

        CampaignException error = catchThrowableOfType(CampaignException.class,
                () -> FileKeys.validate("contacts_file_key", key));

        assertThat(error).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(error.fieldErrors()).extracting(FieldError::field).containsExactly("contacts_file_key");
        assertThat(error.fieldErrors().get(0).message()).contains("':' (U+003A)").contains("character 16");
    }

    @Example
    void everyAsciiCharacterOutsideTheAlphabetIsRefusedAndNamed() {
        for (char c : "\"*:<>?|`".toCharArray()) {
            assertThat(FileKeys.problem("ab" + c + "c.csv")).as("key with %s", c)
                    .contains("'" + c + "'");
        }
        assertThat(FileKeys.problem("a\\b")).isNotNull();
    }

    @Example
    void invisibleAndLineBreakingCharactersAreRefusedByCodePoint() {
        List<String> refused = List.of(
                "\n", "\r", "\t", "\u0000", "\u007F", "\u0085",    // controls, NEL
                "\u202E", "\u200B", "\uFEFF", "\u2066",            // bidi override, zero width, BOM, isolate
                "\u2028", "\u2029",                                // line and paragraph separators
                "\u00A0", "\u3000", "\u2003",                      // white space other than the space
                "\uE000", "\u0378",                                // private use, unassigned
                "\uD800", "\uDC00");                               // unpaired surrogates
        for (String c : refused) {
            String problem = FileKeys.problem("report" + c + ".csv");
            assertThat(problem).as("U+%04X", (int) c.charAt(0))
                    .isNotNull().contains(String.format("U+%04X", (int) c.charAt(0))).contains("character 7");
        }
    }

    @Example
    void lettersMarksDigitsPunctuationAndSymbolsOfAnyScriptAreKeys() {
        List<String> keys = List.of(
                "campaigns/abc123/contacts.csv",
                "contacts with spaces.csv",
                "campaigns/ünïcödé dir/contacts 2024.csv",
                "日本/連絡先 ☎.csv",
                "odd chars/100% of #1 & more!.csv",
                "(draft) [v2] {final}; a=b @home ~x^y_z+w,'q'$.csv",
                "emoji 📞/نموذج/קובץ/файл.csv",
                "Ċ is a letter.csv");
        for (String key : keys) {
            assertThat(FileKeys.problem(key)).as(key).isNull();
        }
    }

    @Example
    void pathRulesStillHold() {
        for (String key : new String[]{"../x", "a/../../b", "/abs", "C:/x", "", "   ", "a//b", "./a", "a/..", null}) {
            assertThat(FileKeys.problem(key)).as("key %s", key).isNotNull();
        }
        String longest = ("x".repeat(204) + "/").repeat(4) + "x".repeat(204);
        assertThat(longest).hasSize(FileKeys.MAX_LENGTH);
        assertThat(FileKeys.problem(longest)).isNull();
        assertThat(FileKeys.problem(longest + "x")).contains("at most");
    }

    /** A file system refuses a longer name (a 503 from the local store before); S3 a longer key in bytes. */
    @Example
    void aSegmentIsAtMost255BytesAndAKeyAtMost1024BytesInUtf8() {
        assertThat(FileKeys.problem("uploads/" + "x".repeat(255) + "/a.csv")).isNull();
        assertThat(FileKeys.problem("uploads/" + "é".repeat(127) + ".csv")).contains("255 bytes", "(one has 258)");
        assertThat(FileKeys.problem("x".repeat(256))).contains("255 bytes");
        String wide = ("連".repeat(80) + "/").repeat(5);
        assertThat(wide.length()).isLessThan(FileKeys.MAX_LENGTH);
        assertThat(FileKeys.problem(wide.substring(0, wide.length() - 1))).contains("1024 bytes in UTF-8");
    }

    @Property(tries = 2000)
    void anAcceptedKeyIsValidUnicodeWithNoControlFormatOrBreakingCharacter(
            @ForAll @StringLength(min = 1, max = 12) String key) {
        if (FileKeys.problem(key) != null) {
            return;
        }
        assertThat(new String(key.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(key);
        key.codePoints().forEach(c -> {
            assertThat(Character.isISOControl(c)).as("U+%04X", c).isFalse();
            assertThat(c == ' ' || !Character.isWhitespace(c) && !Character.isSpaceChar(c)).as("U+%04X", c).isTrue();
            assertThat(Character.getType(c)).as("U+%04X", c)
                    .isNotIn((int) Character.FORMAT, (int) Character.PRIVATE_USE, (int) Character.UNASSIGNED,
                            (int) Character.SURROGATE);
            assertThat("\"*:<>?\\|`").doesNotContain(Character.toString(c));
        });
    }
}
