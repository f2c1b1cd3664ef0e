package io.outbound.campaign;

import java.io.OutputStream;
import java.util.Set;

/**
 * The campaign operations, one per endpoint of the service the engine backs. Every method names the
 * organisation (tenant) first; another organisation's campaign is {@code NOT_FOUND}, exactly as a
 * campaign that does not exist. Thread-safe.
 *
 * <p>Errors are {@link CampaignException}s whose {@link ErrorCode} maps to an HTTP status.
 */
public interface CampaignService {

    /**
     * {@code GET /campaign/}: the organisation's campaigns, newest first: {@link #list(String, Set, PageRequest)}
     * with every status.
     *
     * @param page the page; {@code null} for {@link PageRequest#first()}
     */
    default Page<Campaign> list(String orgId, PageRequest page) {
        return list(orgId, null, page);
    }

    /**
     * {@code GET /campaign/?status=running,paused}: the organisation's campaigns whose status is one of
     * {@code statuses}, newest first; the page's {@code total} counts only those. A host reads the query parameter
     * with {@link CampaignStatus#parseList}. The JDBC store counts them through an index of the organisation's
     * campaigns by status and reads the page through an index, so a few running campaigns among thousands of
     * completed ones cost a few rows.
     *
     * @param statuses the statuses wanted; {@code null} for every status
     * @param page     the page; {@code null} for {@link PageRequest#first()}
     * @throws CampaignException {@code VALIDATION_FAILED} naming {@code status} when {@code statuses} is empty or
     *                           holds {@code null}
     */
    Page<Campaign> list(String orgId, Set<CampaignStatus> statuses, PageRequest page);

    /**
     * {@code POST /campaign/create}: validates the request, imports the contacts file (streaming) and stores
     * the campaign in {@code draft}. Rows with bad numbers are rejected one by one and reported in
     * {@link Campaign#importSummary()}; the campaign is created with the good ones.
     *
     * @throws CampaignException {@code VALIDATION_FAILED} listing every violation (an unknown
     *                           {@code workflow_id} included), {@code CONTACTS_REJECTED} when the file is
     *                           missing or cannot be imported as a whole (nothing is stored then)
     */
    Campaign create(String orgId, CreateCampaignRequest request);

    /**
     * {@code GET /campaign/{id}}.
     *
     * @throws CampaignException {@code NOT_FOUND}
     */
    Campaign get(String orgId, long campaignId);

    /**
     * {@code PATCH /campaign/{id}}: changes the fields present in the request; applies from the next dial
     * (lowering {@code max_concurrency} below the calls in flight ends none of them).
     *
     * @throws CampaignException {@code NOT_FOUND}, {@code VALIDATION_FAILED}, {@code INVALID_STATE} when
     *                           completed or failed
     */
    Campaign update(String orgId, long campaignId, UpdateCampaignRequest request);

    /**
     * {@code POST /campaign/{id}/start}: a draft starts dialling; starting a running campaign changes
     * nothing. A campaign whose telephony configuration is unknown or has no caller numbers moves to
     * {@code failed} with the reason.
     *
     * @throws CampaignException {@code NOT_FOUND}, {@code INVALID_STATE} when paused, completed or failed
     */
    Campaign start(String orgId, long campaignId);

    /**
     * {@code POST /campaign/{id}/pause}: no new call starts on this node once this returns (a dial batch
     * being handed to the telephony on this node finishes first; other nodes stop at their next claim).
     * Calls in flight complete and their outcomes are recorded.
     *
     * @throws CampaignException {@code NOT_FOUND}, {@code INVALID_STATE} when draft, completed or failed
     */
    Campaign pause(String orgId, long campaignId);

    /**
     * {@code POST /campaign/{id}/resume}: a paused campaign continues where it stopped.
     *
     * @throws CampaignException {@code NOT_FOUND}, {@code INVALID_STATE} when draft, completed or failed
     */
    Campaign resume(String orgId, long campaignId);

    /**
     * {@code POST /campaign/{id}/redial}: a new draft campaign with this one's settings (workflow,
     * concurrency, calling hours, retry config, telephony configuration) whose contacts are this one's
     * numbers never reached by a person and whose last outcome is in the request's statuses. Its source
     * CSV is written to the file store, so its own download URL works.
     *
     * @throws CampaignException {@code NOT_FOUND}, {@code VALIDATION_FAILED}, {@code INVALID_STATE} when
     *                           draft or running
     */
    Campaign redial(String orgId, long campaignId, RedialCampaignRequest request);

    /**
     * {@code GET /campaign/{id}/progress}: read from counters, so it costs the same for any size.
     *
     * @throws CampaignException {@code NOT_FOUND}
     */
    CampaignProgress progress(String orgId, long campaignId);

    /**
     * {@code GET /campaign/{id}/waiting}: how many contacts the campaign's contact rules hold back now (closed local
     * calling hours, attempt limits). Counted from the waiting contacts on each call: for an occasional look.
     *
     * @throws CampaignException {@code NOT_FOUND}
     */
    WaitingContacts waiting(String orgId, long campaignId);

    /**
     * {@code GET /campaign/{id}/activity}: the campaign's calls over time, for charts: per bucket of the query's
     * window, the calls started (calls per minute with the default one-minute buckets), ended by outcome, and in
     * flight at the bucket's end. At most {@link ActivityQuery#MAX_BUCKETS} buckets; a store with indexes on its
     * sessions' start and end times (the JDBC store) reads only the sessions of the window, so the cost follows
     * the window's calls, not the campaign's size.
     *
     * @param query the window; {@code null} for {@link ActivityQuery#recent()}, the last hour by minute
     * @throws CampaignException {@code NOT_FOUND}, {@code VALIDATION_FAILED} naming {@code bucket_seconds},
     *                           {@code from} or {@code to} and the value when the window is not valid
     */
    CampaignActivity activity(String orgId, long campaignId, ActivityQuery query);

    /**
     * {@code GET /campaign/{id}/runs}: one page of call sessions, filtered and sorted.
     *
     * @throws CampaignException {@code NOT_FOUND}, {@code VALIDATION_FAILED} for an unknown filter or sort
     *                           field, a bad value or page
     */
    Page<CallSession> runs(String orgId, long campaignId, RunsQuery query);

    /**
     * {@code GET /campaign/{id}/source-download-url}: a presigned GET URL of the uploaded CSV, valid for
     * the engine's presign ttl (15 minutes by default).
     *
     * @throws CampaignException {@code NOT_FOUND}
     */
    PresignedUrl sourceDownloadUrl(String orgId, long campaignId);

    /**
     * {@code GET /campaign/{id}/report}: streams a CSV with one row per ended call session whose start lies in
     * the query's range. The stream is flushed, not closed.
     *
     * @throws CampaignException {@code NOT_FOUND}
     */
    void report(String orgId, long campaignId, ReportQuery query, OutputStream out);
}
