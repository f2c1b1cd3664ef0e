package io.outbound.campaign;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import io.outbound.campaign.internal.validation.Instants;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * ISO 8601 text for {@link Instant} fields, so the model maps with a plain {@code ObjectMapper}
 * (no Java-time module needed by the host).
 */
final class InstantJson {
    private InstantJson() {
    }

    /** Writes {@code 2026-06-01T13:00:00Z}. */
    static final class Serializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    /** Reads an ISO 8601 instant, with {@code Z} or an offset. */
    static final class Deserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return parse(text);
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text,
                        "not an ISO 8601 date-time in the years 0001 to 9999, such as 2026-06-01T13:00:00Z");
            }
        }
    }

    /** Parses {@code 2026-06-01T13:00:00Z} or {@code 2026-06-01T09:00:00-04:00}, in the years 0001 to 9999. */
    static Instant parse(String text) {
        return Instants.parse(text);
    }
}
