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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The JSON text kept in text columns: settings, import summaries, contact values and session data. The model
 * records map with a plain {@link ObjectMapper}, so the columns hold exactly the API's JSON.
 */
final class JsonColumns {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, String>> TEXT_MAP = new TypeReference<>() { };
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Texts longer than this are parsed at every read, not kept by a {@link ParsedTexts}. */
    static final int CACHED_TEXT_LIMIT = 8 * 1024;
    /** The most characters of text one {@link ParsedTexts} keeps; past it, it starts over. */
    static final int CACHED_CHARS = 64 * 1024;
    private static final ParsedTexts<CallingHours> CALLING_HOURS = new ParsedTexts<>(
            json -> read(json, CallingHours.class));
    private static final ParsedTexts<RetryConfig> RETRY_CONFIGS = new ParsedTexts<>(
            json -> read(json, RetryConfig.class));
    private static final ParsedTexts<ContactRules> CONTACT_RULES = new ParsedTexts<>(json -> {
        ContactRules rules = read(json, ContactRules.class);
        return rules == null ? ContactRules.DEFAULT : rules;
    });
    private static final ParsedTexts<ImportSummary> IMPORT_SUMMARIES = new ParsedTexts<>(
            json -> read(json, ImportSummary.class));
    private static final ParsedTexts<List<String>> NAME_LISTS = new ParsedTexts<>(json -> List.copyOf(strings(json)));

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

    /**
     * A list of strings as a JSON array, as {@link ObjectMapper} writes it, without its per-call cost: a
     * contact's values are written once per contact of an import.
     */
    static String stringArray(List<String> values) {
        return appendStringArray(new StringBuilder(16 * values.size() + 2), values, "\"").toString();
    }

    /**
     * Appends a list of strings as a JSON array, each quote of the JSON written as {@code quote}: {@code "} for
     * the JSON itself, {@code ""} for the JSON inside a quoted CSV field. Quotes and backslashes in a value are
     * escaped, and the characters below U+0020 ({@code \n}, {@code \t}, ..., or {@code \}{@code u00XX});
     * everything else is copied as it is, as Jackson does by default.
     */
    static StringBuilder appendStringArray(StringBuilder out, List<String> values, String quote) {
        out.append('[');
        for (int v = 0; v < values.size(); v++) {
            if (v > 0) {
                out.append(',');
            }
            String value = values.get(v);
            out.append(quote);
            int copied = 0;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c >= 0x20 && c != '"' && c != '\\') {
                    continue;
                }
                out.append(value, copied, i).append('\\');
                switch (c) {
                    case '"' -> out.append(quote);
                    case '\\' -> out.append('\\');
                    case '\n' -> out.append('n');
                    case '\r' -> out.append('r');
                    case '\t' -> out.append('t');
                    case '\b' -> out.append('b');
                    case '\f' -> out.append('f');
                    default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                }
                copied = i + 1;
            }
            out.append(value, copied, value.length()).append(quote);
        }
        return out.append(']');
    }

    // A campaign's settings columns are read at every claim, outcome group and progress read, and change only when
    // a host edits the campaign: each text is parsed once (ParsedTexts) into the immutable value every read shares.

    static CallingHours callingHours(String json) {
        return CALLING_HOURS.get(json);
    }

    static RetryConfig retryConfig(String json) {
        return RETRY_CONFIGS.get(json);
    }

    /** The contact rules, the defaults when the column is empty. */
    static ContactRules contactRules(String json) {
        return json == null ? ContactRules.DEFAULT : CONTACT_RULES.get(json);
    }

    static ImportSummary importSummary(String json) {
        return IMPORT_SUMMARIES.get(json);
    }

    /** A campaign's list of names (its contact columns, its zones): unmodifiable, shared between reads. */
    static List<String> names(String json) {
        return json == null ? List.of() : NAME_LISTS.get(json);
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

    /**
     * The values of JSON texts, each parsed once and then shared: for immutable values only. Bounded in memory:
     * a text over {@value #CACHED_TEXT_LIMIT} characters is parsed at every read, and once the texts kept reach
     * {@value #CACHED_CHARS} characters the map starts over (a campaign's settings are a few hundred characters and
     * repeat across reads; a host with more distinct settings than that keeps parsing, as without the map).
     */
    static final class ParsedTexts<T> {
        private final ConcurrentHashMap<String, T> values = new ConcurrentHashMap<>();
        private final AtomicInteger chars = new AtomicInteger();
        private final Function<String, T> parse;

        ParsedTexts(Function<String, T> parse) {
            this.parse = parse;
        }

        T get(String json) {
            if (json == null || json.length() > CACHED_TEXT_LIMIT) {
                return parse.apply(json);
            }
            T value = values.get(json);
            if (value == null) {
                value = parse.apply(json);
                if (chars.addAndGet(json.length()) > CACHED_CHARS) {
                    values.clear();
                    chars.set(json.length());
                }
                values.put(json, value);
            }
            return value;
        }

        /** The characters of the texts kept, as counted (a text two threads parsed at once counts twice). */
        int chars() {
            return chars.get();
        }

        int size() {
            return values.size();
        }
    }

    private static IllegalStateException corrupt(String json, Exception cause) {
        String shown = json.length() > 80 ? json.substring(0, 80) + "..." : json;
        return new IllegalStateException("stored JSON cannot be read: " + shown, cause);
    }
}
