package io.outbound.campaign.events;

import java.time.Instant;

/**
 * Something that happened to a campaign, told to every {@link CampaignListener} after the store committed it.
 * Every event names the organisation and the campaign, and the instant of the engine's clock at which it
 * happened.
 */
public sealed interface CampaignEvent
        permits CampaignStatusChanged, CallDialled, CallEnded, DialFailed, ContactSkipped {

    /** The organisation owning the campaign. */
    String orgId();

    /** The campaign. */
    long campaignId();

    /** When it happened, by the engine's clock. */
    Instant at();
}
