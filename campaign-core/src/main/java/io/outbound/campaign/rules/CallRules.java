package io.outbound.campaign.rules;

import io.outbound.campaign.AttemptLimit;
import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.Suppression;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.ClaimRules;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.spi.RecordResult;
import io.outbound.campaign.CallSessionStatus;
import java.time.Instant;
import java.util.List;

/**
 * What claiming a contact, returning an undialled claim, recording an outcome, recording a late outcome and
 * closing a session whose lease expired do to a contact, a session, a campaign's counters and its status.
 * Pure functions of values: a store reads what they need, calls them, and writes what they decide in one
 * atomic operation. Every store decides through these, so the rules are written once and a custom backend
 * implements persistence, not policy.
 *
 * <p>The invariants they keep, whatever the sequence of operations: each contact is in exactly one
 * {@link ContactState}; the campaign's counters move by the {@link CounterDelta} of each decision, so they
 * equal a recount of its contacts; a contact is in at most one call at a time; a contact reached by a person
 * is never failed again; an outcome is recorded once per session (and a lost session's real outcome once more,
 * as late, without scheduling anything).
 */
public final class CallRules {

    private CallRules() {
    }

    /**
     * How many calls a claim may start: the request's batch, the campaign's {@code max_concurrency} less its
     * calls in flight, and the organisation's limit less its calls in flight, never negative. Caller numbers
     * bound it further ({@link io.outbound.campaign.spi.CallerNumberChoice}).
     */
    public static int claimRoom(Campaign campaign, ClaimRequest request, long orgInFlight) {
        long room = Math.min(request.maxCalls(), campaign.maxConcurrency() - campaign.progress().inProgress());
        room = Math.min(room, request.orgLimit() - orgInFlight);
        return (int) Math.max(0, room);
    }

    /** The contact once claimed for a new session: in progress, one more attempt, its retry instant kept. */
    public static ContactFacts claimed(ContactFacts contact, String sessionId) {
        if (contact.state() != ContactState.PENDING && contact.state() != ContactState.RETRY_SCHEDULED) {
            throw new IllegalStateException("a " + contact.state() + " contact cannot be claimed");
        }
        return new ContactFacts(ContactState.IN_PROGRESS, contact.attempts() + 1, contact.nextAttemptAt(),
                contact.lastOutcome(), contact.reached(), contact.answered(), sessionId);
    }

    /**
     * The session a claim starts for a contact: in flight, not yet answered, started at the claim's instant, with the
     * contact's fields as its initial context (each of the campaign's contact columns with the contact's value in
     * that place, an empty one when the contact has fewer values than columns).
     *
     * @param attempt the contact's attempts once claimed ({@link #claimed}), this one included
     * @param values  the contact's fields, aligned with {@link Campaign#contactColumns()}
     */
    public static CallSession startedSession(Campaign campaign, String sessionId, String phoneNumber, int attempt,
                                             List<String> values, String callerNumber, Instant now) {
        return new CallSession(sessionId, campaign.id(), phoneNumber, attempt, CallSessionStatus.IN_PROGRESS, null,
                false, callerNumber, now, null, null, null, null, null,
                CallSession.contextOf(campaign.contactColumns(), values), null);
    }

    /**
     * The contact once a claim never dialled is returned: back to waiting for its retry at the same instant when
     * it was one, else pending; the attempt uncounted; {@code previousSessionId} its latest session again.
     */
    public static ContactFacts returned(ContactFacts contact, String previousSessionId) {
        ContactState back = contact.nextAttemptAt() != null ? ContactState.RETRY_SCHEDULED : ContactState.PENDING;
        return new ContactFacts(back, contact.attempts() - 1, contact.nextAttemptAt(), contact.lastOutcome(),
                contact.reached(), contact.answered(), previousSessionId);
    }

