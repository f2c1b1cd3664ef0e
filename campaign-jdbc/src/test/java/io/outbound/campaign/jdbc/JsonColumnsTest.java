package io.outbound.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outbound.campaign.CallingHours;
import io.outbound.campaign.ContactRules;
import io.outbound.campaign.Slot;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The hand-written encoder of contact values writes what Jackson writes, for any text, and its CSV form is the
 * same JSON with every quote doubled. A campaign's settings are parsed once per text and shared, within bounds.
 */
class JsonColumnsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Property
    void a_string_array_is_written_as_jackson_writes_it(
            @ForAll @Size(max = 6) List<@CharRange(from = '\u0000', to = '\uffff') String> values) throws Exception {
        assertThat(JsonColumns.stringArray(values)).isEqualTo(MAPPER.writeValueAsString(values));
    }

    @Property
    void text_full_of_quotes_escapes_and_control_characters_reads_back_as_written(
            @ForAll @Size(max = 6) List<@Chars({'"', '\\', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', ',',
                '[', ']', 'a', '\u00e9', '\u2028'}) String> values) throws Exception {
        String json = JsonColumns.stringArray(values);

        assertThat(JsonColumns.strings(json)).isEqualTo(values);
        assertThat(JsonColumns.appendStringArray(new StringBuilder(), values, "\"\"").toString().replace("\"\"", "\""))
                .isEqualTo(json);
    }

    @Test
    void a_settings_text_is_parsed_once_and_its_value_shared_between_reads() {
        String hours = MAPPER.valueToTree(CallingHours.of("Europe/Paris",
                Slot.of("monday", "09:00", "18:00"))).toString();

        CallingHours first = JsonColumns.callingHours(hours);
        CallingHours again = JsonColumns.callingHours(new String(hours.toCharArray()));

        assertThat(first.timezone()).isEqualTo("Europe/Paris");
        assertThat(again).isSameAs(first);
        assertThat(JsonColumns.names("[\"phone\",\"name\"]")).containsExactly("phone", "name")
                .isSameAs(JsonColumns.names("[\"phone\",\"name\"]"));
        assertThatThrownBy(() -> JsonColumns.names("[\"phone\"]").add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(JsonColumns.contactRules(null)).isSameAs(ContactRules.DEFAULT);
        assertThat(JsonColumns.callingHours(null)).isNull();
        assertThat(JsonColumns.names(null)).isEmpty();
    }

    @Test
    void the_parsed_texts_stay_bounded_and_a_long_text_is_parsed_at_every_read() {
        AtomicInteger parses = new AtomicInteger();
        JsonColumns.ParsedTexts<String> texts = new JsonColumns.ParsedTexts<>(json -> {
            parses.incrementAndGet();
            return "value of " + json.length();
        });
        String padding = "p".repeat(1000);
        for (int i = 0; i < 3 * JsonColumns.CACHED_CHARS / padding.length(); i++) {
            texts.get(padding + i);
            assertThat(texts.chars()).isLessThanOrEqualTo(JsonColumns.CACHED_CHARS);
            assertThat(texts.size()).isPositive().isLessThanOrEqualTo(JsonColumns.CACHED_CHARS / padding.length());
        }
        String kept = "kept";
        texts.get(kept);
        int before = parses.get();
        texts.get(kept);
        String longText = "x".repeat(JsonColumns.CACHED_TEXT_LIMIT + 1);
        texts.get(longText);
        texts.get(longText);

        assertThat(parses.get() - before).as("parses: none for the kept text, two for the long one").isEqualTo(2);
    }

    @Test
    void a_corrupt_settings_text_is_refused_naming_it_and_not_kept() {
        assertThatThrownBy(() -> JsonColumns.retryConfig("{not json"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("{not json");
        assertThatThrownBy(() -> JsonColumns.retryConfig("{not json"))
                .isInstanceOf(IllegalStateException.class);
    }
}
