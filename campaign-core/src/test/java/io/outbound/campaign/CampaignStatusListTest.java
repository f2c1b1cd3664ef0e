package io.outbound.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code status} query parameter of {@code GET /campaign/}, read as a host receives it. */
class CampaignStatusListTest {

    @Test
    void aCommaSeparatedListNamesItsStatusesAsTheJsonDoes() {
        assertThat(CampaignStatus.parseList("running,paused"))
                .containsExactly(CampaignStatus.RUNNING, CampaignStatus.PAUSED);
        assertThat(CampaignStatus.parseList(" Completed , FAILED,completed"))
                .as("case and spaces as the JSON reads them; twice counts once")
                .containsExactly(CampaignStatus.COMPLETED, CampaignStatus.FAILED);
        assertThat(CampaignStatus.parseList("draft,running,paused,completed,failed"))
                .containsExactlyInAnyOrder(CampaignStatus.values());
    }

    @Test
    void noParameterMeansEveryStatus() {
        assertThat(CampaignStatus.parseList(null)).isNull();
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"                    | \"\"                    | must list one or more of",
            "\" \"                   | \" \"                   | must list one or more of",
            "running,                | running,                | without an empty entry",
            "running,,paused         | running,,paused         | without an empty entry",
            "runing                  | runing                  | is not a campaign status; use draft, running, paused",
            "running,ended           | ended                   | is not a campaign status",
            "running'; drop table x  | running'; drop table x  | is not a campaign status",
            "a,b,c,d,e,f             | a,b,c,d,e,f             | lists 6 entries; at most 5, one per status"})
    void anEmptyOrUnknownEntryIsAValidationFailureNamingStatusAndTheValue(String text, String value, String message) {
        assertThatThrownBy(() -> CampaignStatus.parseList(text))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).hasSize(1);
                    FieldError error = e.fieldErrors().get(0);
                    assertThat(error.field()).isEqualTo("status");
                    assertThat(error.value()).isEqualTo(value);
                    assertThat(error.message()).contains(message);
                });
    }

    @Test
    void everyUnknownEntryIsReported() {
        assertThatThrownBy(() -> CampaignStatus.parseList("done,running,over"))
                .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.fieldErrors())
                        .extracting(FieldError::value).containsExactly("done", "over"));
    }
}
