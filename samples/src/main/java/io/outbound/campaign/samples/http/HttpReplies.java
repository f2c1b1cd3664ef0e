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

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        bytes(exchange, status, JSON, CampaignJson.write(body).getBytes(StandardCharsets.UTF_8));
    }

    static void error(HttpExchange exchange, int status, String code, String message, List<FieldError> errors)
            throws IOException {
        json(exchange, status, new ErrorBody(code, message, errors));
    }

    static void bytes(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
