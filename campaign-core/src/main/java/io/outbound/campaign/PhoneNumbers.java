package io.outbound.campaign;

import io.outbound.campaign.internal.phone.PhoneNumberValidator;

/**
 * The contact import's verdict on a phone number, for hosts that want to check numbers before they
 * upload a file (a form, an API that adds contacts). A number is accepted exactly when it is written in
 * E.164 ({@code +}, the country calling code and the national number, digits only) and libphonenumber
 * deems it a valid number; the verdict is libphonenumber's, computed several times faster. Thread-safe.
 */
public final class PhoneNumbers {
    private PhoneNumbers() {
    }

    /**
     * Whether the import would accept the number as written (surrounding spaces are not trimmed here).
     *
     * @param number the text to judge; {@code null} is not valid
     */
    public static boolean isValidE164(String number) {
        if (number == null || !PhoneNumberValidator.isE164Syntax(number)) {
            return false;
        }
        return number.equals(PhoneNumberValidator.shared().toE164(number));
    }

    /**
     * The number a raw (undecoded) URL path segment names, as in {@code /suppressions/{phone_number}}: {@code +}
     * as is or escaped as {@code %2B}, then digits, nothing else escaped, so that one number has at most two
     * spellings in a path. Whether the number is valid is left to the operation it is given to.
     *
     * @throws CampaignException {@code VALIDATION_FAILED} on {@code phone_number} (the segment shown up to 40
     *                           characters) when it holds anything else or is longer than 40 characters
     */
    public static String fromPathSegment(String rawSegment) {
        String number = rawSegment.startsWith("%2B") || rawSegment.startsWith("%2b")
                ? "+" + rawSegment.substring(3) : rawSegment;
        if (number.isEmpty() || number.length() > 40
                || !number.chars().allMatch(c -> c == '+' || c >= '0' && c <= '9')) {
            String shown = rawSegment.length() <= 40 ? rawSegment : rawSegment.substring(0, 40) + "…";
            throw CampaignException.validation("phone_number", shown,
                    "must be an E.164 number in the path: '+' (or %2B) then digits");
        }
        return number;
    }
}
