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
 * @param zone        the index of its local-time facts in {@link ContactSource.ImportResult#zones()}
 */
public record ImportedContact(long seq, String phoneNumber, List<String> values, int zone) {

    /** A contact in the import's first zone. */
    public ImportedContact(long seq, String phoneNumber, List<String> values) {
        this(seq, phoneNumber, values, 0);
    }

    public ImportedContact {
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        values = List.copyOf(values);
    }
}
