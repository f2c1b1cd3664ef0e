package io.outbound.campaign.rules;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignStatus;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The campaign state machine of DESIGN section 4, in one table: for each status and action, the status
 * after the action, or no entry when the action is not allowed ({@code INVALID_STATE}). Update and redial
 * leave the campaign's status as it is; starting a running campaign and pausing a paused one are
 * idempotent.
 *
 * <p>The engine's own moves ({@code running -> completed}, {@code running -> paused} after repeated
 * technical failures, {@code running -> failed} on a fatal error) are not caller actions and are not in the
 * table: {@link #completedIfFinished}, {@link #pausedAfterFailures} and {@link #failed} decide them, for the
 * engine and for every store alike, with the status reasons a host sees.
 */
public final class CampaignLifecycle {

    private static final Map<CampaignStatus, Map<CampaignAction, CampaignStatus>> TABLE =
            new EnumMap<>(CampaignStatus.class);

    static {
        allow(CampaignStatus.DRAFT, CampaignAction.START, CampaignStatus.RUNNING);
        allow(CampaignStatus.DRAFT, CampaignAction.UPDATE, CampaignStatus.DRAFT);

        allow(CampaignStatus.RUNNING, CampaignAction.START, CampaignStatus.RUNNING);
        allow(CampaignStatus.RUNNING, CampaignAction.PAUSE, CampaignStatus.PAUSED);
        allow(CampaignStatus.RUNNING, CampaignAction.RESUME, CampaignStatus.RUNNING);
        allow(CampaignStatus.RUNNING, CampaignAction.UPDATE, CampaignStatus.RUNNING);

        allow(CampaignStatus.PAUSED, CampaignAction.PAUSE, CampaignStatus.PAUSED);
        allow(CampaignStatus.PAUSED, CampaignAction.RESUME, CampaignStatus.RUNNING);
        allow(CampaignStatus.PAUSED, CampaignAction.UPDATE, CampaignStatus.PAUSED);
        allow(CampaignStatus.PAUSED, CampaignAction.REDIAL, CampaignStatus.PAUSED);

        allow(CampaignStatus.COMPLETED, CampaignAction.REDIAL, CampaignStatus.COMPLETED);
        allow(CampaignStatus.FAILED, CampaignAction.REDIAL, CampaignStatus.FAILED);
    }

    private CampaignLifecycle() {
    }

    private static void allow(CampaignStatus from, CampaignAction action, CampaignStatus to) {
        TABLE.computeIfAbsent(from, s -> new EnumMap<>(CampaignAction.class)).put(action, to);
    }

    /** Whether the action is allowed in the status. */
    public static boolean allows(CampaignStatus from, CampaignAction action) {
        return TABLE.getOrDefault(from, Map.of()).containsKey(action);
    }

    /**
     * The status after the action.
     *
     * @throws CampaignException {@code INVALID_STATE} naming the campaign, the action and the status when the
     *                           action is not allowed
     */
    public static CampaignStatus apply(long campaignId, CampaignStatus from, CampaignAction action) {
        CampaignStatus to = TABLE.getOrDefault(from, Map.of()).get(action);
        if (to == null) {
            throw CampaignException.invalidState(campaignId, action.verb(), from);
        }
        return to;
    }

    /**
     * The campaign completed when it is running and nothing is pending, in flight or waiting for a retry;
     * otherwise the campaign unchanged.
     */
    public static Campaign completedIfFinished(Campaign campaign, Instant now) {
        if (campaign.status() == CampaignStatus.RUNNING && campaign.progress() != null
                && campaign.progress().finished()) {
            return campaign.withStatus(CampaignStatus.COMPLETED, null, now);
        }
        return campaign;
    }

    /**
     * The campaign paused after {@code failures} technical failures in a row, the last for {@code lastReason}
     * ({@code null} when the carrier gave none); a campaign not running is returned unchanged.
     */
    public static Campaign pausedAfterFailures(Campaign campaign, int failures, String lastReason, Instant now) {
        if (campaign.status() != CampaignStatus.RUNNING) {
            return campaign;
        }
        String last = lastReason == null ? "no reason given" : lastReason;
        return campaign.withStatus(CampaignStatus.PAUSED,
                "paused after " + failures + " technical failures in a row; last: " + last, now);
    }

    /**
     * The campaign failed for a fatal reason (its workflow or telephony configuration gone); a campaign not
     * running is returned unchanged.
     */
    public static Campaign failed(Campaign campaign, String reason, Instant now) {
        return campaign.status() == CampaignStatus.RUNNING
                ? campaign.withStatus(CampaignStatus.FAILED, reason, now) : campaign;
    }
}
