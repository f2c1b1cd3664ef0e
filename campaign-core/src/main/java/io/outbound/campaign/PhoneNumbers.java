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
}
