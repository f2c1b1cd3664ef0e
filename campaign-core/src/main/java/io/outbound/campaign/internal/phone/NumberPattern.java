package io.outbound.campaign.internal.phone;

import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import java.util.List;

/**
 * One kind of number of a region (fixed line, mobile, toll free...) as libphonenumber matches it: the national
 * significant number must have one of the possible lengths (any length when the list is empty) and match the
 * pattern entirely; an empty pattern matches nothing.
 */
final class NumberPattern {

    private static final long ANY_LENGTH = -1L;

    private final long lengths;
    private final DigitPattern pattern;

    private NumberPattern(long lengths, DigitPattern pattern) {
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
        return new NumberPattern(lengths, regex.isEmpty() ? null : DigitPattern.compile(regex));
    }

    /** Whether this kind of number could exist at all; descriptions marked "not applicable" cannot. */
    boolean isApplicable() {
        return lengths != 0 && pattern != null;
    }

    /** libphonenumber's {@code isNumberMatchingDesc} for the national number written from index {@code from}. */
    boolean matches(String text, int from) {
        int length = text.length() - from;
        boolean lengthFits = lengths == ANY_LENGTH || (length < Long.SIZE && (lengths & (1L << length)) != 0);
        return lengthFits && pattern != null && pattern.matches(text, from);
    }

    /** The pattern alone, without the length check, as libphonenumber matches a general description. */
    boolean patternMatches(String text, int from) {
        return pattern != null && pattern.matches(text, from);
    }
}
