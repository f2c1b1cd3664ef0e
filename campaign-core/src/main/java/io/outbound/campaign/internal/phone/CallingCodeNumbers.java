package io.outbound.campaign.internal.phone;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers of one country calling code: how libphonenumber strips a national prefix written after the code
 * (using the main region's rules) and which of the regions sharing the code a number belongs to.
 */
final class CallingCodeNumbers {

    private final Pattern nationalPrefix;
    private final String transformRule;
    private final NumberPattern mainGeneral;
    private final int[] possibleLengths;
    private final int[] localOnlyLengths;
    private final RegionNumbers[] regions;

    private CallingCodeNumbers(PhoneMetadata main, RegionNumbers[] regions) {
        String prefix = main.getNationalPrefixForParsing();
        this.nationalPrefix = prefix.isEmpty() ? null : Pattern.compile(prefix);
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
     * The national significant number libphonenumber would parse from the digits after the calling code: the
     * digits themselves, or without the national prefix when the main region's rules say it was one.
     */
    String nationalSignificantNumber(String national) {
        if (nationalPrefix == null) {
            return national;
        }
        Matcher prefix = nationalPrefix.matcher(national);
        if (!prefix.lookingAt()) {
            return national;
        }
        boolean viableAsWritten = mainGeneral.patternMatches(national);
        String stripped;
        if (transformRule == null || prefix.group(prefix.groupCount()) == null) {
            stripped = national.substring(prefix.end());
        } else {
            stripped = prefix.replaceFirst(transformRule);
        }
        if (viableAsWritten && !mainGeneral.patternMatches(stripped)) {
            return national;
        }
        return lengthAllowsStripping(stripped.length()) ? stripped : national;
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

    /** libphonenumber's region choice among the regions sharing the code, then its validity for that region. */
    boolean isValid(String nationalSignificantNumber) {
        if (regions.length == 1) {
            return regions[0].isValid(nationalSignificantNumber);
        }
        for (RegionNumbers region : regions) {
            if (region.hasLeadingDigits()) {
                if (region.claims(nationalSignificantNumber)) {
                    return region.isValid(nationalSignificantNumber);
                }
            } else if (region.isValid(nationalSignificantNumber)) {
                return true;
            }
        }
        return false;
    }
}
