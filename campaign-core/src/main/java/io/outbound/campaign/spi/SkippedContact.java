package io.outbound.campaign.spi;

import java.util.Objects;

/**
 * A contact a campaign will never call, and why: the report lists each.
 *
 * @param seq         its position in the campaign, from 1
 * @param phoneNumber its number
 * @param reason      the rule that skipped it
 */
public record SkippedContact(long seq, String phoneNumber, String reason) {

    public SkippedContact {
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(reason, "reason");
    }
}
