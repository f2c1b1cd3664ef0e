package io.outbound.campaign.samples.http;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.FieldError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The decoded parameters of a request's query string; a repeated parameter keeps its first value. */
final class QueryString {
    private final Map<String, String> values;

    private QueryString(Map<String, String> values) {
        this.values = values;
    }

    static QueryString parse(String rawQuery) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.putIfAbsent(name, value);
            }
        }
        return new QueryString(values);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw CampaignException.validation("query", text, "is not a valid URL-encoded query parameter");
        }
    }

    /** The parameter, or {@code null} when absent or empty. */
    String text(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * The parameters as integers, {@code null} when absent; every one that is not an integer is reported.
     *
     * @throws CampaignException {@code VALIDATION_FAILED} naming each parameter and its value
     */
    Integer[] integers(String... names) {
        Integer[] result = new Integer[names.length];
        List<FieldError> errors = new java.util.ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String value = text(names[i]);
            if (value == null) {
                continue;
            }
            try {
                result[i] = Integer.valueOf(value.trim());
            } catch (NumberFormatException e) {
                errors.add(new FieldError(names[i], value, "must be an integer"));
            }
        }
        if (!errors.isEmpty()) {
            throw CampaignException.validation(errors);
        }
        return result;
    }
}
