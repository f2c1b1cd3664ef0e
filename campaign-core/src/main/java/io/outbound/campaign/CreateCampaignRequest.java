package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The body of {@code POST /campaign/create}. Required: {@code name}, {@code workflow_id},
 * {@code contacts_file_key}, {@code max_concurrency}. Boxed types let validation tell a missing
 * field from a bad one.
 *
 * @param name                     display name, 1 to 200 characters
 * @param workflowId               the voice agent to run, positive
 * @param contactsFileKey          the key of the uploaded contact CSV in the {@code FileStore}
 * @param maxConcurrency           simultaneous calls, 1 to 1000; further capped by the organisation's
 *                                 limit and its free caller numbers
 * @param callingHours             when calls may start; {@code null} for any time
 * @param retryConfig              retries of busy / unanswered / voicemail attempts; {@code null} for none
 * @param telephonyConfigurationId the telephony configuration to use; {@code null} for the default
 * @param contactRules             local calling hours, attempt limits and suppression; {@code null} for
 *                                 {@link ContactRules#DEFAULT}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"name", "workflow_id", "contacts_file_key", "max_concurrency", "calling_hours", "retry_config",
        "telephony_configuration_id", "contact_rules"})
public record CreateCampaignRequest(
        @JsonProperty("name") String name,
        @JsonProperty("workflow_id") Long workflowId,
        @JsonProperty("contacts_file_key") String contactsFileKey,
        @JsonProperty("max_concurrency") Integer maxConcurrency,
        @JsonProperty("calling_hours") CallingHours callingHours,
        @JsonProperty("retry_config") RetryConfig retryConfig,
        @JsonProperty("telephony_configuration_id") Long telephonyConfigurationId,
        @JsonProperty("contact_rules") ContactRules contactRules) {

    /** A request with the default contact rules. */
    public CreateCampaignRequest(String name, Long workflowId, String contactsFileKey, Integer maxConcurrency,
                                 CallingHours callingHours, RetryConfig retryConfig, Long telephonyConfigurationId) {
        this(name, workflowId, contactsFileKey, maxConcurrency, callingHours, retryConfig, telephonyConfigurationId,
                null);
    }

    /** The required fields only: any time of day, no retries, the default telephony configuration. */
    public static CreateCampaignRequest of(String name, long workflowId, String contactsFileKey, int maxConcurrency) {
        return new CreateCampaignRequest(name, workflowId, contactsFileKey, maxConcurrency, null, null, null);
    }

    /** A copy with the given calling hours. */
    public CreateCampaignRequest withCallingHours(CallingHours hours) {
        return new CreateCampaignRequest(name, workflowId, contactsFileKey, maxConcurrency, hours, retryConfig,
                telephonyConfigurationId, contactRules);
    }

    /** A copy with the given retry configuration. */
    public CreateCampaignRequest withRetryConfig(RetryConfig retry) {
        return new CreateCampaignRequest(name, workflowId, contactsFileKey, maxConcurrency, callingHours, retry,
                telephonyConfigurationId, contactRules);
    }

    /** A copy with the given telephony configuration. */
    public CreateCampaignRequest withTelephonyConfigurationId(Long configurationId) {
        return new CreateCampaignRequest(name, workflowId, contactsFileKey, maxConcurrency, callingHours, retryConfig,
                configurationId, contactRules);
    }

    /** A copy with the given contact rules. */
    public CreateCampaignRequest withContactRules(ContactRules rules) {
        return new CreateCampaignRequest(name, workflowId, contactsFileKey, maxConcurrency, callingHours, retryConfig,
                telephonyConfigurationId, rules);
    }
}
