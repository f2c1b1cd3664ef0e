package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;

/**
 * How many of a campaign's contacts its {@link ContactRules} hold back right now, and why: the answer to "why is my
 * campaign not calling everyone?". Counted on demand from the contacts that wait (pending or waiting for a due
 * instant), so it costs a read of those rows: for a dashboard's occasional look, not for polling like progress.
 *
 * @param forLocalHours    contacts whose local calling hours are closed now: pending contacts of a closed zone, and
 *                         retries moved to their zone's opening
 * @param forAttemptLimits contacts held by an attempt limit until it frees
 * @param nextOpening      when the next closed zone opens, or {@code null} when none is closed
 */
@JsonPropertyOrder({"for_local_hours", "for_attempt_limits", "next_opening"})
public record WaitingContacts(
        @JsonProperty("for_local_hours") long forLocalHours,
        @JsonProperty("for_attempt_limits") long forAttemptLimits,
        @JsonProperty("next_opening") @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonSerialize(using = InstantJson.Serializer.class) Instant nextOpening) {
}
