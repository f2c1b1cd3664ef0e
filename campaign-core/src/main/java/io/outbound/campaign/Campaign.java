package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.outbound.campaign.spi.CampaignChange;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A campaign as stored: its settings, status and counters. Immutable; every change produces a new
 * value through the {@code with*} methods.
 *
 * @param id                       the campaign id, unique across organisations
 * @param orgId                    the owning organisation (tenant); not part of the JSON
 * @param name                     display name
 * @param workflowId               the voice agent dialled contacts talk to
 * @param contactsFileKey          the key of the source CSV in the {@code FileStore}
 * @param maxConcurrency           the campaign's cap on simultaneous calls
 * @param callingHours             when calls may start, or {@code null} for any time
 * @param retryConfig              retries, or {@code null} for none
 * @param telephonyConfigurationId the telephony configuration, or {@code null} for the organisation's default
 * @param status                   where the campaign is in its lifecycle
 * @param statusReason             why it failed or was paused by the engine, or {@code null}
 * @param contactColumns           the contact columns other than {@code phone_number}, in file order
 * @param importSummary            what became of the contacts file
 * @param parentCampaignId         the campaign this one redials, or {@code null}
 * @param createdAt                when it was created
 * @param updatedAt                when its settings or status last changed
 * @param startedAt                when it was first started, or {@code null}
 * @param completedAt              when it completed or failed, or {@code null}
 * @param progress                 the contact counters
 * @param contactRules             the rules applied to each contact in its own terms ({@link ContactRules#DEFAULT}
 *                                 when {@code null})
 * @param contactZones             the distinct local-time facts of the contacts, resolved at import (each contact
 *                                 keeps its index in this list); not part of the JSON
 */
@JsonPropertyOrder({"id", "name", "workflow_id", "contacts_file_key", "max_concurrency", "calling_hours",
        "retry_config", "telephony_configuration_id", "status", "status_reason", "contact_columns", "import_summary",
        "parent_campaign_id", "created_at", "updated_at", "started_at", "completed_at", "progress", "contact_rules"})
public record Campaign(
        @JsonProperty("id") long id,
        @JsonIgnore String orgId,
        @JsonProperty("name") String name,
        @JsonProperty("workflow_id") long workflowId,
        @JsonProperty("contacts_file_key") String contactsFileKey,
        @JsonProperty("max_concurrency") int maxConcurrency,
        @JsonProperty("calling_hours") CallingHours callingHours,
        @JsonProperty("retry_config") RetryConfig retryConfig,
        @JsonProperty("telephony_configuration_id") Long telephonyConfigurationId,
        @JsonProperty("status") CampaignStatus status,
        @JsonProperty("status_reason") String statusReason,
        @JsonProperty("contact_columns") List<String> contactColumns,
        @JsonProperty("import_summary") ImportSummary importSummary,
        @JsonProperty("parent_campaign_id") Long parentCampaignId,
        @JsonProperty("created_at") @JsonSerialize(using = InstantJson.Serializer.class)
        @JsonDeserialize(using = InstantJson.Deserializer.class) Instant createdAt,
        @JsonProperty("updated_at") @JsonSerialize(using = InstantJson.Serializer.class)
        @JsonDeserialize(using = InstantJson.Deserializer.class) Instant updatedAt,
        @JsonProperty("started_at") @JsonSerialize(using = InstantJson.Serializer.class)
        @JsonDeserialize(using = InstantJson.Deserializer.class) Instant startedAt,
        @JsonProperty("completed_at") @JsonSerialize(using = InstantJson.Serializer.class)
        @JsonDeserialize(using = InstantJson.Deserializer.class) Instant completedAt,
        @JsonProperty("progress") CampaignProgress progress,
        @JsonProperty("contact_rules") ContactRules contactRules,
        @JsonIgnore List<String> contactZones) {

    /** A campaign with the default contact rules and no resolved zones. */
    public Campaign(long id, String orgId, String name, long workflowId, String contactsFileKey, int maxConcurrency,
                    CallingHours callingHours, RetryConfig retryConfig, Long telephonyConfigurationId,
                    CampaignStatus status, String statusReason, List<String> contactColumns, ImportSummary importSummary,
                    Long parentCampaignId, Instant createdAt, Instant updatedAt, Instant startedAt, Instant completedAt,
                    CampaignProgress progress) {
        this(id, orgId, name, workflowId, contactsFileKey, maxConcurrency, callingHours, retryConfig,
                telephonyConfigurationId, status, statusReason, contactColumns, importSummary, parentCampaignId,
                createdAt, updatedAt, startedAt, completedAt, progress, null, null);
    }

    public Campaign {
        Objects.requireNonNull(status, "status");
        contactColumns = contactColumns == null ? List.of() : List.copyOf(contactColumns);
        contactRules = contactRules == null ? ContactRules.DEFAULT : contactRules;
        contactZones = contactZones == null ? List.of() : List.copyOf(contactZones);
        if (progress == null) {
            progress = CampaignProgress.of(status, 0, 0, 0, 0, 0, 0);
        } else if (progress.status() != status) {
            progress = new CampaignProgress(progress.totalContacts(), progress.dialled(), progress.answered(),
                    progress.completed(), progress.failed(), progress.pending(), progress.inProgress(), status,
                    progress.retryScheduled(), progress.skipped());
        }
    }

    /** A copy in another status, with its reason and the time of the change. */
    public Campaign withStatus(CampaignStatus newStatus, String reason, Instant now) {
        return CampaignChange.none(this).toStatus(newStatus, reason, now).applyTo(this);
    }

    /** A copy with new settings (the fields an update may change). */
    public Campaign withSettings(String newName, int newMaxConcurrency, CallingHours newHours, RetryConfig newRetry,
                                 Instant now) {
        return CampaignChange.none(this).toSettings(newName, newMaxConcurrency, newHours, newRetry, now)
                .applyTo(this);
    }

    /** A copy with other counters. */
    public Campaign withProgress(CampaignProgress newProgress) {
        return new Campaign(id, orgId, name, workflowId, contactsFileKey, maxConcurrency, callingHours, retryConfig,
                telephonyConfigurationId, status, statusReason, contactColumns, importSummary, parentCampaignId,
                createdAt, updatedAt, startedAt, completedAt, newProgress, contactRules, contactZones);
    }
}
