package io.outbound.campaign.internal.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.spi.CallerPool;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in a running campaign's progress which of the three caps on its concurrency binds when it is not the
 * campaign's own {@code max_concurrency} (DESIGN section 6: effective concurrency = min(max_concurrency, the
 * organisation's limit, the caller numbers' capacity)). Progress is what dashboards poll, so this reads no more
 * rows: the campaign's settings come from a small cache (refreshed every {@link #SETTINGS_TTL} by the engine's
 * clock, and at once after an update on this node), the caps from the host's {@code TelephonyConfigs} and
 * {@code OrgLimits}.
 */
final class ConcurrencyBounds {
    /** How long a campaign's {@code max_concurrency} and configuration are reused for progress. */
    static final Duration SETTINGS_TTL = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(ConcurrencyBounds.class);

    private final EngineSettings settings;
    private final Cache<Long, Campaign> campaigns;

    ConcurrencyBounds(EngineSettings settings) {
        this.settings = settings;
        this.campaigns = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(SETTINGS_TTL)
                .ticker(() -> settings.clock().millis() * 1_000_000L).build();
    }

    /** The progress, with {@code concurrency_bound_by} when the campaign is running and another cap binds. */
    CampaignProgress describe(String orgId, long campaignId, CampaignProgress progress) {
        if (progress.status() != CampaignStatus.RUNNING) {
            return progress;
        }
        try {
            Campaign campaign = campaigns.get(campaignId,
                    id -> settings.store().findCampaign(orgId, id).orElse(null));
            if (campaign == null) {
                return progress;
            }
            Optional<CallerPool> pool = settings.telephonyConfigs().callerPool(campaign.orgId(),
                    campaign.telephonyConfigurationId());
            long callerCapacity = pool.map(p -> (long) p.numbers().size() * p.maxCallsPerNumber()).orElse(0L);
            int orgLimit = settings.orgLimits().concurrentCallLimit(campaign.orgId());
            return progress.withConcurrencyBoundBy(boundBy(campaign.maxConcurrency(), callerCapacity, orgLimit));
        } catch (RuntimeException e) {
            // Progress must not fail for a hint: a host SPI or the store throwing leaves it out.
            log.debug("could not tell which cap bounds campaign {}", campaignId, e);
            return progress;
        }
    }

    /** Forgets a campaign's settings (after an update on this node). */
    void forget(long campaignId) {
        campaigns.invalidate(campaignId);
    }

    /**
     * Which cap is below the campaign's {@code max_concurrency}: {@code org_limit} when the organisation's limit is
     * the smallest, {@code caller_numbers} when the caller numbers carry fewer calls at once; {@code null} when
     * {@code max_concurrency} itself binds (ties go to it).
     */
    static String boundBy(int maxConcurrency, long callerCapacity, int orgLimit) {
        long smallest = Math.min(maxConcurrency, Math.min(callerCapacity, orgLimit));
        if (smallest == maxConcurrency) {
            return null;
        }
        return smallest == orgLimit ? CampaignProgress.BOUND_BY_ORG_LIMIT : CampaignProgress.BOUND_BY_CALLER_NUMBERS;
    }
}
