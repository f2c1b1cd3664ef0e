package io.outbound.campaign.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A contact became final without being dialled, as {@code skipped}, for a reason such as its number being on the
 * organisation's suppression list.
 *
 * <p>Emitted by the node whose claim skipped the contact ({@link io.outbound.campaign.ContactRules}: a suppressed
 * number, a local time that cannot be known under the campaign's jurisdiction, a zone whose window never overlaps
 * the campaign's calling hours), after the claim committed. A contact held back by an attempt limit waits and is
 * not skipped.
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
