package io.outbound.campaign.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The signature against vectors made apart from the code under test: the example of Twilio's security
 * documentation, and HMACs of signed texts written out by hand.
 */
class TwilioSignatureTest {
    static final String DOCS_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

    static Map<String, List<String>> docsParams() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("To", List.of("+18005551212"));
        params.put("CallSid", List.of("CA1234567890ABCDE"));
        params.put("From", List.of("+14158675310"));
        params.put("Digits", List.of("1234"));
        params.put("Caller", List.of("+14158675310"));
        return params;
    }

    /** HMAC-SHA1 in Base64 of a text written out in full by the test. */
    static String hmac(String key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theExampleOfTwiliosDocumentationVerifies() {
        assertThat(TwilioSignature.compute("12345", DOCS_URL, docsParams())).isEqualTo("GvWf1cFY/Q7PnoempGyD5oXAezc=");
        assertThat(TwilioSignature.matches("12345", DOCS_URL, docsParams(), "GvWf1cFY/Q7PnoempGyD5oXAezc=")).isTrue();
    }

    @Test
    void theSignedTextIsTheUrlThenEachNameAndValueInOrderOfName() throws Exception {
        String text = "https://host.example.com/webhooks/twilio?session_id=s-1&org_id=org-1"
                + "AccountSidAC0123456789abcdef0123456789abcdef" + "AnsweredByhuman" + "CallDuration42"
                + "CallStatuscompleted";
        Map<String, List<String>> form = Map.of("CallStatus", List.of("completed"), "CallDuration", List.of("42"),
                "AnsweredBy", List.of("human"), "AccountSid", List.of("AC0123456789abcdef0123456789abcdef"));

        assertThat(TwilioSignature.compute("token", "https://host.example.com/webhooks/twilio?session_id=s-1&org_id"
                + "=org-1", form)).isEqualTo(hmac("token", text));
    }

    @Test
    void aRepeatedNameSignsEachOfItsValuesInOrder() throws Exception {
        Map<String, List<String>> form = Map.of("Event", List.of("ringing", "answered"), "A", List.of("1"));

        assertThat(TwilioSignature.compute("k", "https://h.example/x", form))
                .isEqualTo(hmac("k", "https://h.example/x" + "A1" + "Eventanswered" + "Eventringing"));
    }

    @Test
    void anyChangeToTheUrlTheBodyOrTheTokenBreaksTheSignature() {
        String signature = TwilioSignature.compute("12345", DOCS_URL, docsParams());
        Map<String, List<String>> changed = new LinkedHashMap<>(docsParams());
        changed.put("Digits", List.of("1235"));
        Map<String, List<String>> added = new LinkedHashMap<>(docsParams());
        added.put("CallStatus", List.of("completed"));

        assertThat(TwilioSignature.matches("12345", DOCS_URL, changed, signature)).isFalse();
        assertThat(TwilioSignature.matches("12345", DOCS_URL, added, signature)).isFalse();
        assertThat(TwilioSignature.matches("12345", DOCS_URL + "&baz=3", docsParams(), signature)).isFalse();
        assertThat(TwilioSignature.matches("12346", DOCS_URL, docsParams(), signature)).isFalse();
        assertThat(TwilioSignature.matches("12345", DOCS_URL, docsParams(), signature.toLowerCase())).isFalse();
        assertThat(TwilioSignature.matches("12345", DOCS_URL, docsParams(), null)).isFalse();
        assertThat(TwilioSignature.matches("12345", DOCS_URL, docsParams(), "")).isFalse();
    }

    @Test
    void aSignatureOverTheUrlWithOrWithoutItsDefaultPortVerifies() {
        String withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";

        assertThat(TwilioSignature.matches("12345", withPort, docsParams(),
                TwilioSignature.compute("12345", DOCS_URL, docsParams()))).isTrue();
        assertThat(TwilioSignature.matches("12345", DOCS_URL, docsParams(),
                TwilioSignature.compute("12345", withPort, docsParams()))).isTrue();
        assertThat(TwilioSignature.matches("12345", "https://mycompany.com:8443/myapp.php?foo=1&bar=2", docsParams(),
                TwilioSignature.compute("12345", DOCS_URL, docsParams()))).isFalse();
    }

    @Test
    void theSpellingsOfAUrlAreItselfAndItsDefaultPortAddedOrRemoved() {
        assertThat(TwilioSignature.spellings("http://h.example/p?q=1"))
                .containsExactly("http://h.example/p?q=1", "http://h.example:80/p?q=1");
        assertThat(TwilioSignature.spellings("https://h.example:443/p"))
                .containsExactly("https://h.example:443/p", "https://h.example/p");
        assertThat(TwilioSignature.spellings("https://h.example:8443/p")).containsExactly("https://h.example:8443/p");
        assertThat(TwilioSignature.spellings("not a url")).containsExactly("not a url");
    }
}
