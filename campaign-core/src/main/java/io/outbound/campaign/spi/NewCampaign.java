package io.outbound.campaign.spi;

import io.outbound.campaign.CallingHours;
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
        Instant createdAt) {

    public NewCampaign {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contactsFileKey, "contactsFileKey");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
