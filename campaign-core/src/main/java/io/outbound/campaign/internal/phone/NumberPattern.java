package io.outbound.campaign.internal.phone;

import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One kind of number of a region (fixed line, mobile, toll free...) as libphonenumber matches it: the national
 * significant number must have one of the possible lengths (any length when the list is empty) and match the
 * pattern entirely; an empty pattern matches nothing.
 */
final class NumberPattern {

    private static final long ANY_LENGTH = -1L;

    private final long lengths;
    private final Pattern pattern;

    private NumberPattern(long lengths, Pattern pattern) {
        this.lengths = lengths;
        this.pattern = pattern;
    }

    static NumberPattern of(PhoneNumberDesc desc) {
        List<Integer> possible = desc.getPossibleLengthList();
        long lengths = possible.isEmpty() ? ANY_LENGTH : 0L;
        for (int length : possible) {
            if (length >= 0 && length < Long.SIZE) {
                lengths |= 1L << length;
            }
        }
        String regex = desc.getNationalNumberPattern();
        return new NumberPattern(lengths, regex.isEmpty() ? null : Pattern.compile(regex));
    }

    /** Whether this kind of number could exist at all; descriptions marked "not applicable" cannot. */
    boolean isApplicable() {
        return lengths != 0 && pattern != null;
    }

    /** libphonenumber's {@code isNumberMatchingDesc}. */
    boolean matches(String nationalNumber) {
        int length = nationalNumber.length();
        boolean lengthFits = lengths == ANY_LENGTH || (length < Long.SIZE && (lengths & (1L << length)) != 0);
        return lengthFits && pattern != null && pattern.matcher(nationalNumber).matches();
    }

    /** The pattern alone, without the length check, as libphonenumber matches a general description. */
    boolean patternMatches(CharSequence nationalNumber) {
        return pattern != null && pattern.matcher(nationalNumber).matches();
    }
}