    /**
     * Recording a session's outcome.
     *
     * @param end           how the session ends
     * @param contact       its contact after the outcome
     * @param delta         the counters' change
     * @param failureStreak the campaign's technical failures in a row after the outcome
     * @param campaign      the campaign after the outcome: counters moved, and paused after too many failures
     *                      or completed when nothing is left
     * @param leftRunning   the outcome moved the campaign out of {@code running}: the store returns the
     *                      campaign's undialled sessions in the same operation
     */
    public record Outcome(SessionEnd end, ContactFacts contact, CounterDelta delta, int failureStreak,
                          Campaign campaign, boolean leftRunning) {
    }

    /**
     * What a report of a session's outcome is: {@code RECORDED} while the session is in flight; {@code LATE} for the
     * first report of a session closed as lost (by lease recovery, or recorded with {@link OutcomeReport#lost()});
     * else {@code DUPLICATE}, which changes nothing. A store then records it with {@link #outcome}, {@link #late},
     * or not at all.
     *
     * @param closedAsLost the session was ended by a {@link SessionEnd#lost() lost} end
     * @param lateRecorded a late outcome was already recorded for it
     */
    public static RecordResult.Kind reportKind(CallSession session, boolean closedAsLost, boolean lateRecorded) {
        if (session.inProgress()) {
            return RecordResult.Kind.RECORDED;
        }
        return closedAsLost && !lateRecorded ? RecordResult.Kind.LATE : RecordResult.Kind.DUPLICATE;
    }

    /**
     * The first outcome of a session in flight.
     *
     * @param campaign      the campaign, with its counters as the store holds them
     * @param session       the session, in flight
     * @param contact       its contact (in progress)
     * @param failureStreak the campaign's technical failures in a row before this outcome
     * @param report        the report, with the retry planner and the pause threshold
     */
    public static Outcome outcome(Campaign campaign, CallSession session, ContactFacts contact, int failureStreak,
                                  OutcomeReport report) {
        CallResult result = report.result();
        SessionEnd end = SessionEnd.of(session, result, report.now(), report.lost(), false);
        CallOutcome outcome = end.outcome();
        Instant retryAt = outcome.reached() ? null
                : report.retryPlanner().retryAt(campaign, outcome, session.attempt(), end.endedAt());
        ContactState next = outcome.reached() ? ContactState.COMPLETED
                : retryAt != null ? ContactState.RETRY_SCHEDULED : ContactState.FAILED;
        ContactFacts after = new ContactFacts(next, contact.attempts(), retryAt, outcome,
                contact.reached() || outcome.reached(), contact.answered() || end.answered(), contact.lastSessionId());
        CounterDelta delta = CounterDelta.move(contact.state(), next)
                .withAnswered(end.answered() && !contact.answered() ? 1 : 0);
        Campaign moved = campaign.withProgress(delta.applyTo(campaign.progress(), campaign.status()));
        int streak = outcome == CallOutcome.FAILED ? failureStreak + 1 : 0;
        int threshold = report.pauseAfterConsecutiveFailures();
        boolean pausing = threshold > 0 && streak >= threshold && moved.status() == CampaignStatus.RUNNING;
        if (pausing) {
            moved = CampaignLifecycle.pausedAfterFailures(moved, threshold, end.failureReason(), report.now());
            streak = 0;
        }
        return new Outcome(end, after, delta, streak, CampaignLifecycle.completedIfFinished(moved, report.now()),
                pausing);
    }

    /**
     * Recording a late outcome, or closing a session whose lease expired.
     *
     * @param end      how the session ends
     * @param contact  its contact after
     * @param delta    the counters' change
     * @param campaign the campaign after (completed when nothing is left)
     */
    public record Ending(SessionEnd end, ContactFacts contact, CounterDelta delta, Campaign campaign) {
    }

