package io.outbound.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"+14155552671", "+14155552672", "+442071838750", "+4930901820", "+919876543210"})
    void validE164NumbersAreAccepted(String number) {
        assertThat(PhoneNumbers.isValidE164(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 415 555 2671", "14155552671", "+1415555267", "+999123", "+15550100", "",
            "+1-415-555-2671", "(415) 555-2671", "+114155552671", " +14155552671"})
    void anythingTheImportWouldRejectIsNotValid(String number) throws NumberParseException {
        assertThat(PhoneNumbers.isValidE164(number)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+14155552671", "+15550100", "+61291234567", "+6129123456", "+33612345678"})
    void theVerdictIsLibphonenumbersForE164Input(String number) throws NumberParseException {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        assertThat(PhoneNumbers.isValidE164(number)).isEqualTo(util.isValidNumber(util.parse(number, "ZZ")));
    }

    @org.junit.jupiter.api.Test
    void nullIsNotValid() {
        assertThat(PhoneNumbers.isValidE164(null)).isFalse();
    }

    @Test
    void aPathSegmentNamesANumberWithItsPlusAsIsOrEscaped() {
        assertThat(PhoneNumbers.fromPathSegment("+14155550100")).isEqualTo("+14155550100");
        assertThat(PhoneNumbers.fromPathSegment("%2B14155550100")).isEqualTo("+14155550100");
        assertThat(PhoneNumbers.fromPathSegment("%2b14155550100")).isEqualTo("+14155550100");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "%31415", "+1415%35", "+1 415", "abc", "+14155550100/x", "%2B%2B1"})
    void anyOtherSpellingOfAPathSegmentIsRefusedNamingPhoneNumber(String segment) {
        assertThatThrownBy(() -> PhoneNumbers.fromPathSegment(segment))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("phone_number");
                        assertThat(error.value()).isEqualTo(segment);
                    });
                });
    }

    @Test
    void aLongSegmentIsRefusedAndShownCut() {
        String segment = "+1" + "5".repeat(100);
        assertThatThrownBy(() -> PhoneNumbers.fromPathSegment(segment))
                .isInstanceOfSatisfying(CampaignException.class,
                        e -> assertThat(e.fieldErrors().get(0).value()).isEqualTo(segment.substring(0, 40) + "…"));
    }
}
