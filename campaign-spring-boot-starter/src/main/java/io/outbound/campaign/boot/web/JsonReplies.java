package io.outbound.campaign.boot.web;

import io.outbound.campaign.CampaignJson;
import io.outbound.campaign.FieldError;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Answers written by {@link CampaignJson} as bytes, so that no message converter of the application touches them. */
final class JsonReplies {
    private JsonReplies() {
    }

    static ResponseEntity<byte[]> ok(Object body) {
        return json(ResponseEntity.ok(), body);
    }

    static ResponseEntity<byte[]> created(URI location, Object body) {
        return json(ResponseEntity.created(location), body);
    }

    static ResponseEntity<byte[]> status(int status, Object body) {
        return json(ResponseEntity.status(status), body);
    }

    /** 405 {@code METHOD_NOT_ALLOWED} with the {@code Allow} header. */
    static ResponseEntity<byte[]> methodNotAllowed(String method, String path, String allow) {
        return json(ResponseEntity.status(405).header(HttpHeaders.ALLOW, allow),
                body("METHOD_NOT_ALLOWED", method + " is not allowed on " + path + "; allowed: " + allow, List.of()));
    }

    /** The one error shape: a stable code, a sentence, and the field errors of a validation failure. */
    static ResponseEntity<byte[]> error(int status, String code, String message, List<FieldError> errors) {
        return json(ResponseEntity.status(status), body(code, message, errors));
    }

    private static Map<String, Object> body(String code, String message, List<FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("errors", errors);
        return body;
    }

    private static ResponseEntity<byte[]> json(ResponseEntity.BodyBuilder builder, Object body) {
        return builder.contentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .body(CampaignJson.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
