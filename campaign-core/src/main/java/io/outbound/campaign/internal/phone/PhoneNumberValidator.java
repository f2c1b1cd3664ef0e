package io.outbound.campaign.internal.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Whether an E.164 number ({@code +} then digits) is valid, with exactly libphonenumber's verdict
 * ({@code isValidNumber(parse(number, "ZZ"))}) but several times faster.
 *
 * <p>libphonenumber's {@code parse} runs general-purpose regular expressions meant for numbers as people write
 * them, and its {@code isValidNumber} looks its patterns up in a small synchronised cache and tries every kind of
 * number in turn. For input already known to be {@code +} and digits, this class repeats only the steps that can
 * change the verdict: find the calling code, strip a national prefix the way libphonenumber would, pick the
 * region among those sharing the code, and match the general and per-kind patterns, all compiled once per
 * calling code and kept in an array indexed by the code. A calling code whose metadata does not have the
 * expected shape is left to libphonenumber itself, so the verdict stays identical.
 *
 * <p>Thread-safe; one instance serves the whole process ({@link #shared()}).
 */
public final class PhoneNumberValidator {

    /** libphonenumber refuses longer input outright. */
    private static final int MAX_INPUT_LENGTH = 250;
    /** libphonenumber's bounds on a national significant number. */
    private static final int MIN_NATIONAL_LENGTH = 2;
    private static final int MAX_NATIONAL_LENGTH = 17;
    private static final int MAX_CALLING_CODE_LENGTH = 3;
    private static final int CALLING_CODES = 1000;

    /** Marks a calling code whose rules could not be compiled: ask libphonenumber. */
    private static final CallingCodeNumbers LIBPHONENUMBER = null;

    private static final class Shared {
        static final PhoneNumberValidator INSTANCE = new PhoneNumberValidator(PhoneNumberUtil.getInstance(),
                DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource());
    }

    private final PhoneNumberUtil util;
    private final MetadataSource metadata;
    private final boolean[] knownCallingCode = new boolean[CALLING_CODES];
    private final boolean[] compiled = new boolean[CALLING_CODES];
    private final AtomicReferenceArray<CallingCodeNumbers> rules = new AtomicReferenceArray<>(CALLING_CODES);

    /**
     * A validator judging like {@code util}, whose metadata {@code metadata} must be; rules are compiled per
     * calling code on first use.
     */
    public PhoneNumberValidator(PhoneNumberUtil util, MetadataSource metadata) {
        this.util = util;
        this.metadata = metadata;
        for (int code : util.getSupportedCallingCodes()) {
            if (code > 0 && code < CALLING_CODES) {
                knownCallingCode[code] = true;
            }
        }
    }

    /** The process-wide validator, judging like {@link PhoneNumberUtil#getInstance()} with the bundled metadata. */
    public static PhoneNumberValidator shared() {
        return Shared.INSTANCE;
    }

    /**
     * Whether the text is {@code +} followed by ASCII digits only, the one form this class judges. Says nothing
     * about validity.
     */
    public static boolean isE164Syntax(CharSequence text) {
        int length = text.length();
        if (length < 2 || text.charAt(0) != '+') {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * libphonenumber's verdict on a number in E.164 syntax; {@code false} for any other text (which
     * libphonenumber might still accept, reformatted).
     */
    public boolean isValid(String number) {
        return toE164(number) != null;
    }

    /**
     * The number as libphonenumber would format it in E.164 when it is valid, otherwise {@code null}. The result is
     * the argument itself unless libphonenumber would have stripped a national prefix written after the calling
     * code ({@code +44 0 20...}), in which case it differs.
     */
    public String toE164(String number) {
        if (number == null || number.length() > MAX_INPUT_LENGTH || !isE164Syntax(number)) {
            return null;
        }
        // libphonenumber needs more than two digits after the '+' and a calling code that does not start with 0.
        if (number.length() < 4 || number.charAt(1) == '0') {
            return null;
        }
        int code = 0;
        int codeLength = 0;
        for (int i = 1; i <= MAX_CALLING_CODE_LENGTH; i++) {
            code = code * 10 + (number.charAt(i) - '0');
            if (knownCallingCode[code]) {
                codeLength = i;
                break;
            }
        }
        if (codeLength == 0) {
            return null;
        }
        CallingCodeNumbers numbers = rulesFor(code);
        if (numbers == LIBPHONENUMBER) {
            return askLibphonenumber(number);
        }
        int national = 1 + codeLength;
        if (number.length() - national < MIN_NATIONAL_LENGTH) {
            return null;
        }
        // The national number is read in place: this runs once per contact row, so it allocates nothing.
        String stripped = numbers.strippedNationalNumber(number, national);
        if (stripped == null) {
            return isValidSignificant(numbers, number, national) ? number : null;
        }
        return isValidSignificant(numbers, stripped, 0) ? "+" + code + stripped : null;
    }

    private static boolean isValidSignificant(CallingCodeNumbers numbers, String text, int from) {
        int length = text.length() - from;
        return length >= MIN_NATIONAL_LENGTH && length <= MAX_NATIONAL_LENGTH && numbers.isValid(text, from);
    }

    /**
     * The compiled rules of a code, compiled on first use. The unlocked read may see a code as compiled yet read
     * its rules as missing; it then asks libphonenumber once, which gives the same verdict.
     */
    private CallingCodeNumbers rulesFor(int code) {
        CallingCodeNumbers numbers = rules.get(code);
        if (numbers != null || compiled[code]) {
            return numbers;
        }
        synchronized (this) {
            numbers = rules.get(code);
            if (numbers == null && !compiled[code]) {
                numbers = CallingCodeNumbers.load(util, metadata, code);
                rules.set(code, numbers);
                compiled[code] = true;
            }
            return numbers;
        }
    }

    private String askLibphonenumber(String number) {
        try {
            PhoneNumber parsed = util.parse(number, "ZZ");
            return util.isValidNumber(parsed) ? util.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }
}
