package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Where a campaign's contacts stand, counted per contact (not per call). Always
 * {@code pending + inProgress + retryScheduled + completed + failed + skipped = totalContacts} and
 * {@code dialled = totalContacts - pending - skipped}. Read from counters kept with the campaign, so it costs
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
 * @param retryScheduled contacts waiting for an attempt due at an instant: a retry, or a contact held back by an
 *                       attempt limit until the limit frees
 * @param skipped        contacts final without a call: the number is suppressed (opted out), or its local time
 *                       cannot be known under the campaign's jurisdiction; see {@link ContactRules}
 */
@JsonPropertyOrder({"total_contacts", "dialled", "answered", "completed", "failed", "pending", "in_progress", "status",
        "retry_scheduled", "skipped"})
public record CampaignProgress(
        @JsonProperty("total_contacts") long totalContacts,
        @JsonProperty("dialled") long dialled,
        @JsonProperty("answered") long answered,
        @JsonProperty("completed") long completed,
        @JsonProperty("failed") long failed,
        @JsonProperty("pending") long pending,
        @JsonProperty("in_progress") long inProgress,
        @JsonProperty("status") CampaignStatus status,
        @JsonProperty("retry_scheduled") long retryScheduled,
        @JsonProperty("skipped") long skipped) {

    /** Progress of a campaign without skipped contacts (the form before contact rules existed). */
    public CampaignProgress(long totalContacts, long dialled, long answered, long completed, long failed, long pending,
                            long inProgress, CampaignStatus status, long retryScheduled) {
        this(totalContacts, dialled, answered, completed, failed, pending, inProgress, status, retryScheduled, 0);
    }

    /** Progress from the per-state contact counts, none skipped; {@code dialled} is derived. */
    public static CampaignProgress of(CampaignStatus status, long pending, long inProgress, long retryScheduled,
                                      long completed, long failed, long answered) {
        return of(status, pending, inProgress, retryScheduled, completed, failed, 0, answered);
    }

    /**
     * Progress from the per-state contact counts; {@code dialled} is derived: every contact neither pending nor
     * skipped. So a contact skipped after an earlier attempt counts as skipped, not dialled, and one held back by an
     * attempt limit before its first dial waits in {@code retry_scheduled} and counts as dialled.
     */
    public static CampaignProgress of(CampaignStatus status, long pending, long inProgress, long retryScheduled,
                                      long completed, long failed, long skipped, long answered) {
        long total = pending + inProgress + retryScheduled + completed + failed + skipped;
        return new CampaignProgress(total, total - pending - skipped, answered, completed, failed, pending,
                inProgress, status, retryScheduled, skipped);
    }

    /** Whether nothing is pending, in flight or waiting for a retry. */
    public boolean finished() {
        return pending == 0 && inProgress == 0 && retryScheduled == 0;
    }
}
