package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A URL that grants one kind of access to one file until it expires.
 *
 * @param url       the URL
 * @param method    the HTTP method it is signed for: {@code GET} or {@code PUT}
 * @param expiresAt when it stops working
 */
@JsonPropertyOrder({"url", "method", "expires_at"})
public record PresignedUrl(
        @JsonProperty("url") URI url,
        @JsonProperty("method") String method,
        @JsonProperty("expires_at") @JsonSerialize(using = InstantJson.Serializer.class)
        @JsonDeserialize(using = InstantJson.Deserializer.class) Instant expiresAt) {

    public PresignedUrl {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
