package io.outbound.campaign.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outbound.campaign.CallingHours;
import io.outbound.campaign.ContactRules;
import io.outbound.campaign.ImportSummary;
import io.outbound.campaign.RetryConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON text kept in text columns: settings, import summaries, contact values and session data. The model
 * records map with a plain {@link ObjectMapper}, so the columns hold exactly the API's JSON.
 */
final class JsonColumns {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, String>> TEXT_MAP = new TypeReference<>() { };

    private JsonColumns() {
    }

    static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static CallingHours callingHours(String json) {
        return read(json, CallingHours.class);
    }

    static RetryConfig retryConfig(String json) {
        return read(json, RetryConfig.class);
    }

    /** The contact rules, the defaults when the column is empty. */
    static ContactRules contactRules(String json) {
        ContactRules rules = read(json, ContactRules.class);
        return rules == null ? ContactRules.DEFAULT : rules;
    }

    static ImportSummary importSummary(String json) {
        return read(json, ImportSummary.class);
    }

    static List<String> strings(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return MAPPER.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw corrupt(json, e);
        }
    }

    static Map<String, Object> object(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw corrupt(json, e);
        }
    }

    static Map<String, String> textMap(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(json, TEXT_MAP);
        } catch (JsonProcessingException e) {
            throw corrupt(json, e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw corrupt(json, e);
        }
    }

    private static IllegalStateException corrupt(String json, Exception cause) {
        String shown = json.length() > 80 ? json.substring(0, 80) + "..." : json;
        return new IllegalStateException("stored JSON cannot be read: " + shown, cause);
    }
}
