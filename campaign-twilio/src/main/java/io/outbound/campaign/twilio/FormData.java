package io.outbound.campaign.twilio;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code application/x-www-form-urlencoded} both ways: the call request's body, the callbacks' bodies and queries. */
final class FormData {
    /** The most fields one callback body or query may have; Twilio's status callbacks have about twenty. */
    static final int MAX_FIELDS = 200;

    private FormData() {
    }

    /** Encodes fields in the order given, repeating a name once per value. */
    static String encode(Map<String, List<String>> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((name, values) -> {
            for (String value : values) {
                if (out.length() > 0) {
                    out.append('&');
                }
                out.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return out.toString();
    }

    /**
     * Decodes a body or query string ({@code null} or empty: no fields). A field without {@code =} has the empty
     * value, as browsers and Twilio's own validators read it.
     *
     * @throws IllegalArgumentException when a percent escape is malformed, or there are more than
     *                                  {@value #MAX_FIELDS} fields
     */
    static Map<String, List<String>> decode(String text) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return fields;
        }
        int count = 0;
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            if (++count > MAX_FIELDS) {
                throw new IllegalArgumentException("a form may have at most " + MAX_FIELDS + " fields");
            }
            int eq = pair.indexOf('=');
            String name = decodePart(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodePart(pair.substring(eq + 1));
            fields.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
        }
        return fields;
    }

    private static String decodePart(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            String shown = part.length() <= 40 ? part : part.substring(0, 40) + "…";
            throw new IllegalArgumentException("malformed percent escape in form field '" + shown + "'", e);
        }
    }
}
