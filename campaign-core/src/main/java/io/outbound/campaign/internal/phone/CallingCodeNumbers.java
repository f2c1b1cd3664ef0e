package io.outbound.campaign.internal.phone;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The numbers of one country calling code: how libphonenumber strips a national prefix written after the code
 * (using the main region's rules) and which of the regions sharing the code a number belongs to.
 */
final class CallingCodeNumbers {

    private final DigitPattern nationalPrefix;
    private final String transformRule;
    private final NumberPattern mainGeneral;
    private final int[] possibleLengths;
    private final int[] localOnlyLengths;
    private final RegionNumbers[] regions;

    private CallingCodeNumbers(PhoneMetadata main, RegionNumbers[] regions) {
        String prefix = main.getNationalPrefixForParsing();
        this.nationalPrefix = prefix.isEmpty() ? null : DigitPattern.compile(prefix);
        String rule = main.getNationalPrefixTransformRule();
        this.transformRule = rule == null || rule.isEmpty() ? null : rule;
        this.mainGeneral = NumberPattern.of(main.getGeneralDesc());
        this.possibleLengths = main.getGeneralDesc().getPossibleLengthList().stream().mapToInt(i -> i).toArray();
        this.localOnlyLengths = main.getGeneralDesc().getPossibleLengthLocalOnlyList().stream().mapToInt(i -> i).toArray();
        this.regions = regions;
    }

    /**
     * The rules of a calling code, or {@code null} when its metadata is not as this class expects (then the caller
     * asks libphonenumber itself).
     */
    static CallingCodeNumbers load(PhoneNumberUtil util, MetadataSource source, int callingCode) {
        List<String> regionCodes = util.getRegionCodesForCountryCode(callingCode);
        if (regionCodes.isEmpty()) {
            return null;
        }
        RegionNumbers[] regions = new RegionNumbers[regionCodes.size()];
        PhoneMetadata main = null;
        for (int i = 0; i < regions.length; i++) {
            String regionCode = regionCodes.get(i);
            boolean nonGeographical = PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(regionCode);
            if (nonGeographical && regions.length > 1) {
                return null;
            }
            PhoneMetadata metadata = nonGeographical
                    ? source.getMetadataForNonGeographicalRegion(callingCode)
                    : source.getMetadataForRegion(regionCode);
            if (metadata == null || metadata.getCountryCode() != callingCode) {
                return null;
            }
            main = main == null ? metadata : main;
            regions[i] = RegionNumbers.of(metadata);
        }
        if (main.getGeneralDesc().getPossibleLengthCount() == 0) {
            return null;
        }
        return new CallingCodeNumbers(main, regions);
    }

    /**
     * The national significant number libphonenumber would parse from the digits written from index {@code from}
     * when it strips a national prefix from them (using the main region's rules), or {@code null} when the digits
     * as written are the national significant number, which is nearly always.
     */
    String strippedNationalNumber(String text, int from) {
        // The DFA rules out most numbers without allocating; java.util.regex then gives the groups and the rewrite.
        if (nationalPrefix == null || !nationalPrefix.lookingAt(text, from)) {
            return null;
        }
        String national = text.substring(from);
        Matcher prefix = nationalPrefix.regex().matcher(national);
        if (!prefix.lookingAt()) {
            return null;
        }
        boolean viableAsWritten = mainGeneral.patternMatches(national, 0);
        String stripped;
        if (transformRule == null || prefix.group(prefix.groupCount()) == null) {
            stripped = national.substring(prefix.end());
        } else {
            stripped = prefix.replaceFirst(transformRule);
        }
        if (viableAsWritten && !mainGeneral.patternMatches(stripped, 0)) {
            return null;
        }
        return lengthAllowsStripping(stripped.length()) && !stripped.equals(national) ? stripped : null;
    }

    /** libphonenumber keeps a stripped number unless its length is too short, local only or impossible. */
    private boolean lengthAllowsStripping(int length) {
        for (int local : localOnlyLengths) {
            if (local == length) {
                return false;
            }
        }
        int shortest = possibleLengths[0];
        if (shortest == -1 || shortest > length) {
            return false;
        }
        if (shortest == length || possibleLengths[possibleLengths.length - 1] < length) {
            return true;
        }
        for (int i = 1; i < possibleLengths.length; i++) {
            if (possibleLengths[i] == length) {
                return true;
            }
        }
        return false;
    }

    /**
     * libphonenumber's region choice among the regions sharing the code, then its validity for that region, for
     * the national significant number written from index {@code from}.
     */
    boolean isValid(String text, int from) {
        if (regions.length == 1) {
            return regions[0].isValid(text, from);
        }
        for (RegionNumbers region : regions) {
            if (region.hasLeadingDigits()) {
                if (region.claims(text, from)) {
                    return region.isValid(text, from);
                }
            } else if (region.isValid(text, from)) {
                return true;
            }
        }
        return false;
    }
}
