package io.outbound.campaign.spi;

import io.outbound.campaign.CallingHours;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ContactRules;
import io.outbound.campaign.RetryConfig;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link CampaignStore#updateCampaign} writes: a campaign's writable fields, and nothing else. Counters,
 * contact columns, the import summary, the file key and the ids are the store's to keep; no change can touch
 * them.
 *
 * @param name           the name
 * @param maxConcurrency calls at once
 * @param callingHours   when calls may be placed, or {@code null}
 * @param retryConfig    the retry settings, or {@code null}
 * @param status         the status
 * @param statusReason   why the engine paused or failed it, or {@code null}
 * @param updatedAt      when its settings or status last changed
 * @param startedAt      when it first started, or {@code null}
 * @param completedAt    when it completed or failed, or {@code null}
 * @param contactRules   the contact rules (its {@code timezone_column} is the import's and cannot change)
 */
public record CampaignChange(String name, int maxConcurrency, CallingHours callingHours, RetryConfig retryConfig,
                             CampaignStatus status, String statusReason, Instant updatedAt, Instant startedAt,
                             Instant completedAt, ContactRules contactRules) {

    public CampaignChange {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(contactRules, "contactRules");
    }

    /** No change: the campaign's writable fields as they are. */
    public static CampaignChange none(Campaign current) {
        return new CampaignChange(current.name(), current.maxConcurrency(), current.callingHours(),
                current.retryConfig(), current.status(), current.statusReason(), current.updatedAt(),
                current.startedAt(), current.completedAt(), current.contactRules());
    }

    /**
     * This change moving the campaign to another status, with its reason, at {@code now}: a first start stamps
     * {@code started_at}, a terminal status {@code completed_at}.
     */
    public CampaignChange toStatus(CampaignStatus next, String reason, Instant now) {
        Instant started = startedAt == null && next == CampaignStatus.RUNNING ? now : startedAt;
        return new CampaignChange(name, maxConcurrency, callingHours, retryConfig, next, reason, now, started,
                next.terminal() ? now : null, contactRules);
    }

    /** This change with new settings, at {@code now}. */
    public CampaignChange toSettings(String newName, int newMaxConcurrency, CallingHours newHours,
                                     RetryConfig newRetry, Instant now) {
        return new CampaignChange(newName, newMaxConcurrency, newHours, newRetry, status, statusReason, now,
                startedAt, completedAt, contactRules);
    }

    /** This change with other contact rules, at {@code now}. */
    public CampaignChange toContactRules(ContactRules rules, Instant now) {
        return new CampaignChange(name, maxConcurrency, callingHours, retryConfig, status, statusReason, now,
                startedAt, completedAt, rules);
    }

    /** Whether applying this change to {@code current} would change anything. */
    public boolean changes(Campaign current) {
        return !equals(none(current));
    }

    /** The campaign with this change applied; everything else as in {@code current}. */
    public Campaign applyTo(Campaign current) {
        return new Campaign(current.id(), current.orgId(), name, current.workflowId(), current.contactsFileKey(),
                maxConcurrency, callingHours, retryConfig, current.telephonyConfigurationId(), status, statusReason,
                current.contactColumns(), current.importSummary(), current.parentCampaignId(), current.createdAt(),
                updatedAt, startedAt, completedAt, current.progress(), contactRules, current.contactZones());
    }
}
