package io.outbound.campaign.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void serveListensOnLocalhostPort8080UnlessToldOtherwise() {
        Serve serve = Main.serve(new String[0]);
        assertThat(serve.bind()).isEqualTo("127.0.0.1");
        assertThat(serve.port()).isEqualTo(8080);
        assertThat(serve.keysFile()).isNull();
        assertThat(serve.dataDir()).isEqualTo(Path.of("demo-work", "serve"));
    }

    @Test
    void serveTakesItsOptionsInAnyOrder() {
        Serve serve = Main.serve(new String[]{"--keys", "keys.properties", "--port", "0", "--bind", "0.0.0.0",
                "--data", "/srv/campaigns", "--call-millis", "10-30"});
        assertThat(serve).isEqualTo(new Serve("0.0.0.0", 0, Path.of("/srv/campaigns"), Path.of("keys.properties"),
                Duration.ofMillis(10), Duration.ofMillis(30), null));
    }

    @Test
    void serveTwilioReadsTheAccountNumbersAndUrlsFromTheEnvironment() {
        Map<String, String> env = Map.of("TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef",
                "TWILIO_AUTH_TOKEN", "secret-token", "TWILIO_FROM_NUMBERS", "+16465550001, +16465550002",
                "TWILIO_VOICE_URL", "https://agents.example.com/twiml", "PUBLIC_BASE_URL", "https://host.example.com");

        TwilioSettings twilio = Main.serve(new String[]{"--twilio", "--port", "0"}, env).twilio();

        assertThat(twilio.callerNumbers()).containsExactly("+16465550001", "+16465550002");
        assertThat(twilio.statusCallbackUrl()).hasToString("https://host.example.com/webhooks/twilio");
        assertThat(twilio.apiBaseUrl()).hasToString("https://api.twilio.com");
        assertThat(twilio.toString()).doesNotContain("secret-token");
        assertThat(Main.serve(new String[]{"--port", "0"}, env).twilio()).isNull();
    }

    @Test
    void serveTwilioNamesTheVariableThatIsMissingOrMalformed() {
        Map<String, String> env = new HashMap<>(Map.of("TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef",
                "TWILIO_AUTH_TOKEN", "secret-token", "TWILIO_FROM_NUMBERS", "+16465550001",
                "TWILIO_VOICE_URL", "https://agents.example.com/twiml"));

        assertThatThrownBy(() -> Main.serve(new String[]{"--twilio"}, env))
                .hasMessage("--twilio: PUBLIC_BASE_URL must be set for serve --twilio");
        env.put("PUBLIC_BASE_URL", "https://host.example.com");
        env.put("TWILIO_FROM_NUMBERS", "+16465550001,6465550002");
        assertThatThrownBy(() -> Main.serve(new String[]{"--twilio"}, env)).hasMessage("--twilio: TWILIO_FROM_NUMBERS"
                + " must be E.164 numbers separated by commas, had '6465550002'");
        env.put("TWILIO_FROM_NUMBERS", "+16465550001");
        env.put("TWILIO_ACCOUNT_SID", "secret-token-pasted-here");
        assertThatThrownBy(() -> Main.serve(new String[]{"--twilio"}, env))
                .hasMessageContaining("accountSid must be AC followed by 32 hexadecimal digits")
                .hasMessageNotContaining("secret-token");
    }

    @Test
    void aBadOptionIsAUsageErrorThatNamesIt() {
        assertThatThrownBy(() -> Main.serve(new String[]{"--port", "http"})).hasMessageContaining("'http'");
        assertThatThrownBy(() -> Main.serve(new String[]{"--port", "70000"})).hasMessageContaining("70000");
        assertThatThrownBy(() -> Main.serve(new String[]{"--verbose", "yes"})).hasMessageContaining("--verbose");
        assertThatThrownBy(() -> Main.serve(new String[]{"--port"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Main.serve(new String[]{"--call-millis", "30-10"})).hasMessageContaining("30-10");
    }
}
