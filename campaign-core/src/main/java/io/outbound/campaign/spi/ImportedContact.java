package io.outbound.campaign.spi;

import java.util.List;
import java.util.Objects;

/**
 * One accepted row of a contacts file, as handed to a {@link CampaignStore}.
 *
 * @param seq         the contact's position among the accepted rows, from 1: fresh contacts are dialled
 *                    in this order
 * @param phoneNumber the validated E.164 number, unique within the campaign
 * @param values      the row's other fields, aligned with {@link ContactSource.ImportResult#columns()}
 */
public record ImportedContact(long seq, String phoneNumber, List<String> values) {

    public ImportedContact {
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        values = List.copyOf(values);
    }
}
