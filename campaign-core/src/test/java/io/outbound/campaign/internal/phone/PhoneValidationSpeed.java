package io.outbound.campaign.internal.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A rough measure, printed, not asserted: numbers per second for {@link PhoneNumberValidator} and for
 * libphonenumber's {@code parse} + {@code isValidNumber} on 200,000 realistic numbers (mostly valid US, GB, DE,
 * FR, IN, BR mobile and fixed-line numbers, some with a wrong digit count). The benchmarks module measures
 * properly with JMH. Run after {@code mvn -o -q -pl campaign-core test-compile} with
 * {@code java -cp campaign-core/target/classes:campaign-core/target/test-classes:<libphonenumber jar>
 * io.outbound.campaign.internal.phone.PhoneValidationSpeed}, or from an IDE.
 */
public final class PhoneValidationSpeed {

    private PhoneValidationSpeed() {
    }

    public static void main(String[] args) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        PhoneNumberValidator validator = PhoneNumberValidator.shared();
        List<String> numbers = realisticNumbers(util, 200_000);
        for (int round = 1; round <= 3; round++) {
            long start = System.nanoTime();
            int validOurs = 0;
            for (String number : numbers) {
                validOurs += validator.isValid(number) ? 1 : 0;
            }
            long ours = System.nanoTime() - start;
            start = System.nanoTime();
            int validTheirs = 0;
            for (String number : numbers) {
                try {
                    validTheirs += util.isValidNumber(util.parse(number, "ZZ")) ? 1 : 0;
                } catch (NumberParseException e) {
                    // invalid
                }
            }
            long theirs = System.nanoTime() - start;
            System.out.printf("round %d: PhoneNumberValidator %,.0f numbers/s (%d valid), libphonenumber %,.0f numbers/s"
                            + " (%d valid), %.1fx%n", round, numbers.size() * 1e9 / ours, validOurs,
                    numbers.size() * 1e9 / theirs, validTheirs, (double) theirs / ours);
        }
    }

    static List<String> realisticNumbers(PhoneNumberUtil util, int count) {
        String[] regions = {"US", "US", "US", "GB", "DE", "FR", "IN", "BR", "CA", "AU", "IT", "ES", "MX", "NL"};
        PhoneNumberType[] types = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE};
        Random random = new Random(42);
        List<String> numbers = new ArrayList<>(count);
        while (numbers.size() < count) {
            PhoneNumber example = util.getExampleNumberForType(regions[random.nextInt(regions.length)],
                    types[random.nextInt(types.length)]);
            String e164 = util.format(example, PhoneNumberFormat.E164);
            StringBuilder number = new StringBuilder(e164.substring(0, e164.length() - 4));
            for (int i = 0; i < 4; i++) {
                number.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(20) == 0) {
                number.setLength(number.length() - 1);
            }
            numbers.add(number.toString());
        }
        return numbers;
    }
}
