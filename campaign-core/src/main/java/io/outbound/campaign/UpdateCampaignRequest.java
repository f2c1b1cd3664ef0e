package io.outbound.campaign;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The body of {@code PATCH /campaign/{id}}: only the fields present change. A field present with
 * {@code null} is different from an absent one: {@code "calling_hours": null} removes the calling-hours
 * restriction and {@code "retry_config": null} turns retries off, while leaving them out keeps them.
 * {@code name} and {@code max_concurrency} cannot be null when present.
 *
 * <p>Build one in Java with {@link #builder()}; from JSON, presence is read from the body.
 *
 * @param name           the new display name
 * @param maxConcurrency the new concurrency cap, applied from the next dial
 * @param callingHours   the new calling hours, or {@code null} (when present) for any time
 * @param retryConfig    the new retry configuration, or {@code null} (when present) for none
 * @param contactRules   the new contact rules, or {@code null} (when present) for {@link ContactRules#DEFAULT}; the
 *                       {@code timezone_column} cannot change (zones are resolved at import)
 * @param present        which fields the request carries
 */
@JsonDeserialize(using = UpdateCampaignRequest.Reader.class)
@JsonSerialize(using = UpdateCampaignRequest.Writer.class)
public record UpdateCampaignRequest(
        String name,
        Integer maxConcurrency,
        CallingHours callingHours,
        RetryConfig retryConfig,
        ContactRules contactRules,
        Set<Field> present) {

    /** The fields an update may carry, with their JSON names. */
    public enum Field {
        NAME("name"), MAX_CONCURRENCY("max_concurrency"), CALLING_HOURS("calling_hours"), RETRY_CONFIG("retry_config"),
        CONTACT_RULES("contact_rules");

        private final String json;

        Field(String json) {
            this.json = json;
        }

        /** The JSON name of the field. */
        public String json() {
            return json;
        }
    }

    /** An update that leaves the contact rules alone. */
    public UpdateCampaignRequest(String name, Integer maxConcurrency, CallingHours callingHours, RetryConfig retryConfig,
                                 Set<Field> present) {
        this(name, maxConcurrency, callingHours, retryConfig, null, present);
    }

    public UpdateCampaignRequest {
        present = present == null || present.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(Field.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(present));
    }

    /** Whether the request carries the field (possibly as null). */
    public boolean has(Field field) {
        return present.contains(field);
    }

    /** A builder; only the fields set on it are present. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an update field by field; setting a field (even to null) makes it present. */
    public static final class Builder {
        private String name;
        private Integer maxConcurrency;
        private CallingHours callingHours;
        private RetryConfig retryConfig;
        private ContactRules contactRules;
        private final Set<Field> present = EnumSet.noneOf(Field.class);

        private Builder() {
        }

        public Builder name(String value) {
            name = value;
            present.add(Field.NAME);
            return this;
        }

        public Builder maxConcurrency(Integer value) {
            maxConcurrency = value;
            present.add(Field.MAX_CONCURRENCY);
            return this;
        }

        /** Sets the calling hours; {@code null} removes the restriction. */
        public Builder callingHours(CallingHours value) {
            callingHours = value;
            present.add(Field.CALLING_HOURS);
            return this;
        }

        /** Sets the retry configuration; {@code null} turns retries off. */
        public Builder retryConfig(RetryConfig value) {
            retryConfig = value;
            present.add(Field.RETRY_CONFIG);
            return this;
        }

        /** Sets the contact rules; {@code null} returns to {@link ContactRules#DEFAULT}. */
        public Builder contactRules(ContactRules value) {
            contactRules = value;
            present.add(Field.CONTACT_RULES);
            return this;
        }

        public UpdateCampaignRequest build() {
            return new UpdateCampaignRequest(name, maxConcurrency, callingHours, retryConfig, contactRules, present);
        }
    }

    /**
     * Reads the body, remembering which fields it names; an unknown field is a problem reported as such. It reads
     * each value from the body's own parser, so that a problem deep inside one (an unknown field in a slot) is
     * named by its whole path.
     */
    static final class Reader extends JsonDeserializer<UpdateCampaignRequest> {
        @Override
        public UpdateCampaignRequest deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.isExpectedStartObjectToken()) {
                return (UpdateCampaignRequest) ctxt.handleUnexpectedToken(UpdateCampaignRequest.class, p);
            }
            Builder builder = builder();
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                boolean isNull = p.nextToken() == JsonToken.VALUE_NULL;
                try {
                    read(field, isNull, builder, p, ctxt);
                } catch (JsonMappingException e) {
                    throw JsonMappingException.wrapWithPath(e, UpdateCampaignRequest.class, field);
                }
            }
            return builder.build();
        }

        private void read(String field, boolean isNull, Builder builder, JsonParser p, DeserializationContext ctxt)
                throws IOException {
            switch (field) {
                case "name" -> builder.name(isNull ? null : ctxt.readValue(p, String.class));
                case "max_concurrency" -> builder.maxConcurrency(isNull ? null : ctxt.readValue(p, Integer.class));
                case "calling_hours" -> builder.callingHours(isNull ? null : ctxt.readValue(p, CallingHours.class));
                case "retry_config" -> builder.retryConfig(isNull ? null : ctxt.readValue(p, RetryConfig.class));
                case "contact_rules" -> builder.contactRules(isNull ? null : ctxt.readValue(p, ContactRules.class));
                default -> ctxt.handleUnknownProperty(p, this, UpdateCampaignRequest.class, field);
            }
        }
    }

    /** Writes only the present fields, nulls included. */
    static final class Writer extends JsonSerializer<UpdateCampaignRequest> {
        @Override
        public void serialize(UpdateCampaignRequest value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            gen.writeStartObject();
            if (value.has(Field.NAME)) {
                provider.defaultSerializeField("name", value.name(), gen);
            }
            if (value.has(Field.MAX_CONCURRENCY)) {
                provider.defaultSerializeField("max_concurrency", value.maxConcurrency(), gen);
            }
            if (value.has(Field.CALLING_HOURS)) {
                provider.defaultSerializeField("calling_hours", value.callingHours(), gen);
            }
            if (value.has(Field.RETRY_CONFIG)) {
                provider.defaultSerializeField("retry_config", value.retryConfig(), gen);
            }
            if (value.has(Field.CONTACT_RULES)) {
                provider.defaultSerializeField("contact_rules", value.contactRules(), gen);
            }
            gen.writeEndObject();
        }
    }
}
