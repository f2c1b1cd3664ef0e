package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Where a campaign's contacts stand, counted per contact (not per call). Always
 * {@code pending + inProgress + retryScheduled + completed + failed = totalContacts} and
 * {@code dialled = totalContacts - pending}. Read from counters kept with the campaign, so it costs
 * the same for any campaign size.
 *
 * @param totalContacts  contacts imported
 * @param dialled        contacts dialled at least once
 * @param answered       contacts whose call a person answered
 * @param completed      contacts reached: a call ended {@code completed}
 * @param failed         contacts final without success (retries exhausted or not retried)
 * @param pending        contacts never dialled
 * @param inProgress     contacts with a call in flight
 * @param status         the campaign's status
 * @param retryScheduled contacts dialled and waiting for a retry
 */
@JsonPropertyOrder({"total_contacts", "dialled", "answered", "completed", "failed", "pending", "in_progress", "status",
        "retry_scheduled"})
public record CampaignProgress(
        @JsonProperty("total_contacts") long totalContacts,
        @JsonProperty("dialled") long dialled,
        @JsonProperty("answered") long answered,
        @JsonProperty("completed") long completed,
        @JsonProperty("failed") long failed,
        @JsonProperty("pending") long pending,
        @JsonProperty("in_progress") long inProgress,
        @JsonProperty("status") CampaignStatus status,
        @JsonProperty("retry_scheduled") long retryScheduled) {

    /** Progress from the per-state contact counts; {@code dialled} is derived. */
    public static CampaignProgress of(CampaignStatus status, long pending, long inProgress, long retryScheduled,
                                      long completed, long failed, long answered) {
        long total = pending + inProgress + retryScheduled + completed + failed;
        return new CampaignProgress(total, total - pending, answered, completed, failed, pending, inProgress, status,
                retryScheduled);
    }

    /** Whether nothing is pending, in flight or waiting for a retry. */
    public boolean finished() {
        return pending == 0 && inProgress == 0 && retryScheduled == 0;
    }
}
