package io.outbound.campaign.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Credentials and settings refuse what cannot work, saying which field and value, and show no secret. */
class TwilioSettingsTest {
    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";

    @Test
    void credentialsShowTheAccountAndNeverASecret() {
        String shown = TwilioCredentials.withApiKey(ACCOUNT, "the-auth-token", "SK0123456789abcdef0123456789abcdef",
                "the-key-secret").toString();

        assertThat(shown).contains(ACCOUNT).doesNotContain("the-auth-token", "the-key-secret");
        assertThat(TwilioCredentials.of(ACCOUNT, "the-auth-token").toString()).doesNotContain("the-auth-token");
    }

    @Test
    void malformedCredentialsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> TwilioCredentials.of("AC123", "t"))
                .hasMessage("accountSid must be AC followed by 32 hexadecimal digits, was a value of 5 characters");
        assertThatThrownBy(() -> TwilioCredentials.of(ACCOUNT, " "))
                .hasMessage("authToken of account " + ACCOUNT + " must not be blank");
        assertThatThrownBy(() -> new TwilioCredentials(ACCOUNT, "t", "SK0123456789abcdef0123456789abcdef", null))
                .hasMessageContaining("apiKeySid and apiKeySecret");
        assertThatThrownBy(() -> TwilioCredentials.withApiKey(ACCOUNT, "t", "KS1", "s"))
                .hasMessage("apiKeySid must be SK followed by 32 hexadecimal digits, was a value of 3 characters");
    }

    @Test
    void theBuilderRefusesMissingAndOutOfRangeSettings() {
        TwilioTelephony.Builder builder = TwilioTelephony.builder(TwilioAccounts.single(
                TwilioCredentials.of(ACCOUNT, "t")));

        assertThatThrownBy(builder::build).hasMessageStartingWith("voice is required");
        builder.voiceUrl(URI.create("https://agents.example.com/twiml"));
        assertThatThrownBy(builder::build).hasMessageStartingWith("statusCallbackUrl is required");
        assertThatThrownBy(() -> builder.statusCallbackUrl(URI.create("/webhooks/twilio")))
                .hasMessage("statusCallbackUrl must be an absolute http or https URL, was '/webhooks/twilio'");
        assertThatThrownBy(() -> builder.statusCallbackUrl(URI.create("https://h.example/cb#x")))
                .hasMessage("statusCallbackUrl must have no fragment, was 'https://h.example/cb#x'");
        assertThatThrownBy(() -> builder.ringTimeout(Duration.ofSeconds(4)))
                .hasMessage("ringTimeout must be 5 to 600 whole seconds, was PT4S");
        assertThatThrownBy(() -> builder.retryBudget(Duration.ZERO)).hasMessage("retryBudget must be positive, was PT0S");
        assertThatThrownBy(() -> builder.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("max backoff must not be below the initial backoff, was PT1S < PT2S");
        builder.statusCallbackUrl(URI.create("https://h.example/cb")).requestTimeout(Duration.ofSeconds(30));
        assertThatThrownBy(builder::build).hasMessage("requestTimeout must not exceed retryBudget, was PT30S > PT20S");
    }

    @Test
    void voiceInstructionsRefuseWhatTwilioCannotRun() {
        assertThatThrownBy(() -> VoiceInstructions.url(URI.create("ftp://h.example/x")))
                .hasMessage("the voice url must be an absolute http or https URL, was 'ftp://h.example/x'");
        assertThatThrownBy(() -> VoiceInstructions.twiml("x".repeat(4001)))
                .hasMessage("twiml must be at most 4000 characters (Twilio's limit), was 4001");
    }

    @Test
    void aFormRoundTripsAndRefusesMalformedEscapesAndFloods() {
        assertThat(FormData.decode("a=1&b=x+y%26z&a=2&c")).containsEntry("a", java.util.List.of("1", "2"))
                .containsEntry("b", java.util.List.of("x y&z")).containsEntry("c", java.util.List.of(""));
        assertThatThrownBy(() -> FormData.decode("a=%zz")).hasMessage("malformed percent escape in form field '%zz'");
        assertThatThrownBy(() -> FormData.decode("a=1&".repeat(201)))
                .hasMessage("a form may have at most 200 fields");
    }
}
