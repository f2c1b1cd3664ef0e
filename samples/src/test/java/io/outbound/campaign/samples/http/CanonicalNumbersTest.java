package io.outbound.campaign.samples.http;

import static io.outbound.campaign.samples.http.HostUnderTest.KEY_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.FieldError;
import io.outbound.campaign.samples.DemoContacts;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A campaign id in a path, and a number in a query, is canonical ASCII decimal: one spelling per number, so that
 * {@code +1}, {@code 01}, {@code %31} or Arabic-Indic digits never reach campaign 1 by another name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CanonicalNumbersTest {

    HostUnderTest host;
    long id;

    @BeforeAll
    void createOneCampaign(@TempDir Path dir) throws Exception {
        host = new HostUnderTest(dir, 64 * 1024);
        String key = host.upload(KEY_A, "ids/contacts.csv", DemoContacts.csv(2));
        id = host.create(KEY_A, key, "Ids", null);
    }

    @AfterAll
    void stopHost() {
        host.close();
    }

    @Test
    void theCampaignAnswersUnderItsCanonicalIdOnly() {
        String digits = Long.toString(id);
        String arabicIndic = digits.chars().mapToObj(c -> String.valueOf((char) ('\u0660' + (c - '0'))))
                .reduce("", String::concat);
        String percentEncoded = digits.chars().mapToObj(c -> String.format("%%%02X", c)).reduce("", String::concat);

        assertThat(host.expect(200, "GET", "/campaign/" + digits, null, KEY_A).get("id").asLong()).isEqualTo(id);
        for (String alias : new String[]{"+" + digits, "0" + digits, "00" + digits, percentEncoded,
                URLEncoder.encode(arabicIndic, StandardCharsets.UTF_8), "%2B" + digits,
                digits + "%20", "%20" + digits}) {
            JsonNode error = host.expect(404, "GET", "/campaign/" + alias, null, KEY_A);
            assertThat(error.get("code").asText()).isEqualTo("NOT_FOUND");
            host.expect(404, "GET", "/campaign/" + alias + "/progress", null, KEY_A);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "42", "9223372036854775807"})
    void aCanonicalIdIsRead(String text) {
        assertThat(CampaignRoutes.campaignId(text)).isEqualTo(Long.parseLong(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1", "01", "0", "-1", "\u0661", "\u0661\u0662", "1\u00A0", " 1", "1 ", "0x1", "1e0",
            "9223372036854775808", "", "%31"})
    void anyOtherSpellingIsNoCampaign(String text) {
        assertThatThrownBy(() -> CampaignRoutes.campaignId(text)).isInstanceOfSatisfying(CampaignException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aLongIdIsNotEchoedInFull() {
        assertThatThrownBy(() -> CampaignRoutes.campaignId("9".repeat(5000)))
                .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+5", "05", "\u0665", " 5", "5 ", "5.0", "1e1"})
    void aPageOrLimitIsCanonicalToo(String text) {
        QueryString query = QueryString.parse("limit=" + URLEncoder.encode(text,
                StandardCharsets.UTF_8));

        assertThatThrownBy(() -> query.integers("page", "limit")).isInstanceOfSatisfying(CampaignException.class,
                e -> assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("limit"));
        assertThat(QueryString.parse("page=-3&limit=50").integers("page", "limit")).containsExactly(-3, 50);
    }
}
