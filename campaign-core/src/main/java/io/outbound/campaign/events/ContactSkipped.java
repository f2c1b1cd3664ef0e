package io.outbound.campaign.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A contact became final without being dialled, as {@code skipped}, for a reason such as its number being on the
 * organisation's suppression list.
 *
 * <p><b>Not emitted yet.</b> The engine has no skipped contacts today: this event is defined now so that
 * listeners can be written against the whole SPI, and the contact rules (DESIGN section 13: suppression lists,
 * attempt limits), which add the {@code skipped} contact state, emit it once they land.
 *
 * @param orgId       the organisation
 * @param campaignId  the campaign
 * @param phoneNumber the contact's number (E.164). Personal data: keep it out of metric tags
 * @param reason      why it was skipped (the rule and what it found)
 * @param at          when it was skipped
 */
public record ContactSkipped(String orgId, long campaignId, String phoneNumber, String reason, Instant at)
        implements CampaignEvent {

    public ContactSkipped {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
