package io.outbound.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;

/**
 * The hand-written encoder of contact values writes what Jackson writes, for any text, and its CSV form is the
 * same JSON with every quote doubled.
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
}
