package io.outbound.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.internal.validation.RequestValidator;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever a client sends, as text or as bytes, {@link CampaignJson#read} gives a value or a
 * {@link CampaignException} with one of its documented codes ({@code MALFORMED_REQUEST}, {@code VALIDATION_FAILED});
 * never another exception. A create or update it returns breaks no rule, and no error quotes more than
 * {@link FieldError#MAX_VALUE_CHARS} characters of a value.
 */
class CampaignJsonFuzzTest {

    private static final Set<ErrorCode> DOCUMENTED = Set.of(ErrorCode.MALFORMED_REQUEST, ErrorCode.VALIDATION_FAILED);
    private static final List<Class<?>> REQUESTS = List.of(CreateCampaignRequest.class, UpdateCampaignRequest.class,
            RedialCampaignRequest.class, RetryConfig.class, CallingHours.class);

    @Property(tries = 1500)
    void anyTextGivesAValueOrADocumentedError(@ForAll("jsonish") String body, @ForAll("requests") Class<?> type) {
        assertOnlyDocumentedOutcomes(body, type);
    }

    @Property(tries = 1500)
    void anyValueInAnyFieldOfAValidBodyGivesAValueOrADocumentedError(@ForAll("mutatedCreates") String body) {
        assertOnlyDocumentedOutcomes(body, CreateCampaignRequest.class);
        assertOnlyDocumentedOutcomes(body, UpdateCampaignRequest.class);
    }

    /** What an HTTP host reads: any bytes, in any encoding or none, from a valid body to noise. */
    @Property(tries = 1500)
    void anyBytesGiveAValueOrADocumentedError(@ForAll("bodyBytes") byte[] body, @ForAll("requests") Class<?> type) {
        assertOnlyDocumentedOutcomes(() -> CampaignJson.read(new ByteArrayInputStream(body), type),
                Arrays.toString(body));
    }

    private static void assertOnlyDocumentedOutcomes(String body, Class<?> type) {
        assertOnlyDocumentedOutcomes(() -> read(body, type), body);
    }

    private static void assertOnlyDocumentedOutcomes(Supplier<Object> read, String body) {
        Object value;
        try {
            value = read.get();
        } catch (CampaignException e) {
            assertThat(e.code()).as("code for %s", body).isIn(DOCUMENTED);
            assertThat(e.fieldErrors()).allSatisfy(error -> {
                assertThat(error.field()).isNotNull();
                if (error.value() != null) {
                    assertThat(error.value().length()).isLessThanOrEqualTo(FieldError.MAX_VALUE_CHARS + 1);
                }
            });
            return;
        }
        if (value instanceof CreateCampaignRequest create) {
            assertThat(RequestValidator.violations(create)).as("read returned an invalid create").isEmpty();
        } else if (value instanceof UpdateCampaignRequest update) {
            assertThat(RequestValidator.violations(update)).as("read returned an invalid update").isEmpty();
        }
    }

    /** Reads the body both ways a host can, which must agree. */
    private static Object read(String body, Class<?> type) {
        Object fromText;
        try {
            fromText = CampaignJson.read(body, type);
        } catch (CampaignException e) {
            // A lone surrogate has no UTF-8 form (the bytes would hold '?'), so only other text is compared.
            if (body.chars().noneMatch(c -> Character.isSurrogate((char) c))) {
                CampaignException fromStream = null;
                try {
                    CampaignJson.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), type);
                } catch (CampaignException s) {
                    fromStream = s;
                }
                assertThat(fromStream).as("the same body as a stream is refused too").isNotNull();
                assertThat(fromStream.code()).isEqualTo(e.code());
            }
            throw e;
        }
        return fromText;
    }

    /**
     * Text from {@link #jsonish} encoded as UTF-8 (with or without a byte-order mark), UTF-16 or UTF-32, or
     * bytes of any value, some led by zero bytes (which once made the encoding be guessed).
     */
    @Provide
    Arbitrary<byte[]> bodyBytes() {
        Arbitrary<byte[]> encoded = Arbitraries.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16,
                        StandardCharsets.UTF_16LE, Charset.forName("UTF-32"))
                .flatMap(charset -> jsonish().map(text -> text.getBytes(charset)));
        Arbitrary<byte[]> marked = jsonish().map(text -> ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        Arbitrary<byte[]> zerosFirst = Arbitraries.bytes().array(byte[].class).ofMaxSize(12).map(tail -> {
            byte[] bytes = new byte[tail.length + 2];
            System.arraycopy(tail, 0, bytes, 2, tail.length);
            return bytes;
        });
        return Arbitraries.oneOf(encoded, marked, noise, zerosFirst);
    }

    @Provide
    Arbitrary<Class<?>> requests() {
        return Arbitraries.of(REQUESTS);
    }

    /** Text made mostly of JSON's own tokens, so that much of it nearly parses, and some of anything at all. */
    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("{", "}", "[", "]", ":", ",", "\"", "null", "true", "false", "-", ".", "e", "0", "1",
                        "9", "\\", "\\u0000", "\\ud800", " ", "\n", "\"name\"", "\"workflow_id\"", "\"max_concurrency\"",
                        "\"calling_hours\"", "\"slots\"", "\"timezone\"", "\"retry_config\"", "\"max_retries\"",
                        "\"redial_statuses\"", "\"busy\"", "\"day\"", "\"start\"", "\"09:00\"", "\"UTC\"",
                        "\"contacts_file_key\"", "\"a.csv\"", "1.5", "1e400", "99999999999999999999", "/*", "'"),
                Arbitraries.strings().ofMaxLength(3));
        return token.list().ofMaxSize(60).map(tokens -> String.join("", tokens));
    }

    /** A valid create body with one field's value replaced by something hostile. */
    @Provide
    Arbitrary<String> mutatedCreates() {
        List<String> fields = List.of("name", "workflow_id", "contacts_file_key", "max_concurrency", "calling_hours",
                "retry_config", "telephony_configuration_id", "unknown");
        return Arbitraries.of(fields).flatMap(field -> hostileValue().map(value -> body(field, value)));
    }

    private static Arbitrary<String> hostileValue() {
        Arbitrary<String> number = Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf).filter(s -> !s.contains("Infinity") && !s.contains("NaN")),
                Arbitraries.integers().between(1, 3000).map(n -> "9".repeat(n)),
                Arbitraries.of("1.5", "5.0", "1e2", "-0", "0.0000001", "1E+400", "-1"));
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(300).map(CampaignJsonFuzzTest::quote);
        Arbitrary<String> nested = Arbitraries.integers().between(1, 120)
                .map(depth -> "[".repeat(depth) + "]".repeat(depth));
        Arbitrary<String> slots = Arbitraries.integers().between(0, 400).map(n -> {
            List<String> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(i % 50 == 7 ? "null" : "{\"day\":\"monday\",\"start\":\"09:00\",\"end\":\"17:00\"}");
            }
            return "{\"timezone\":\"UTC\",\"slots\":[" + String.join(",", all) + "]}";
        });
        Arbitrary<String> retry = Arbitraries.of("{}", "{\"max_retries\":1.5}", "{\"enabled\":\"yes\"}",
                "{\"retry_delay_seconds\":" + "1".repeat(30) + "}", "{\"x\":1}", "[]", "{\"max_retries\":\"3\"}");
        return Arbitraries.frequencyOf(Tuple.of(3, number), Tuple.of(3, text), Tuple.of(1, nested),
                Tuple.of(2, slots), Tuple.of(2, retry),
                Tuple.of(1, Arbitraries.of("null", "true", "{}", "\"\"", "\"5\"", "\"+5\"", "\"٥\"")));
    }

    private static String body(String field, String value) {
        String[][] valid = {{"name", "\"June\""}, {"workflow_id", "247"}, {"contacts_file_key", "\"c/contacts.csv\""},
                {"max_concurrency", "5"}};
        StringBuilder json = new StringBuilder("{");
        for (String[] pair : valid) {
            if (!pair[0].equals(field)) {
                json.append('"').append(pair[0]).append("\":").append(pair[1]).append(',');
            }
        }
        return json.append('"').append(field).append("\":").append(value).append('}').toString();
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
