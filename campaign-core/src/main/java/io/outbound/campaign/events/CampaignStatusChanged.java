package io.outbound.campaign.events;

import io.outbound.campaign.CampaignStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A campaign moved from one status to another: by a caller's action ({@code start}, {@code pause},
 * {@code resume}), or by the engine itself ({@code completed} when nothing is left to dial, {@code paused} after
 * repeated technical failures, {@code failed} when its telephony configuration is unusable).
 *
 * @param orgId      the organisation
 * @param campaignId the campaign
 * @param from       the status before
 * @param to         the status after; never equal to {@code from}
 * @param reason     why, as the campaign's {@code status_reason} says, or {@code null} for a caller's action
 * @param at         when
 */
public record CampaignStatusChanged(String orgId, long campaignId, CampaignStatus from, CampaignStatus to,
                                    String reason, Instant at) implements CampaignEvent {

    public CampaignStatusChanged {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        if (from == to) {
            throw new IllegalArgumentException("a status change must change the status, was " + from + " to " + to);
        }
    }
}
