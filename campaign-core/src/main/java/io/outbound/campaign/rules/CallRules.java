package io.outbound.campaign.rules;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.OutcomeReport;
import java.time.Instant;

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