    /**
     * The real outcome of a session closed as lost (by lease recovery, or by the engine with
     * {@link OutcomeReport#lost()}). The session shows it; when the session is still its contact's latest, the
     * contact's last outcome is this one, and a contact made final as failed that this outcome reached becomes
     * completed. No retry is ever scheduled: a retry already waiting, or a later call in flight, keeps its own
     * state, since the contact may have been dialled again since.
     */
    public static Ending late(Campaign campaign, CallSession session, ContactFacts contact, OutcomeReport report) {
        SessionEnd end = SessionEnd.of(session, report.result(), report.now(), true, true);
        boolean latest = session.sessionId().equals(contact.lastSessionId());
        boolean completes = latest && end.outcome().reached() && contact.state() == ContactState.FAILED;
        ContactState next = completes ? ContactState.COMPLETED : contact.state();
        ContactFacts after = new ContactFacts(next, contact.attempts(), contact.nextAttemptAt(),
                latest ? end.outcome() : contact.lastOutcome(), contact.reached() || completes,
                contact.answered() || end.answered(), contact.lastSessionId());
        CounterDelta delta = CounterDelta.move(contact.state(), next)
                .withAnswered(end.answered() && !contact.answered() ? 1 : 0);
        return new Ending(end, after, delta,
                campaign.withProgress(delta.applyTo(campaign.progress(), campaign.status())));
    }

    /**
     * The contact once a claim's rules skip it: final, never called by this campaign, with the reason.
     */
    public static ContactFacts skipped(ContactFacts contact, String reason) {
        if (contact.state() != ContactState.PENDING && contact.state() != ContactState.RETRY_SCHEDULED) {
            throw new IllegalStateException("a " + contact.state() + " contact cannot be skipped");
        }
        return new ContactFacts(ContactState.SKIPPED, contact.attempts(), null, contact.lastOutcome(),
                contact.reached(), contact.answered(), contact.lastSessionId(), reason);
    }

    /**
     * The contact once a claim's rules hold it back until an instant (an attempt limit, or its zone's window for a
     * due retry): waiting in {@code retry_scheduled}, due then, with the reason; not final.
     */
    public static ContactFacts held(ContactFacts contact, Instant until, String reason) {
        if (contact.state() != ContactState.PENDING && contact.state() != ContactState.RETRY_SCHEDULED) {
            throw new IllegalStateException("a " + contact.state() + " contact cannot be held");
        }
        return new ContactFacts(ContactState.RETRY_SCHEDULED, contact.attempts(), until, contact.lastOutcome(),
                contact.reached(), contact.answered(), contact.lastSessionId(), reason);
    }

    /**
     * When the attempt limits let a number be dialled again: {@code null} when they allow a dial at {@code now},
     * else the earliest instant at which every limit does. A limit allows a dial when fewer than its
     * {@code max_attempts} of {@code dials} started after {@code now - period}. A dial stamped after {@code now}
     * (by a node whose clock runs ahead) counts too, so that clocks apart can only make a limit stricter.
     *
     * @param dials when the organisation's earlier dials to the number started, in any order
     */
    public static Instant attemptsFreeAt(List<AttemptLimit> limits, List<Instant> dials, Instant now) {
        Instant free = null;
        for (AttemptLimit limit : limits) {
            Instant from = now.minus(limit.period());
            List<Instant> within = dials.stream().filter(d -> d.isAfter(from)).sorted().toList();
            if (within.size() >= limit.maxAttempts()) {
                Instant at = within.get(within.size() - limit.maxAttempts()).plus(limit.period());
                free = free == null || at.isAfter(free) ? at : free;
            }
        }
        return free;
    }

    /** Why a due retry of a zone whose window is closed waits for its opening. */
    public static final String OUTSIDE_LOCAL_HOURS = "outside the contact's local calling hours";

