package io.outbound.campaign.internal.phone;

import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * The valid numbers of one region (or non-geographical entity): a number is valid when it matches the general
 * description and at least one kind of number, which is libphonenumber's "number type is not UNKNOWN".
 */
final class RegionNumbers {

    private final DigitPattern leadingDigits;
    private final NumberPattern general;
    private final NumberPattern[] kinds;

    private RegionNumbers(DigitPattern leadingDigits, NumberPattern general, NumberPattern[] kinds) {
        this.leadingDigits = leadingDigits;
        this.general = general;
        this.kinds = kinds;
    }

    static RegionNumbers of(PhoneMetadata metadata) {
        List<NumberPattern> kinds = new ArrayList<>();
        // Fixed line and mobile first: most numbers are one of them, and the order does not change the verdict.
        kinds.add(NumberPattern.of(metadata.getFixedLine()));
        if (!metadata.getSameMobileAndFixedLinePattern()) {
            kinds.add(NumberPattern.of(metadata.getMobile()));
        }
        kinds.add(NumberPattern.of(metadata.getTollFree()));
        kinds.add(NumberPattern.of(metadata.getPremiumRate()));
        kinds.add(NumberPattern.of(metadata.getSharedCost()));
        kinds.add(NumberPattern.of(metadata.getVoip()));
        kinds.add(NumberPattern.of(metadata.getPersonalNumber()));
        kinds.add(NumberPattern.of(metadata.getPager()));
        kinds.add(NumberPattern.of(metadata.getUan()));
        kinds.add(NumberPattern.of(metadata.getVoicemail()));
        kinds.removeIf(kind -> !kind.isApplicable());
        DigitPattern leadingDigits = metadata.hasLeadingDigits() ? DigitPattern.compile(metadata.getLeadingDigits()) : null;
        return new RegionNumbers(leadingDigits, NumberPattern.of(metadata.getGeneralDesc()),
                kinds.toArray(NumberPattern[]::new));
    }

    /** Whether the region tells its numbers from those of regions sharing its calling code by leading digits. */
    boolean hasLeadingDigits() {
        return leadingDigits != null;
    }

    /**
     * Whether the national number written from index {@code from} starts with the region's leading digits; only
     * when {@link #hasLeadingDigits()}.
     */
    boolean claims(String text, int from) {
        return leadingDigits.lookingAt(text, from);
    }

    /** Whether the national number written from index {@code from} is valid in this region. */
    boolean isValid(String text, int from) {
        if (!general.matches(text, from)) {
            return false;
        }
        for (NumberPattern kind : kinds) {
            if (kind.matches(text, from)) {
                return true;
            }
        }
        return false;
    }
}
