package io.outbound.campaign.events;

/** The store operations on the engine's hot paths, timed for {@link EngineObserver}. */
public enum StoreOperation {
    /** {@code CampaignStore.claim}: due contacts of one campaign, with their slots and caller numbers. */
    CLAIM,
    /** {@code CampaignStore.handOver}: claimed calls marked dialled just before the telephony is called. */
    HAND_OVER,
    /** {@code CampaignStore.recordOutcome} or {@code recordOutcomes}: one outcome or a group recorded together. */
    RECORD_OUTCOME
}
