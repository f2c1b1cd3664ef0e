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

    /**
     * Whether the text is an integer as {@link Long#toString} writes it: an optional {@code -}, then {@code 0} or a
     * digit 1 to 9 followed by ASCII digits. {@link Long#parseLong} alone also takes {@code +}, leading zeros and
     * the digits of other scripts.
     */
    static boolean isCanonicalDecimal(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start || text.length() > start + 19) {
            return false;
        }
        if (text.charAt(start) == '0') {
            return text.length() == 1;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static Integer canonicalInt(String text) {
        if (!isCanonicalDecimal(text)) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The parameter as given: empty when given without a value, {@code null} only when absent. */
    String given(String name) {
        return values.get(name);
    }

    /** The parameter, or {@code null} when absent or empty. */
    String text(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * The parameters as integers, {@code null} when absent; every one that is not an integer in canonical ASCII
     * decimal (an optional {@code -}, then {@code 0} or a digit 1 to 9 and digits; no {@code +}, leading zeros,
     * spaces or other scripts' digits) is reported.
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
            result[i] = canonicalInt(value);
            if (result[i] == null) {
                errors.add(new FieldError(names[i], value, "must be an integer written in ASCII digits, without '+' "
                        + "or leading zeros"));
            }
        }
        if (!errors.isEmpty()) {
            throw CampaignException.validation(errors);
        }
        return result;
    }
}
