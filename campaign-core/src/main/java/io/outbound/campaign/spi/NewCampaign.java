package io.outbound.campaign.spi;

import io.outbound.campaign.CallingHours;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ContactRules;
import io.outbound.campaign.RetryConfig;
import java.time.Instant;
import java.util.Objects;

/**
 * A validated campaign to create, in {@code draft}. The store assigns the id.
 *
 * @param orgId                    the owning organisation
 * @param name                     display name
 * @param workflowId               the voice agent
 * @param contactsFileKey          the source CSV's key
 * @param maxConcurrency           the campaign's cap
 * @param callingHours             calling hours, or {@code null}
 * @param retryConfig              retries, or {@code null}
 * @param telephonyConfigurationId the telephony configuration, or {@code null}
 * @param parentCampaignId         the campaign this one redials, or {@code null}
 * @param createdAt                the creation time
 * @param contactRules             the contact rules ({@link ContactRules#DEFAULT} when {@code null})
 */
public record NewCampaign(
        String orgId,
        String name,
        long workflowId,
        String contactsFileKey,
        int maxConcurrency,
        CallingHours callingHours,
        RetryConfig retryConfig,
        Long telephonyConfigurationId,
        Long parentCampaignId,
        Instant createdAt,
        ContactRules contactRules) {

    /** A campaign with the default contact rules. */
    public NewCampaign(String orgId, String name, long workflowId, String contactsFileKey, int maxConcurrency,
                       CallingHours callingHours, RetryConfig retryConfig, Long telephonyConfigurationId,
                       Long parentCampaignId, Instant createdAt) {
        this(orgId, name, workflowId, contactsFileKey, maxConcurrency, callingHours, retryConfig,
                telephonyConfigurationId, parentCampaignId, createdAt, null);
    }


    public NewCampaign {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contactsFileKey, "contactsFileKey");
        Objects.requireNonNull(createdAt, "createdAt");
        contactRules = contactRules == null ? ContactRules.DEFAULT : contactRules;
    }

    /**
     * The campaign as {@link CampaignStore#createCampaign} stores and returns it: in {@code draft}, updated when
     * created, never started, with the import's columns, summary and zones, and every contact pending.
     *
     * @param id       the id the store assigned
     * @param imported what draining the contacts gave
     * @param contacts how many contacts the store wrote
     */
    public Campaign created(long id, ContactSource.ImportResult imported, long contacts) {
        return new Campaign(id, orgId, name, workflowId, contactsFileKey, maxConcurrency, callingHours, retryConfig,
                telephonyConfigurationId, CampaignStatus.DRAFT, null, imported.columns(), imported.summary(),
                parentCampaignId, createdAt, createdAt, null, null,
                CampaignProgress.of(CampaignStatus.DRAFT, contacts, 0, 0, 0, 0, 0), contactRules, imported.zones());
    }
}
