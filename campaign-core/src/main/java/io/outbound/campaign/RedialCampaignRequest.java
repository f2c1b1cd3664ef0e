package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The body of {@code POST /campaign/{id}/redial}: a new draft campaign with the parent's settings
 * whose contacts are the parent's numbers never reached by a person and whose last outcome is one of
 * {@code redialStatuses}.
 *
 * @param name           the new campaign's name
 * @param redialStatuses the last outcomes to redial, e.g. {@code no_answer}, {@code busy}, {@code voicemail}
 */
@JsonPropertyOrder({"name", "redial_statuses"})
public record RedialCampaignRequest(
        @JsonProperty("name") String name,
        @JsonProperty("redial_statuses") List<CallOutcome> redialStatuses) {

    public RedialCampaignRequest {
        // Unmodifiable but null-tolerant, unlike List.copyOf: a null entry is a field error validation names.
        redialStatuses = redialStatuses == null ? null : Collections.unmodifiableList(new ArrayList<>(redialStatuses));
    }
}
