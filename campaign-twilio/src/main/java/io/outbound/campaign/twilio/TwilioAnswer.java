package io.outbound.campaign.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What Twilio said in an answer to a call request: the new call's SID on success, its error code and message on
 * refusal ({@code {"code": 21211, "message": "...", "status": 400}}), the {@code Retry-After} of a 429 or 503.
 *
 * @param status  the HTTP status
 * @param code    Twilio's error code, or {@code null}
 * @param message Twilio's message (at most {@value #MAX_MESSAGE} characters), or {@code null}
 * @param callSid the created call's SID, or {@code null}
 */
record TwilioAnswer(int status, Integer code, String message, String callSid) {
    static final int MAX_MESSAGE = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    static TwilioAnswer of(HttpResponse<byte[]> response) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return new TwilioAnswer(response.statusCode(), null, null, null);
        }
        JsonNode code = body.get("code");
        JsonNode message = body.get("message");
        JsonNode sid = body.get("sid");
        return new TwilioAnswer(response.statusCode(),
                code != null && code.canConvertToInt() ? code.intValue() : null,
                message != null && message.isTextual() ? clip(message.textValue()) : null,
                sid != null && sid.isTextual() ? clip(sid.textValue()) : null);
    }

    /** Twilio's refusal in words: {@code error 21211: The 'To' number ... (HTTP 400)}. */
    String describe() {
        StringBuilder text = new StringBuilder();
        if (code != null) {
            text.append("error ").append(code);
        }
        if (message != null) {
            text.append(text.length() > 0 ? ": " : "").append(message);
        }
        return text.append(text.length() > 0 ? " " : "").append("(HTTP ").append(status).append(')').toString();
    }

    /** The {@code Retry-After} delay in whole seconds, or zero when absent or given as a date. */
    static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse("").trim();
        if (value.isEmpty() || value.length() > 6 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Duration.ZERO;
        }
        return Duration.ofSeconds(Long.parseLong(value));
    }

    private static String clip(String text) {
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ");
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "…";
    }
}
