package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.Objects;

/**
 * A number an organisation must not call: on its suppression list, checked at every claim of every campaign whose
 * {@link ContactRules#respectSuppression()} holds. A contact with a suppressed number is final as {@code skipped}.
 *
 * @param phoneNumber the E.164 number
 * @param reason      why (the host's words, or the engine's for an opt-out reported with a call's outcome)
 * @param createdAt   when it was added
 */
@JsonPropertyOrder({"phone_number", "reason", "created_at"})
public record Suppression(
        @JsonProperty("phone_number") String phoneNumber,
        @JsonProperty("reason") String reason,
        @JsonProperty("created_at") @JsonSerialize(using = InstantJson.Serializer.class)
        @JsonDeserialize(using = InstantJson.Deserializer.class) Instant createdAt) {

    /** The longest reason kept; a longer one is cut. */
    public static final int MAX_REASON_CHARS = 500;

    public Suppression {
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(createdAt, "createdAt");
        reason = reason == null || reason.isBlank() ? "suppressed" : reason;
    }
}
