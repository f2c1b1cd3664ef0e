package io.outbound.campaign.boot.web;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Reads what a request names: campaign ids, integer query parameters and bounded bodies. */
final class RequestValues {
    private RequestValues() {
    }

    /**
     * The campaign id a path segment names: ASCII digits, no sign or leading zero, within a {@code long}. Any other
     * spelling names no campaign ({@code NOT_FOUND}), so one campaign never answers under several paths.
     */
    static long campaignId(String text) {
        if (isCanonical(text) && !text.startsWith("-") && !text.equals("0")) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                // Past Long.MAX_VALUE: no campaign has that id.
            }
        }
        String shown = text.length() <= 40 ? text : text.substring(0, 40) + "…";
        throw new CampaignException(ErrorCode.NOT_FOUND, "campaign '" + shown + "' not found: a campaign id is "
                + "written in ASCII digits, without sign or leading zeros");
    }

    /**
     * The values as integers, {@code null} when absent or empty; every value that is not an integer in canonical
     * ASCII decimal is reported at once ({@code VALIDATION_FAILED} naming each parameter and its value).
     */
    static Integer[] integers(String[] names, String... values) {
        Integer[] result = new Integer[values.length];
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            String value = text(values[i]);
            if (value == null) {
                continue;
            }
            if (isCanonical(value)) {
                try {
                    result[i] = Integer.valueOf(value);
                    continue;
                } catch (NumberFormatException e) {
                    // Past the int range: reported below.
                }
            }
            errors.add(new FieldError(names[i], value, "must be an integer written in ASCII digits, without '+' "
                    + "or leading zeros"));
        }
        if (!errors.isEmpty()) {
            throw CampaignException.validation(errors);
        }
        return result;
    }

    /** The text, or {@code null} when absent or empty. */
    static String text(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * The whole body, at most {@code limit} bytes.
     *
     * @throws RequestRefused 413 {@code PAYLOAD_TOO_LARGE} when it is longer
     */
    static byte[] body(HttpServletRequest request, long limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        InputStream in = request.getInputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > limit) {
                throw tooLarge(limit);
            }
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    private static RequestRefused tooLarge(long limit) {
        return new RequestRefused(413, "PAYLOAD_TOO_LARGE", "a JSON request body must be at most " + limit
                + " bytes (campaign.web.max-json-size)");
    }

    /** An optional {@code -}, then {@code 0} or a digit 1 to 9 and ASCII digits, at most 19 of them. */
    private static boolean isCanonical(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start || text.length() > start + 19) {
            return false;
        }
        if (text.charAt(start) == '0') {
            return text.length() == start + 1;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
