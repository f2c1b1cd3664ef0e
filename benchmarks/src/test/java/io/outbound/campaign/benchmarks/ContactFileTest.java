package io.outbound.campaign.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated contacts are what the scenarios assume: distinct, and valid exactly where they say so. */
class ContactFileTest {

    @Test
    void everyNumberIsDistinctAndLibphonenumberAgreesWithTheIntendedVerdict() {
        ContactFile file = ContactFile.withInvalidRows(200_000);
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        Set<String> seen = new HashSet<>();
        int invalid = 0;
        for (int i = 0; i < file.rows(); i++) {
            String number = file.phoneNumber(i);
            assertThat(seen.add(number)).as("row %d repeats %s", i, number).isTrue();
            assertThat(valid(util, number)).as("verdict on row %d, %s", i, number)
                    .isEqualTo(file.validByConstruction(i));
            invalid += file.validByConstruction(i) ? 0 : 1;
        }
        assertThat(invalid).isEqualTo(2_000);
    }

    @Test
    void theSameRowsAreWrittenEveryTimeWithAHeaderAndFourMoreColumns(@TempDir Path one, @TempDir Path two)
            throws Exception {
        List<String> first = Files.readAllLines(ContactFile.allValid(1_000).writeTo(one), StandardCharsets.UTF_8);
        List<String> second = Files.readAllLines(ContactFile.allValid(1_000).writeTo(two), StandardCharsets.UTF_8);

        assertThat(first).isEqualTo(second).hasSize(1_001);
        assertThat(first.get(0)).isEqualTo(ContactFile.HEADER);
        assertThat(first.get(1).split(",")).hasSize(5);
    }

    private static boolean valid(PhoneNumberUtil util, String number) {
        try {
            return util.isValidNumber(util.parse(number, "ZZ"));
        } catch (NumberParseException e) {
            return false;
        }
    }
}
