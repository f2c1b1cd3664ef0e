package io.outbound.campaign.samples.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.sun.net.httpserver.HttpExchange;
import io.outbound.campaign.CampaignJson;
import io.outbound.campaign.FieldError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** How the host answers: JSON bodies with a fixed length, and the one error shape. */
final class HttpReplies {
    static final String JSON = "application/json; charset=utf-8";

    private HttpReplies() {
    }

    /**
     * The error body of every failure: a stable code, a sentence, and the field errors of a validation failure.
     *
     * @param code    {@code NOT_FOUND}, {@code VALIDATION_FAILED}, {@code UNAUTHORIZED}, ...
     * @param message what was wrong, naming the value
     * @param errors  each violation; empty unless the request failed validation
     */
    @JsonPropertyOrder({"code", "message", "errors"})
    record ErrorBody(@JsonProperty("code") String code, @JsonProperty("message") String message,
                     @JsonProperty("errors") List<FieldError> errors) {
    }

    /**
     * Sets a response header, refusing a value that is not printable ASCII. The JDK's server writes each character
     * of a header as its low byte, so {@code U+010A} would go out as a line feed: a value built from data must be
     * encoded first ({@link ContentDisposition}), and one that was not fails here instead of splitting the response.
     *
     * @throws IllegalArgumentException naming the header and the first offending character
     */
    static void header(HttpExchange exchange, String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 || c > 0x7e) && c != '\t') {
                throw new IllegalArgumentException("the " + name + " header must be printable ASCII, had U+"
                        + String.format("%04X", (int) c) + " at character " + (i + 1));
            }
        }
        exchange.getResponseHeaders().set(name, value);
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        bytes(exchange, status, JSON, CampaignJson.write(body).getBytes(StandardCharsets.UTF_8));
    }

    static void error(HttpExchange exchange, int status, String code, String message, List<FieldError> errors)
            throws IOException {
        json(exchange, status, new ErrorBody(code, message, errors));
    }

    static void bytes(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        header(exchange, "Content-Type", contentType);
        header(exchange, "Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
