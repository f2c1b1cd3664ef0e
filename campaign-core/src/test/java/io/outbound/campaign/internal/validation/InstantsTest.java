package io.outbound.campaign.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.ActivityQuery;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.ReportQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The instants a request may name stay within the years 0001 to 9999: {@link Instant} reaches a billion years,
 * which no store's timestamp holds (a 500 at the hosts before) and whose spans overflow a count of milliseconds.
 */
class InstantsTest {

    @Test
    void theYearsOneToNineThousandNineHundredNinetyNineAreRead() {
        assertThat(Instants.parse("0001-01-01T00:00:00Z")).isEqualTo(Instants.MIN);
        assertThat(Instants.parse("9999-12-31T23:59:59.999999999Z")).isEqualTo(Instants.MAX);
        assertThat(Instants.parse("2026-06-01T09:00:00-04:00")).isEqualTo(Instant.parse("2026-06-01T13:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
            "-999999999-01-01T00:00:00+18:00", "+10000-01-01T00:00:00Z", "0000-12-31T23:59:59Z",
            "0001-01-01T00:00:00+01:00", "yesterday", "2026-13-01T00:00:00Z"})
    void anythingElseIsRefused(String text) {
        assertThatThrownBy(() -> Instants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void anActivityWindowOrAReportRangeOutsideThoseYearsIsAValidationErrorNamingItsField() {
        assertThatThrownBy(() -> ActivityQuery.parse("-999999999-01-01T00:00:00Z", "+999999999-01-01T01:00:00Z", null))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).extracting(f -> f.field()).containsExactly("from", "to");
                    assertThat(e.fieldErrors().get(0).message()).isEqualTo(Instants.EXPECTED);
                });
        assertThatThrownBy(() -> ReportQuery.parse("+1000000000-01-01T00:00:00Z", null))
                .isInstanceOfSatisfying(CampaignException.class, e ->
                        assertThat(e.fieldErrors()).extracting(f -> f.field()).containsExactly("start_date"));
    }
}