    /**
     * What a claim's rules do with a candidate instead of calling it, in {@link ClaimRules}' order: its zone's skip,
     * then the suppression list, then the attempt limits (the claim's and the zone's). Every store decides through
     * this, so the order and the reasons are the same on each.
     *
     * @param contact     the candidate (pending, or a due retry)
     * @param zone        its zone's rule at the claim's instant (open or skipped: a closed zone's contacts are not
     *                    candidates)
     * @param suppression its number's entry on the organisation's suppression list, or {@code null} (or when the
     *                    claim does not respect suppression)
     * @param dials       when the organisation's earlier dials to its number started (those within the longest
     *                    limit's period suffice)
     * @return its facts skipped or held, or {@code null} when it may be called now
     */
    public static ContactFacts setAside(ContactFacts contact, ClaimRules rules, ClaimRules.ZoneRule zone,
                                        Suppression suppression, List<Instant> dials, Instant now) {
        String skip = zone.skipReason();
        if (skip == null && suppression != null && rules.respectSuppression()) {
            skip = suppressedReason(suppression);
        }
        if (skip != null) {
            return skipped(contact, skip);
        }
        List<AttemptLimit> limits = attemptLimits(rules, zone);
        Instant free = limits.isEmpty() ? null : attemptsFreeAt(limits, dials, now);
        return free == null ? null : held(contact, free, attemptLimitReason(limits, free));
    }

    /** The limits on a contact of the zone: the claim's, then the zone's own. */
    public static List<AttemptLimit> attemptLimits(ClaimRules rules, ClaimRules.ZoneRule zone) {
        if (zone.attemptLimits().isEmpty()) {
            return rules.attemptLimits();
        }
        List<AttemptLimit> limits = new java.util.ArrayList<>(rules.attemptLimits());
        limits.addAll(zone.attemptLimits());
        return limits;
    }

    /** The start of the note of every contact waiting for an attempt limit. */
    public static final String ATTEMPT_LIMIT_NOTE = "attempt limit";

    /** Whether a waiting contact's note says it waits for an attempt limit. */
    public static boolean waitsForAttemptLimit(String note) {
        return note != null && note.startsWith(ATTEMPT_LIMIT_NOTE);
    }

    /** Why a contact waits for an attempt limit. */
    public static String attemptLimitReason(List<AttemptLimit> limits, Instant until) {
        StringBuilder text = new StringBuilder(ATTEMPT_LIMIT_NOTE);
        String sep = " ";
        for (AttemptLimit limit : limits) {
            text.append(sep).append(limit.maxAttempts()).append(" per ").append(limit.periodHours()).append(" h");
            sep = ", ";
        }
        return text.append(": waits until ").append(until).toString();
    }

    /** Why a contact whose number is suppressed is skipped. */
    public static String suppressedReason(Suppression suppression) {
        return "suppressed: " + suppression.reason();
    }

    /**
     * The suppression an outcome adds when the person opted out (recorded or late), or {@code null}: the store
     * writes it in the same operation as the outcome, keeping an earlier entry for the number as it is.
     */
    public static Suppression optOut(Campaign campaign, CallSession session, CallResult result, Instant now) {
        if (!result.optedOut()) {
            return null;
        }
        return new Suppression(session.phoneNumber(), "opted out during a call of campaign " + campaign.id()
                + " (session " + session.sessionId() + ")", now);
    }

    /** The reason a session closed by lease recovery shows; {@code nodeId} is its lease owner (id and incarnation). */
    public static String leaseExpiredReason(String nodeId) {
        return "lease expired: node " + nodeId + " stopped renewing";
    }

    /**
     * Closing a session handed to the telephony whose lease expired (its node stopped renewing): it ends
     * {@code failed}, and its contact becomes final, since the call may still be live and the contact must never
     * be in two calls at once. The session takes one late report of its real outcome. (A session never handed
     * over placed no call: it is {@link #returned}, not ended.)
     */
    public static Ending expired(Campaign campaign, CallSession session, ContactFacts contact, String nodeId,
                                 Instant now) {
        SessionEnd end = SessionEnd.of(session, CallResult.failed(leaseExpiredReason(nodeId)), now, true, false);
        ContactFacts after = new ContactFacts(ContactState.FAILED, contact.attempts(), null, CallOutcome.FAILED,
                contact.reached(), contact.answered(), contact.lastSessionId());
        CounterDelta delta = CounterDelta.move(contact.state(), ContactState.FAILED);
        Campaign moved = campaign.withProgress(delta.applyTo(campaign.progress(), campaign.status()));
        return new Ending(end, after, delta, CampaignLifecycle.completedIfFinished(moved, now));
    }
}
