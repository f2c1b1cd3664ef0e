package io.outbound.campaign.internal.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.internal.MatcherApi;
import com.google.i18n.phonenumbers.internal.RegexBasedMatcher;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DigitPatternTest {

    /** A regular expression of the metadata, with the region it belongs to and where it is used. */
    record MetadataPattern(String region, String use, String regex, DigitPattern compiled) {
        @Override
        public String toString() {
            return region + " " + use + ": " + regex;
        }
    }

    /** Metadata patterns matched by java.util.regex on purpose; none so far. */
    private static final Set<String> KNOWN_FALLBACKS = Set.of();

    private static final PhoneNumberUtil LIBPHONENUMBER = PhoneNumberUtil.getInstance();
    /** libphonenumber's own matcher of national number patterns. */
    private static final MatcherApi LIBPHONENUMBER_MATCHER = RegexBasedMatcher.create();
    private static final Map<String, List<String>> EXAMPLES = new HashMap<>();
    private static final List<MetadataPattern> PATTERNS = metadataPatterns();

    private static List<MetadataPattern> metadataPatterns() {
        MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        List<PhoneMetadata> regions = new ArrayList<>();
        for (String region : new TreeSet<>(LIBPHONENUMBER.getSupportedRegions())) {
            regions.add(source.getMetadataForRegion(region));
        }
        for (int code : new TreeSet<>(LIBPHONENUMBER.getSupportedGlobalNetworkCallingCodes())) {
            regions.add(source.getMetadataForNonGeographicalRegion(code));
        }
        List<MetadataPattern> patterns = new ArrayList<>();
        for (PhoneMetadata metadata : regions) {
            String region = metadata.getId() + " +" + metadata.getCountryCode();
            Map<String, PhoneNumberDesc> descs = new TreeMap<>(Map.of("general", metadata.getGeneralDesc(),
                    "fixed line", metadata.getFixedLine(), "mobile", metadata.getMobile(),
                    "toll free", metadata.getTollFree(), "premium rate", metadata.getPremiumRate(),
                    "shared cost", metadata.getSharedCost(), "voip", metadata.getVoip(),
                    "personal number", metadata.getPersonalNumber(), "pager", metadata.getPager(),
                    "uan", metadata.getUan()));
            descs.put("voicemail", metadata.getVoicemail());
            descs.forEach((use, desc) -> add(patterns, region, use, desc.getNationalNumberPattern()));
            add(patterns, region, "leading digits", metadata.getLeadingDigits());
            add(patterns, region, "national prefix for parsing", metadata.getNationalPrefixForParsing());
            EXAMPLES.put(region, List.copyOf(exampleNationalNumbers(metadata)));
        }
        return patterns;
    }

    private static void add(List<MetadataPattern> patterns, String region, String use, String regex) {
        if (!regex.isEmpty()) {
            patterns.add(new MetadataPattern(region, use, regex, DigitPattern.compile(regex)));
        }
    }

    private static Set<String> exampleNationalNumbers(PhoneMetadata metadata) {
        Set<String> examples = new TreeSet<>();
        for (PhoneNumberType type : PhoneNumberType.values()) {
            PhoneNumber example = PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(metadata.getId())
                    ? LIBPHONENUMBER.getExampleNumberForNonGeoEntity(metadata.getCountryCode())
                    : LIBPHONENUMBER.getExampleNumberForType(metadata.getId(), type);
            if (example != null) {
                examples.add(LIBPHONENUMBER.getNationalSignificantNumber(example));
            }
        }
        return examples;
    }

    private static void assertSameAnswersAsJavaRegex(DigitPattern pattern, String text, Object what) {
        Matcher regex = pattern.regex().matcher(text);
        assertThat(pattern.matches(text, 0)).as("%s matches '%s'", what, text).isEqualTo(regex.matches());
        assertThat(pattern.lookingAt(text, 0)).as("%s lookingAt '%s'", what, text).isEqualTo(regex.lookingAt());
        String shifted = "+" + text;
        assertThat(pattern.matches(shifted, 1)).as("%s matches '%s' from 1", what, shifted).isEqualTo(regex.matches());
        assertThat(pattern.lookingAt(shifted, 1)).as("%s lookingAt '%s' from 1", what, shifted)
                .isEqualTo(regex.lookingAt());
    }

    /**
     * The answers libphonenumber itself gives for the source expression: its own matcher compiles it afresh and
     * matches a national number whole ({@code matches}) or by its start ({@code lookingAt}), from the text's start
     * or from index 1 after a {@code +}. Used where the pattern falls back to java.util.regex, for which comparing
     * with {@link DigitPattern#regex()} would compare the pattern with itself.
     */
    private static void assertSameAnswersAsLibphonenumber(DigitPattern pattern, String regex, String text) {
        PhoneNumberDesc desc = new PhoneNumberDesc().setNationalNumberPattern(regex);
        boolean matches = LIBPHONENUMBER_MATCHER.matchNationalNumber(text, desc, false);
        boolean lookingAt = LIBPHONENUMBER_MATCHER.matchNationalNumber(text, desc, true);
        assertThat(pattern.matches(text, 0)).as("%s matches '%s'", regex, text).isEqualTo(matches);
        assertThat(pattern.lookingAt(text, 0)).as("%s lookingAt '%s'", regex, text).isEqualTo(lookingAt);
        String shifted = "+" + text;
        assertThat(pattern.matches(shifted, 1)).as("%s matches '%s' from 1", regex, shifted).isEqualTo(matches);
        assertThat(pattern.lookingAt(shifted, 1)).as("%s lookingAt '%s' from 1", regex, shifted)
                .isEqualTo(lookingAt);
    }

    @Example
    void everyMetadataPatternRunsOnTheDfaUnlessKnowinglyLeftToJavaRegex() {
        assertThat(PATTERNS).hasSizeGreaterThan(1500);
        Map<String, String> fallbacks = new TreeMap<>();
        for (MetadataPattern pattern : PATTERNS) {
            if (!pattern.compiled().usesDfa()) {
                fallbacks.put(pattern.regex(), pattern.compiled().fallbackReason());
            }
        }
        assertThat(fallbacks.keySet()).as("fallbacks and why: %s", fallbacks).isEqualTo(KNOWN_FALLBACKS);
    }

    @Example
    void everyMetadataPatternAnswersAsJavaRegexOnRandomAndMutatedDigitStrings() {
        Random random = new Random(20_240_612);
        for (MetadataPattern pattern : PATTERNS) {
            for (int i = 0; i < 40; i++) {
                assertSameAnswersAsJavaRegex(pattern.compiled(), randomDigits(random, random.nextInt(21)), pattern);
            }
            for (String example : EXAMPLES.get(pattern.region())) {
                for (int length = 0; length <= example.length(); length++) {
                    assertSameAnswersAsJavaRegex(pattern.compiled(), example.substring(0, length), pattern);
                }
                for (int i = 0; i < 10; i++) {
                    String mutated = mutate(example, random.nextInt(6), random.nextInt(100), random.nextInt(10));
                    assertSameAnswersAsJavaRegex(pattern.compiled(), mutated, pattern);
                }
            }
        }
    }

    @Property(tries = 5_000)
    void anyMetadataPatternAnswersAsJavaRegexOnAnyDigitString(@ForAll("patterns") MetadataPattern pattern,
            @ForAll("digitStrings") String text) {
        assertSameAnswersAsJavaRegex(pattern.compiled(), text, pattern);
    }

    @Property(tries = 5_000)
    void anyMetadataPatternAnswersAsJavaRegexOnItsRegionsExamplesChanged(
            @ForAll("patternsWithMutatedExamples") Map.Entry<MetadataPattern, String> patternAndText) {
        assertSameAnswersAsJavaRegex(patternAndText.getKey().compiled(), patternAndText.getValue(),
                patternAndText.getKey());
    }

    @Example
    void everySupportedConstructAnswersAsJavaRegexOnEveryShortString() {
        List<String> regexes = List.of("1", "\\d", "[0-35-9]", "[1\\d]", "12|3", "0|01", "(?:1|2)?3", "(1(2)?)3",
                "\\d{2}", "\\d{2,4}", "1\\d{2,}", "(?:12)*3", "1+2", "(?:1?)*2", "(?:|1)2", "()", "", "1$|2",
                "(1\\d)$|0", "(?:1$)?2", "$", "1$$", "(?:0|12{0,2})+3?");
        List<String> texts = new ArrayList<>();
        texts.add("");
        for (int from = 0; texts.size() < 5_461; from++) {
            for (char digit = '0'; digit <= '3'; digit++) {
                texts.add(texts.get(from) + digit);
            }
        }
        for (String regex : regexes) {
            DigitPattern pattern = DigitPattern.compile(regex);
            assertThat(pattern.usesDfa()).as("%s runs on the DFA", regex).isTrue();
            for (String text : texts) {
                assertSameAnswersAsJavaRegex(pattern, text, regex);
            }
        }
    }

    @Example
    void syntaxOutsideTheSupportedSubsetIsLeftToJavaRegexWithItsAnswers() {
        List<String> regexes = List.of("(\\d)\\1", "1(?=2)", "1(?!2)\\d", ".2", "[^0]1", "\\d+?1", "1*+1", "a|1",
                "\\D|1", "^1", "(?i)1", "[1-3&&[2]]", "1{2}{3}", "\\p{Nd}", "\\x31");
        for (String regex : regexes) {
            DigitPattern pattern = DigitPattern.compile(regex);
            assertThat(pattern.usesDfa()).as("%s runs on the DFA", regex).isFalse();
            assertThat(pattern.fallbackReason()).as(regex).contains("unsupported syntax");
            for (String text : List.of("", "1", "11", "12", "21", "111", "112", "0123")) {
                assertSameAnswersAsLibphonenumber(pattern, regex, text);
            }
        }
    }

    @Example
    void aPatternWhoseDfaWouldBeTooLargeIsLeftToJavaRegexWithItsAnswers() {
        // Remembering which of the last 15 digits were a 1 takes 2^15 states.
        String regex = "\\d*1\\d{14}";
        DigitPattern pattern = DigitPattern.compile(regex);
        assertThat(pattern.usesDfa()).isFalse();
        assertThat(pattern.fallbackReason()).contains("DFA states");
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            assertSameAnswersAsLibphonenumber(pattern, regex, randomDigits(random, 10 + random.nextInt(10)));
        }
    }

    @Example
    void textWithOtherCharactersThanDigitsMatchesOnlyBeforeThem() {
        DigitPattern pattern = DigitPattern.compile("1\\d?");
        for (String text : List.of("1a", "a1", "12 ", "1 2", "１２", "1٢")) {
            assertSameAnswersAsJavaRegex(pattern, text, pattern.regex());
        }
    }

    @Provide
    Arbitrary<MetadataPattern> patterns() {
        return Arbitraries.of(PATTERNS);
    }

    @Provide
    Arbitrary<String> digitStrings() {
        return Arbitraries.strings().withCharRange('0', '9').ofMinLength(0).ofMaxLength(20);
    }

    @Provide
    Arbitrary<Map.Entry<MetadataPattern, String>> patternsWithMutatedExamples() {
        List<MetadataPattern> withExamples = PATTERNS.stream()
                .filter(pattern -> !EXAMPLES.get(pattern.region()).isEmpty()).toList();
        return Arbitraries.of(withExamples).flatMap(pattern -> Combinators.combine(
                        Arbitraries.of(EXAMPLES.get(pattern.region())), Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(0, 100), Arbitraries.integers().between(0, 9))
                .as((example, kind, position, digit) -> Map.entry(pattern, mutate(example, kind, position, digit))));
    }

    private static String randomDigits(Random random, int length) {
        StringBuilder digits = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    /** One small change: last digit replaced, dropped or doubled, a digit replaced or inserted, or cut short. */
    private static String mutate(String digits, int kind, int position, int digit) {
        char d = (char) ('0' + digit);
        int at = position % (digits.length() + 1);
        return switch (kind) {
            case 0 -> digits.isEmpty() ? "" : digits.substring(0, digits.length() - 1) + d;
            case 1 -> digits.isEmpty() ? "" : digits.substring(0, digits.length() - 1);
            case 2 -> digits + d;
            case 3 -> digits.substring(0, at) + d + digits.substring(Math.min(digits.length(), at + 1));
            case 4 -> digits.substring(0, at) + d + digits.substring(at);
            default -> digits.substring(0, at);
        };
    }
}
