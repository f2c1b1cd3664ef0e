package io.outbound.campaign.spi;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.Page;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.Suppression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Persistence of campaigns, contacts, call sessions, counters and leases.
 *
 * <p>Each method is one atomic operation: on a store shared by several engine nodes, two nodes calling
 * {@link #claim} at once never take the same contact nor together exceed a campaign's
 * {@code max_concurrency}, an organisation's limit or its caller numbers, nor dial a number over an
 * {@linkplain ClaimRules attempt limit} or on the organisation's suppression list; {@link #recordOutcome} moves
 * the session, the contact, the counters, the retry schedule, the concurrency slots, the campaign's status and an
 * opt-out's suppression together or not at all.
 *
 * <p><b>Contacts.</b> Each contact is in exactly one state ({@link io.outbound.campaign.rules.ContactState}):
 * pending (never dialled), in progress (a call in flight), retry scheduled (due at an instant: a retry, or held by
 * an attempt limit), completed (reached by a person), failed (final without success) or skipped (final without a
 * call, by the campaign's contact rules). The campaign's {@link io.outbound.campaign.CampaignProgress} counts them and is kept with the
 * campaign, so reading it costs the same for any campaign size.
 *
 * <p><b>Sessions.</b> A claim starts sessions that are claimed but not yet dialled: they hold their contact,
 * slots and caller number, and count as in progress. {@link #handOver} marks them dialled just before the
 * engine hands them to the telephony; {@link #returnUndialled} gives back those never handed over, as if
 * never claimed (the contact returns to where it was, with no attempt counted and no session left). A
 * campaign that leaves {@code running} by any operation returns its undialled sessions in that same
 * operation, so that once a pause has returned no node can hand over a dial of that campaign.
 *
 * <p><b>Failures.</b> A store that cannot reach its backend throws {@link CampaignException} with
 * {@code STORE_UNAVAILABLE}; the operation then either happened entirely or not at all, and the caller may
 * retry it ({@link #recordOutcome} is idempotent per session).
 *
 * <p>Every backend proves itself by extending {@code CampaignStoreContract} from campaign-testkit.
 */
public interface CampaignStore {

    /**
     * Creates a campaign in {@code draft} together with its contacts: drains {@code contacts}, stores every
     * batch, then sets the campaign's contact columns, import summary and counters (all contacts pending).
     * If draining throws, nothing is stored and the exception propagates.
     *
     * @return the stored campaign with its new id
     */
    Campaign createCampaign(NewCampaign campaign, ContactSource contacts);

    /** The campaign if it exists and belongs to the organisation. */
    Optional<Campaign> findCampaign(String orgId, long campaignId);

    /**
     * The campaign's progress, if it exists and belongs to the organisation: what a dashboard polls, so a store
     * may read just the status and counters. The default reads the whole campaign.
     */
    default Optional<CampaignProgress> findProgress(String orgId, long campaignId) {
        return findCampaign(orgId, campaignId).map(Campaign::progress);
    }

    /** The organisation's campaigns, newest first. */
    Page<Campaign> listCampaigns(String orgId, PageRequest page);

    /**
     * The organisation's campaigns whose status is one of {@code statuses}, newest first; the page's {@code total}
     * counts only those.
     *
     * <p>What a dashboard's status filter asks: a store should read the page and the count through an index of the
     * organisation's campaigns by status (the JDBC store's {@code (org_id, status, id)}), so that a few running
     * campaigns among thousands of ended ones cost a few rows. The default pages through
     * {@link #listCampaigns(String, PageRequest)} and keeps the matching campaigns: correct for any store, but it
     * reads every campaign of the organisation, and a campaign created meanwhile may shift its pages.
     *
     * @param statuses the statuses wanted: not empty; the engine passes {@code null} for every status to
     *                 {@link #listCampaigns(String, PageRequest)} instead
     */
    default Page<Campaign> listCampaigns(String orgId, Set<CampaignStatus> statuses, PageRequest page) {
        if (statuses == null) {
            return listCampaigns(orgId, page);
        }
        List<Campaign> items = new ArrayList<>();
        long matching = 0;
        for (int read = 1; ; read++) {
            Page<Campaign> all = listCampaigns(orgId, new PageRequest(read, PageRequest.MAX_LIMIT));
            for (Campaign campaign : all.items()) {
                if (statuses.contains(campaign.status())) {
                    if (matching >= page.offset() && items.size() < page.limit()) {
                        items.add(campaign);
                    }
                    matching++;
                }
            }
            if (all.items().size() < PageRequest.MAX_LIMIT) {
                return new Page<>(items, page.page(), page.limit(), matching);
            }
        }
    }

    /**
     * Changes a campaign's writable fields atomically: reads it (locked against concurrent changes), asks
     * {@code change} what to write given the campaign as it is, and writes that {@link CampaignChange} (nothing
     * when it {@linkplain CampaignChange#changes changes nothing}). A campaign leaving {@code running} returns its
     * undialled sessions in the same operation. An exception thrown by {@code change} propagates and nothing is
     * written.
     *
     * @return the campaign as stored after the change
     * @throws CampaignException {@code NOT_FOUND} when there is no such campaign for the organisation
     */
    Campaign updateCampaign(String orgId, long campaignId, Function<Campaign, CampaignChange> change);

    /** Every organisation's campaigns in {@code running}. */
    List<Campaign> runningCampaigns();

    /**
     * Claims due contacts and starts a session for each: marks them in progress, takes a campaign slot,
     * an organisation slot and a free caller number per call, and leases each session to the node until
     * {@code leaseUntil}. Due retries come first (earliest due first), then pending contacts in file order.
     * Each candidate first passes the request's {@link ClaimRules} (its zone open, its number not suppressed, its
     * attempt limits free): one that does not is skipped or held as those rules say, in the same operation, and
     * counted in {@link ClaimResult#setAside()}; candidates of a closed zone are not examined at all (a store
     * reaches the open zones' contacts without reading the closed zones' ones), apart from due retries, which are
     * moved to their zone's opening. A running campaign with nothing pending, in flight or waiting is marked
     * {@code completed}. A campaign not running claims nothing.
     */
    ClaimResult claim(ClaimRequest request);

    /**
     * Records a call's outcome in one atomic operation: ends the session, frees its slots and caller
     * number, moves the contact (retry scheduled at the planner's instant, or final), updates the counters,
     * pauses the campaign after too many technical failures in a row (returning its undialled sessions as
     * {@link #updateCampaign} does), and completes the campaign when it
     * is running and nothing is pending, in flight or waiting. A second report of a session changes nothing
     * ({@link RecordResult.Kind#DUPLICATE}); a report of a session closed as lost is recorded as
     * {@link RecordResult.Kind#LATE}, and so is a report of a session recorded with {@link OutcomeReport#lost()}.
     *
     * @throws CampaignException {@code NOT_FOUND} when no session has the id
     */
    RecordResult recordOutcome(OutcomeReport report);

    /**
     * Records several outcomes, each as {@link #recordOutcome} would, for sessions with distinct ids; a store may
     * do it in one transaction, which is how many outcomes a second one node can record is no longer bound by one
     * commit per call. The engine groups the reports that arrive while its previous group is being recorded.
     *
     * <p>A report whose session does not exist has no entry in the result (the engine then answers its caller
     * {@code NOT_FOUND}). When this throws, some reports may have been recorded and others not; each caller may
     * retry its own report, and one already recorded then answers {@link RecordResult.Kind#DUPLICATE}, as after
     * an ambiguous commit of {@link #recordOutcome}.
     *
     * <p>The default records them one by one.
     *
     * @return what recording each did, by session id
     * @throws IllegalArgumentException when two reports name the same session (nothing is recorded)
     */
    default Map<String, RecordResult> recordOutcomes(List<OutcomeReport> reports) {
        Set<String> sessions = new java.util.HashSet<>();
        for (OutcomeReport report : reports) {
            if (!sessions.add(report.sessionId())) {
                throw new IllegalArgumentException("two reports for session '" + report.sessionId() + "'");
            }
        }
        Map<String, RecordResult> results = new LinkedHashMap<>();
        for (OutcomeReport report : reports) {
            try {
                results.put(report.sessionId(), recordOutcome(report));
            } catch (CampaignException e) {
                if (e.code() != io.outbound.campaign.ErrorCode.NOT_FOUND) {
                    throw e;
                }
            }
        }
        return results;
    }

    /**
     * Hands claimed sessions over to the telephony: each still claimed and not yet dialled (not returned,
     * recovered or ended since) is marked dialled; nothing else of the session changes (its
     * {@code started_at} stays the claim's instant, a moment before the dial). When the request
     * {@linkplain HandOverRequest#respectSuppression() respects suppression}, a session whose number is on its
     * organisation's suppression list is refused instead, in the same atomic step, so that a number added after
     * the claim is never dialled; the node then gives it back, and the next claim skips its contact. With pacing,
     * at most one session is handed over, and only when the configuration's previous handover, on any node,
     * was at least {@code pacing.interval()} before {@code now}; the next one may follow an interval after
     * it ({@link HandOverResult#pacedUntil()}).
     *
     * @return the sessions handed over, in request order, those looked at and refused, and when paced the
     *         instant the next may follow
     */
    HandOverResult handOver(HandOverRequest request);

    /**
     * Gives back sessions claimed and never handed over: each such session is deleted, its contact returns
     * to where it was before the claim (pending, or waiting for its retry at the same due instant) with
     * its attempt uncounted, and its slots and caller number are freed. Ids of sessions handed over,
     * ended or unknown are ignored.
     *
     * @return how many sessions were returned
     */
    int returnUndialled(java.util.Collection<String> sessionIds);

    /**
     * Extends the leases of every session in flight claimed under this lease owner ({@link ClaimRequest#nodeId()},
     * compared as a whole: an engine built again under the same node id has a new owner and renews nothing of its
     * predecessor's).
     *
     * @return how many leases were extended
     */
    int renewLeases(String nodeId, Instant leaseUntil);

    /**
     * Closes sessions whose lease expired before {@code now} without an outcome (their node died): each
     * handed over ends {@code failed} with a reason, its contact becomes final, its slots are freed. The
     * contact is not dialled again by the engine, so it is never in two calls at once; a real outcome
     * reported later is still recorded ({@link RecordResult.Kind#LATE}). Each never handed over is returned
     * as by {@link #returnUndialled}: no call was placed, so its contact may be dialled again.
     *
     * @param max the most sessions to close in this call
     * @return how many were closed
     */
    int recoverExpiredSessions(Instant now, int max);

    /**
     * Adds numbers to the organisation's suppression list in one atomic operation; a number already on it keeps
     * its entry (first reason, first time). Every later claim of every campaign of the organisation that respects
     * suppression skips a contact with one of these numbers, on every node.
     *
     * @param suppressions E.164 numbers, each at most once
     * @return how many were not on the list before
     */
    int addSuppressions(String orgId, List<Suppression> suppressions);

    /**
     * Takes a number off the organisation's suppression list. Contacts already skipped for it stay skipped.
     *
     * @return whether it was on the list
     */
    boolean removeSuppression(String orgId, String phoneNumber);

    /** The number's entry on the organisation's suppression list, if it is on it. */
    Optional<Suppression> findSuppression(String orgId, String phoneNumber);

    /** One page of the organisation's suppression list, by number. */
    Page<Suppression> suppressions(String orgId, PageRequest page);

    /**
     * Counts the campaign's contacts held back by its contact rules: pending contacts of the {@code closedZones},
     * plus contacts waiting for a due instant whose note is {@link io.outbound.campaign.rules.CallRules#OUTSIDE_LOCAL_HOURS}
     * (local hours), and those whose note names an attempt limit. Reads the waiting contacts: not for polling.
     *
     * @return the two counts; {@code nextOpening} is left {@code null} for the caller to fill
     */
    io.outbound.campaign.WaitingContacts countWaiting(long campaignId, Set<Integer> closedZones);

    /** Streams, in file order, the campaign's contacts skipped by its contact rules, with each reason. */
    void forEachSkippedContact(long campaignId, Consumer<SkippedContact> sink);

    /** The session with the id, of any organisation. */
    Optional<CallSession> findSession(String sessionId);

    /** One page of a campaign's sessions, filtered and sorted. */
    Page<CallSession> sessions(long campaignId, SessionQuery query);

    /**
     * Streams a campaign's ended sessions whose start is at or after {@code startedFrom} and before
     * {@code startedBefore} (either {@code null} for no bound), oldest first, without holding them all in
     * memory.
     */
    void forEachEndedSession(long campaignId, Instant startedFrom, Instant startedBefore,
                             Consumer<CallSession> sink);

    /**
     * A campaign's call sessions over a window: how many started and how many ended (by outcome) in each of
     * {@code buckets} buckets of {@code bucket} from {@code from} (the last bucket ends at {@code to}), how many
     * started before {@code from} and had not ended before it, and the latest start and end of any session.
     * Sessions given back undialled are not counted (they no longer exist).
     *
     * <p>What the dashboard's charts poll: a store should read it with range scans of its sessions by
     * {@code (campaign_id, started_at)} and {@code (campaign_id, ended_at)} and count in the database, so that it
     * costs what the window holds, not what the campaign holds. The default pages through every session started
     * before {@code to} with {@link #sessions}, which is correct for any store and slow for a large campaign.
     */
    default SessionActivity sessionActivity(long campaignId, Instant from, Instant to, java.time.Duration bucket,
                                            int buckets) {
        SessionActivity.Counter counter = new SessionActivity.Counter(from, to, bucket.toMillis(), buckets);
        SessionQuery.Filter before = new SessionQuery.Filter(null, null, null, null, null, to);
        for (int page = 1; ; page++) {
            Page<CallSession> sessions = sessions(campaignId, new SessionQuery(before, SessionQuery.Sort.STARTED_AT,
                    false, new PageRequest(page, PageRequest.MAX_LIMIT)));
            sessions.items().forEach(s -> counter.add(s.startedAt(), s.endedAt(), s.outcome()));
            if (sessions.items().size() < PageRequest.MAX_LIMIT) {
                break;
            }
        }
        // Sessions started from "to" on are outside the window but may be the latest: one session each way.
        for (SessionQuery.Sort latest : List.of(SessionQuery.Sort.STARTED_AT, SessionQuery.Sort.ENDED_AT)) {
            sessions(campaignId, new SessionQuery(SessionQuery.Filter.none(), latest, true, new PageRequest(1, 1)))
                    .items().forEach(s -> counter.seen(s.startedAt(), s.endedAt()));
        }
        return counter.result();
    }

    /**
     * Streams, in file order, a campaign's contacts never reached by a person whose latest outcome is one
     * of {@code lastOutcomes}.
     */
    void forEachRedialContact(long campaignId, Set<CallOutcome> lastOutcomes, Consumer<StoredContact> sink);
}
