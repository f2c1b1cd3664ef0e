package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param concurrencyBoundBy for a running campaign, the cap that holds its calls in flight below its
 *                       {@code max_concurrency}: {@value #BOUND_BY_CALLER_NUMBERS} (its telephony configuration's
 *                       caller numbers carry fewer calls at once) or {@value #BOUND_BY_ORG_LIMIT} (the
 *                       organisation's concurrent-call limit is lower still); absent when {@code max_concurrency}
 *                       itself binds, and for a campaign not running
 */
@JsonPropertyOrder({"total_contacts", "dialled", "answered", "completed", "failed", "pending", "in_progress", "status",
        "retry_scheduled", "skipped", "concurrency_bound_by"})
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
        @JsonProperty("skipped") long skipped,
        @JsonProperty("concurrency_bound_by") @JsonInclude(JsonInclude.Include.NON_NULL) String concurrencyBoundBy) {

    /** {@code concurrency_bound_by} when the caller numbers carry fewer calls than {@code max_concurrency}. */
    public static final String BOUND_BY_CALLER_NUMBERS = "caller_numbers";
    /** {@code concurrency_bound_by} when the organisation's limit is below the other caps. */
    public static final String BOUND_BY_ORG_LIMIT = "org_limit";

    /** Progress with no {@code concurrency_bound_by}. */
    public CampaignProgress(long totalContacts, long dialled, long answered, long completed, long failed,
                            long pending, long inProgress, CampaignStatus status, long retryScheduled, long skipped) {
        this(totalContacts, dialled, answered, completed, failed, pending, inProgress, status, retryScheduled, skipped,
                null);
    }

    /** This progress saying which cap binds ({@code null}: {@code max_concurrency}). */
    public CampaignProgress withConcurrencyBoundBy(String boundBy) {
        return new CampaignProgress(totalContacts, dialled, answered, completed, failed, pending, inProgress, status,
                retryScheduled, skipped, boundBy);
    }

    /** Progress of a campaign without skipped contacts (the form before contact rules existed). */
    public CampaignProgress(long totalContacts, long dialled, long answered, long completed, long failed, long pending,
                            long inProgress, CampaignStatus status, long retryScheduled) {
        this(totalContacts, dialled, answered, completed, failed, pending, inProgress, status, retryScheduled, 0, null);
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
