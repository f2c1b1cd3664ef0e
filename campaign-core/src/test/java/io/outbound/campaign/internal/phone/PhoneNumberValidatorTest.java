package io.outbound.campaign.internal.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PhoneNumberValidatorTest {

    private static final PhoneNumberUtil LIBPHONENUMBER = PhoneNumberUtil.getInstance();
    private static final PhoneNumberValidator VALIDATOR = PhoneNumberValidator.shared();
    private static final List<Integer> CALLING_CODES = new ArrayList<>(new TreeSet<>(LIBPHONENUMBER.getSupportedCallingCodes()));
    private static final List<String> EXAMPLES = exampleNumbers();

    /** libphonenumber's own verdict, as E.164, or null when it finds the number invalid. */
    private static String libphonenumberE164(String number) {
        try {
            PhoneNumber parsed = LIBPHONENUMBER.parse(number, "ZZ");
            return LIBPHONENUMBER.isValidNumber(parsed) ? LIBPHONENUMBER.format(parsed, PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static List<String> exampleNumbers() {
        List<String> examples = new ArrayList<>();
        for (String region : new TreeSet<>(LIBPHONENUMBER.getSupportedRegions())) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                PhoneNumber example = LIBPHONENUMBER.getExampleNumberForType(region, type);
                if (example != null) {
                    examples.add(LIBPHONENUMBER.format(example, PhoneNumberFormat.E164));
                }
            }
        }
        for (int code : new TreeSet<>(LIBPHONENUMBER.getSupportedGlobalNetworkCallingCodes())) {
            PhoneNumber example = LIBPHONENUMBER.getExampleNumberForNonGeoEntity(code);
            if (example != null) {
                examples.add(LIBPHONENUMBER.format(example, PhoneNumberFormat.E164));
            }
        }
        return examples;
    }

    private static void assertSameVerdict(String number) {
        assertThat(VALIDATOR.toE164(number)).as("verdict on %s", number).isEqualTo(libphonenumberE164(number));
    }

    @Example
    void everyExampleNumberOfEveryRegionAndKindIsValidAsLibphonenumberSays() {
        assertThat(EXAMPLES).hasSizeGreaterThan(1000);
        for (String example : EXAMPLES) {
            assertThat(VALIDATOR.toE164(example)).as(example).isEqualTo(example);
            assertSameVerdict(example);
        }
    }

    @Property(tries = 4_000)
    void randomDigitsAfterAnyCallingCodeAreJudgedAsLibphonenumberJudgesThem(
            @ForAll("callingCodes") int code, @ForAll("digits") String digits) {
        assertSameVerdict("+" + code + digits);
    }

    @Property(tries = 4_000)
    void exampleNumbersWithASmallChangeAreJudgedAsLibphonenumberJudgesThem(@ForAll("mutatedExamples") String number) {
        assertSameVerdict(number);
    }

    @Property(tries = 1_000)
    void anyPlusAndDigitsAreJudgedAsLibphonenumberJudgesThem(@ForAll("anyDigits") String digits) {
        assertSameVerdict("+" + digits);
    }

    @Example
    void sixtyThousandSeededRandomNumbersAreJudgedAsLibphonenumberJudgesThem() {
        java.util.Random random = new java.util.Random(20_240_611);
        for (int i = 0; i < 60_000; i++) {
            String number;
            if (i % 2 == 0) {
                int code = CALLING_CODES.get(random.nextInt(CALLING_CODES.size()));
                number = "+" + code + randomDigits(random, random.nextInt(16));
            } else {
                String example = EXAMPLES.get(random.nextInt(EXAMPLES.size()));
                number = mutate(example, random.nextInt(6), random.nextInt(1000), random.nextInt(10));
            }
            assertSameVerdict(number);
        }
    }

    private static String randomDigits(java.util.Random random, int length) {
        StringBuilder digits = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    @Example
    void aNationalPrefixWrittenAfterTheCallingCodeIsStrippedAsLibphonenumberDoes() {
        for (String number : List.of("+4402079460018", "+44020794600", "+114155552671", "+390612345678",
                "+3903123456789", "+5501511987654321", "+5509011987654321", "+7890123456789", "+8210123456789",
                "+61061234567", "+5490111512345678", "+54911512345678", "+52114155552671", "+4930123456")) {
            assertSameVerdict(number);
        }
        assertThat(VALIDATOR.toE164("+4402079460018")).isEqualTo(libphonenumberE164("+4402079460018"));
    }

    @Example
    void numbersSharingACallingCodeGoToTheRegionLibphonenumberPicks() {
        // +1 (NANPA), +7 (RU/KZ), +44 (GB/GG/JE/IM), +599 (CW/BQ), +262 (RE/YT), +590 (GP/BL/MF).
        for (String number : List.of("+14155552671", "+12042345678", "+18092345678", "+16465550100",
                "+77012345678", "+74951234567", "+447911123456", "+441481256789", "+441534456789", "+447624123456",
                "+59995181234", "+5997151234", "+262269612345", "+262692123456", "+590590271234")) {
            assertSameVerdict(number);
        }
    }

    @Example
    void textThatIsNotPlusAndDigitsIsNeverValid() {
        for (String text : List.of("+1 415 555 2671", "14155552671", "+1-415-555-2671", "+1(415)5552671",
                "+", "", " +14155552671", "+14155552671 ", "+١٤١٥٥٥٥٢٦٧١", "++14155552671", "+1415555267a")) {
            assertThat(VALIDATOR.isValid(text)).as("'%s'", text).isFalse();
        }
        assertThat(VALIDATOR.isValid(null)).isFalse();
    }

    @Example
    void theImportersExamplesGetLibphonenumbersVerdict() {
        for (String number : List.of("+1415555267", "+999123", "+15550100", "+14155552671", "+14155552672",
                "+1", "+12", "+123", "+0123456789", "+4", "+44", "+447")) {
            assertSameVerdict(number);
        }
        assertThat(VALIDATOR.isValid("+14155552671")).isTrue();
        assertThat(VALIDATOR.isValid("+14155552672")).isTrue();
        assertThat(VALIDATOR.isValid("+1415555267")).isFalse();
        assertThat(VALIDATOR.isValid("+999123")).isFalse();
        assertThat(VALIDATOR.isValid("+15550100")).isFalse();
    }

    @Example
    void everyValidNumberFitsNineteenDigitsSoThatDuplicatesCanBeKeptAsLongs() {
        for (String example : EXAMPLES) {
            assertThat(example.length() - 1).isLessThanOrEqualTo(PhoneNumberSet.MAX_DIGITS);
        }
        for (int code : CALLING_CODES) {
            String longest = "+" + code + "9".repeat(PhoneNumberSet.MAX_DIGITS + 1 - Integer.toString(code).length());
            assertThat(VALIDATOR.isValid(longest)).as(longest).isFalse();
            assertThat(libphonenumberE164(longest)).as(longest).isNull();
        }
    }

    @Provide
    Arbitrary<Integer> callingCodes() {
        return Arbitraries.of(CALLING_CODES);
    }

    @Provide
    Arbitrary<String> digits() {
        return Arbitraries.strings().withCharRange('0', '9').ofMinLength(0).ofMaxLength(18);
    }

    @Provide
    Arbitrary<String> anyDigits() {
        return Arbitraries.strings().withCharRange('0', '9').ofMinLength(0).ofMaxLength(22);
    }

    @Provide
    Arbitrary<String> mutatedExamples() {
        Arbitrary<String> example = Arbitraries.of(EXAMPLES);
        Arbitrary<Integer> digit = Arbitraries.integers().between(0, 9);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 1000);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 5);
        return Combinators.combine(example, kind, position, digit).as(PhoneNumberValidatorTest::mutate);
    }

    private static String mutate(String example, int kind, int position, int digit) {
        String digits = example.substring(1);
        char d = (char) ('0' + digit);
        int at = 1 + position % Math.max(1, digits.length() - 1);
        String mutated = switch (kind) {
            case 0 -> digits.substring(0, digits.length() - 1) + d;
            case 1 -> digits.substring(0, digits.length() - 1);
            case 2 -> digits + d;
            case 3 -> digits.substring(0, at) + d + digits.substring(Math.min(digits.length(), at + 1));
            case 4 -> digits.substring(0, at) + d + digits.substring(at);
            default -> digits.substring(0, Math.min(digits.length(), at)) + (digit % 2 == 0 ? "0" : "1")
                    + digits.substring(Math.min(digits.length(), at));
        };
        return "+" + mutated;
    }
}
