package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A URL that grants one kind of access to one file until it expires.
 *
 * @param url       the URL
 * @param method    the HTTP method it is signed for: {@code GET} or {@code PUT}
 * @param expiresAt when it stops working
 * @param headers   headers the request must carry for the URL to work, such as the {@code If-None-Match: *} that
 *                  makes an S3 upload create its object and never replace one; empty for most URLs, and then left
 *                  out of the JSON
 */
@JsonPropertyOrder({"url", "method", "expires_at", "headers"})
public record PresignedUrl(
        @JsonProperty("url") URI url,
        @JsonProperty("method") String method,
        @JsonProperty("expires_at") @JsonSerialize(using = InstantJson.Serializer.class)
        @JsonDeserialize(using = InstantJson.Deserializer.class) Instant expiresAt,
        @JsonProperty("headers") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> headers) {

    @JsonCreator
    public PresignedUrl {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(expiresAt, "expiresAt");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A URL that needs no particular header. */
    public PresignedUrl(URI url, String method, Instant expiresAt) {
        this(url, method, expiresAt, Map.of());
    }
}
