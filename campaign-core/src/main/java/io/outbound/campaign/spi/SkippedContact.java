package io.outbound.campaign.spi;

import java.util.List;
import java.util.Objects;

/**
 * A contact a campaign will never call, and why: the report lists each.
 *
 * @param seq         its position in the campaign, from 1
 * @param phoneNumber its number
 * @param reason      the rule that skipped it
 * @param values      its other fields, aligned with the campaign's contact columns (empty when the store does not
 *                    give them)
 */
public record SkippedContact(long seq, String phoneNumber, String reason, List<String> values) {

    public SkippedContact {
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(reason, "reason");
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** A skipped contact without its fields. */
    public SkippedContact(long seq, String phoneNumber, String reason) {
        this(seq, phoneNumber, reason, List.of());
    }
}
