package io.outbound.campaign.internal.lifecycle;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignStatus;
import java.util.EnumMap;
import java.util.Map;

/**
 * The campaign state machine of DESIGN section 4, in one table: for each status and action, the status
 * after the action, or no entry when the action is not allowed ({@code INVALID_STATE}). Update and redial
 * leave the campaign's status as it is; starting a running campaign and pausing a paused one are
 * idempotent.
 *
 * <p>The engine's own moves ({@code running -> completed}, {@code running -> paused} after repeated
 * technical failures, {@code -> failed} on a fatal error) are not caller actions and are not in the table.
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
}
