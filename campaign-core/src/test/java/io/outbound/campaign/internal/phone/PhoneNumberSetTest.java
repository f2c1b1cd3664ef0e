package io.outbound.campaign.internal.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PhoneNumberSetTest {

    @Property(tries = 200)
    void theSetAgreesWithAHashSetOnWhichNumbersWereSeen(@ForAll("numberLists") List<String> numbers) {
        PhoneNumberSet set = new PhoneNumberSet();
        Set<String> reference = new HashSet<>();

        for (String number : numbers) {
            assertThat(set.add(number)).as(number).isEqualTo(reference.add(number));
        }

        assertThat(set.size()).isEqualTo(reference.size());
        for (String number : numbers) {
            assertThat(set.contains(number)).isTrue();
        }
    }

    @Example
    void numbersThatDifferOnlyPastTheSignedLongRangeStayDistinct() {
        PhoneNumberSet set = new PhoneNumberSet();

        assertThat(set.add("+9999999999999999999")).isTrue();
        assertThat(set.add("+9223372036854775807")).isTrue();
        assertThat(set.add("+9223372036854775808")).isTrue();
        assertThat(set.add("+1")).isTrue();
        assertThat(set.add("+9999999999999999999")).isFalse();
        assertThat(set.size()).isEqualTo(4);
    }

    @Example
    void aMillionNumbersTakeAboutSixteenBytesEach() {
        PhoneNumberSet set = new PhoneNumberSet();
        for (long i = 0; i < 1_000_000; i++) {
            set.add("+1415" + (1_000_000 + i));
        }

        assertThat(set.size()).isEqualTo(1_000_000);
        long bytesPerNumber = (long) set.capacity() * Long.BYTES / set.size();
        assertThat(bytesPerNumber).isBetween(8L, 22L);
        assertThat(set.add("+14151000000")).isFalse();
        assertThat(set.contains("+14152000000")).isFalse();
    }

    @Example
    void textThatIsNotAShortE164NumberIsRefused() {
        for (String text : List.of("", "+", "14155552671", "+0123", "+1 415", "+12345678901234567890")) {
            assertThatThrownBy(() -> new PhoneNumberSet().add(text)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Provide
    Arbitrary<List<String>> numberLists() {
        Arbitrary<String> number = Arbitraries.strings().withCharRange('0', '9').ofMinLength(0).ofMaxLength(18)
                .flatMap(rest -> Arbitraries.integers().between(1, 9).map(first -> "+" + first + rest));
        Arbitrary<String> nearby = Arbitraries.longs().between(0, 3000).map(n -> "+1415555" + n);
        return Arbitraries.oneOf(number, nearby).list().ofMaxSize(400);
    }
}
