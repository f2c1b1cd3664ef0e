package io.outbound.campaign.internal.engine;

import io.outbound.campaign.CallResult;
import io.outbound.campaign.rules.ReportRules;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.events.StoreOperation;
import io.outbound.campaign.spi.CallRequest;
import io.outbound.campaign.spi.CallerPool;
import io.outbound.campaign.spi.DialPacing;
import io.outbound.campaign.spi.HandOverRequest;
import io.outbound.campaign.spi.HandOverResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's dials: the calls its dispatcher claimed wait here until they are handed to the telephony.
 *
 * <p>At most {@code dialConcurrency} dials are in progress at once (a handover to the store, then
 * {@code Telephony.dialAsync} until its stage completes). Campaigns take turns: the next free place goes to
 * the next campaign in rotation that has a dial waiting and holds fewer than its fair share of places
 * ({@code dialConcurrency} divided by the campaigns with dials waiting or in progress); a campaign alone
 * may use every place. A dial still in progress after {@link #stallAfter} stops holding a place (up to
 * {@code dialConcurrency} such dials), but still counts against its campaign's share: a carrier that hangs
 * holds its campaign's share and no more, and other campaigns keep dialling.
 *
 * <p>Just before its handover a dial's {@link DialWindow} is asked whether a call may still start: a dial whose
 * campaign's calling hours, or the local hours of a zone open at its claim, have ended while it waited is given
 * back undialled (with the calls of its campaign still waiting whose windows have ended too), never dialled.
 *
 * <p>Each dial is handed over through {@code CampaignStore.handOver} just before the telephony is called:
 * the store refuses sessions given back since (a pause on any node returns them), and spaces the dials of a
 * paced telephony configuration across nodes. A dial in progress past {@code dialTimeout} ends its attempt
 * as {@code failed} ("dial timed out"), recorded so that a later real outcome is late.
 *
 * <p>Everything time-based is decided by {@link #tick} against the engine's clock, so the same code runs on
 * threads (the engine started) and inline under a manual clock ({@code runOnce}, the test kit).
 */
final class DialPool {
    private static final Logger log = LoggerFactory.getLogger(DialPool.class);
    /** A dial slower than this stops holding a place in the pool. */
    static final Duration STALL_AFTER = Duration.ofSeconds(1);
    /** How soon a handover or a timeout record that failed on the store is tried again. */
    private static final Duration STORE_RETRY = Duration.ofSeconds(1);
    private static final String TIMED_OUT = "dial timed out";
    /** One second plus the guard of {@link #interval}. */
    private static final double PACING_WINDOW_NANOS = 1_050_000_000d;

    private final EngineSettings settings;
    private final OutcomeRecorder outcomes;
    private final GroupCommit<HandOverRequest, HandOverResult> handovers;
    private final Runnable onRoom;
    private final int places;
    private final Duration stallAfter;
    private final Object lock = new Object();
    private final LinkedHashMap<Long, CampaignDials> campaigns = new LinkedHashMap<>();
    private final Map<String, Instant> pacedUntil = new HashMap<>();
    private final Set<Dial> inProgress = new HashSet<>();
    private final List<String> timeoutsToRecord = new ArrayList<>();
    /** Refused dials the store could not record: recorded at the next store retry. */
    private final Map<String, CallResult> failuresToRecord = new LinkedHashMap<>();
    /** Undialled sessions whose return the store refused: given back at the next store retry. */
    private final List<String> toGiveBack = new ArrayList<>();
    private volatile Executor executor = Runnable::run;
    private Scheduler scheduler;
    private Instant tickScheduledAt;
    private Instant storeRetryAt;
    private int active;
    private int stalled;
    private int queued;
    private boolean closed;
    /**
     * Whether the dispatcher's last pass left some campaign held back, with fewer calls than it asked for while
     * contacts wait (a cap of the store, a closed zone, a retry), which a freed place or slot may change: then every
     * dial leaving the pool wakes the dispatcher. Otherwise only a campaign's line falling to the level at which
     * {@link #room} tops it up does.
     */
    private boolean heldBack = true;

    /** Runs {@link #tick} at an instant of the engine's clock (the engine's timer thread). */
    interface Scheduler {
        void tickAt(Instant at);
    }

    private final EngineEvents events;
    private final EngineTiming timing;

    DialPool(EngineSettings settings, OutcomeRecorder outcomes, Runnable onRoom, EngineEvents events,
             EngineTiming timing) {
        this.settings = settings;
        this.outcomes = outcomes;
        this.events = events;
        this.timing = timing;
        this.handovers = new GroupCommit<>(new HandOvers(settings.store()));
        this.onRoom = onRoom;
        this.places = settings.dialConcurrency();
        Duration half = settings.dialTimeout().dividedBy(2);
        this.stallAfter = half.compareTo(STALL_AFTER) < 0 ? half : STALL_AFTER;
    }

    /** From now on dials run on {@code executor} and ticks are scheduled through {@code scheduler}. */
    void useThreads(Executor executor, Scheduler scheduler) {
        synchronized (lock) {
            this.executor = executor;
            this.scheduler = scheduler;
        }
    }

    /**
     * How many more calls of the campaign this node should claim now: its share of a queue as long as the
     * pool or a claim batch, whichever is longer, divided by the running campaigns (at least one), so that
     * claims stay batched, claimed calls wait little, and a campaign that claimed a lot while alone never keeps
     * another from claiming; for a paced configuration, at most about one second of its dials. Nothing until the
     * campaign's line is down to half its share: then the claim tops it up in one batch.
     */
    int room(long campaignId, CallerPool pool, int runningCampaigns) {
        synchronized (lock) {
            if (closed) {
                return 0;
            }
            long queueLength = Math.max(places, settings.claimBatchSize());
            long share = Math.max(1, -Math.floorDiv(-queueLength, Math.max(1, runningCampaigns)));
            if (pool.paced()) {
                share = Math.min(share, Math.max(1, (long) Math.ceil(pool.callsPerSecond())));
            }
            CampaignDials c = campaigns.get(campaignId);
            long waiting = c == null ? 0 : c.queue.size();
            if (c != null) {
                c.refillAt = share / 2;
            }
            // Topped up only once the line is down to half, so that dials ending one at a time do not each cost
            // a claim of one call: a claim's cost is mostly its own (locks, counters), not its calls'.
            return waiting > share / 2 ? 0 : (int) (share - waiting);
        }
    }

    /** Set by each dispatch pass: whether it left a campaign held back ({@link #heldBack}). */
    void heldBack(boolean held) {
        synchronized (lock) {
            heldBack = held;
        }
    }

    /** Whether the last dispatch pass left a campaign held back ({@link #heldBack}). */
    boolean isHeldBack() {
        synchronized (lock) {
            return heldBack;
        }
    }

    /** Queues claimed calls of a campaign for their handover, to start only while {@code window} allows. */
    void enqueue(Campaign campaign, CallerPool pool, List<CallSession> sessions, DialWindow window) {
        if (sessions.isEmpty()) {
            return;
        }
        DialPacing pacing = pool.paced() ? new DialPacing(campaign.orgId(), campaign.telephonyConfigurationId(),
                interval(pool.callsPerSecond())) : null;
        synchronized (lock) {
            CampaignDials c = campaigns.computeIfAbsent(campaign.id(), CampaignDials::new);
            for (CallSession s : sessions) {
                c.queue.add(new Dial(c, pacing, window, new CallRequest(s.sessionId(), campaign.orgId(), campaign.id(),
                        s.phoneNumber(), s.callerNumber(), campaign.workflowId(), campaign.telephonyConfigurationId(),
                        s.attempt(), s.initialContext())));
            }
            queued += sessions.size();
        }
        pump();
    }

    /**
     * The space between two dials of a configuration capped at {@code callsPerSecond}: a little more than
     * {@code 1 s / callsPerSecond}, so that the time between a handover and the carrier receiving the request
     * (a store round trip, a thread waking) cannot put more than the cap into any one-second window.
     */
    static Duration interval(double callsPerSecond) {
        long nanos = (long) Math.ceil(PACING_WINDOW_NANOS / callsPerSecond);
        return Duration.ofNanos(Math.max(1, nanos));
    }

    /** Forgets the waiting calls of campaigns not in {@code running}: their store gave them back already. */
    void retainCampaigns(Set<Long> running) {
        synchronized (lock) {
            for (CampaignDials c : campaigns.values()) {
                if (!running.contains(c.id)) {
                    queued -= c.queue.size();
                    c.queue.clear();
                }
            }
            campaigns.values().removeIf(CampaignDials::idle);
        }
    }

    /** Forgets the waiting calls of one campaign (paused here: its store gave them back). */
    void forget(long campaignId) {
        synchronized (lock) {
            CampaignDials c = campaigns.get(campaignId);
            if (c != null) {
                queued -= c.queue.size();
                c.queue.clear();
                if (c.idle()) {
                    campaigns.remove(campaignId);
                }
            }
        }
    }

    /**
     * Gives back the calls of the campaign still waiting for their handover that were claimed under a window
     * {@code stale} names: all of them when its calling hours are closed now, or those claimed under calling hours
     * or contact rules changed since. Nothing when none waits.
     */
    void giveBackWaiting(long campaignId, Predicate<DialWindow> stale, String why) {
        List<String> waiting = new ArrayList<>();
        synchronized (lock) {
            CampaignDials c = campaigns.get(campaignId);
            if (c == null || c.queue.isEmpty()) {
                return;
            }
            takeWaiting(c, stale, waiting);
        }
        if (!waiting.isEmpty()) {
            log.info("giving back {} claimed calls of campaign {}: {}", waiting.size(), campaignId, why);
            giveBack(waiting, settings.clock().instant());
        }
    }

    /** Whether a dial of the campaign waited for its configuration's pace since {@code since}. */
    boolean pacedSince(long campaignId, Instant since) {
        synchronized (lock) {
            CampaignDials c = campaigns.get(campaignId);
            return c != null && c.lastPacedAt != null && !c.lastPacedAt.isBefore(since);
        }
    }

    /**
     * Starts as many waiting dials as there are free places, one campaign at a time in turn. A campaign
     * beyond its fair share gets a place only when no campaign within its share is waiting, and never while
     * one of its dials is stalled; a paced configuration gets one dial per turn.
     */
    void pump() {
        List<List<Dial>> batches = new ArrayList<>();
        synchronized (lock) {
            Instant now = settings.clock().instant();
            if (closed || queued == 0 || active >= places || (storeRetryAt != null && now.isBefore(storeRetryAt))) {
                return;
            }
            int demand = 0;
            for (CampaignDials c : campaigns.values()) {
                if (!c.idle()) {
                    demand++;
                }
            }
            int share = Math.max(1, -Math.floorDiv(-places, Math.max(1, demand)));
            Map<CampaignDials, List<Dial>> taken = new LinkedHashMap<>();
            while (active < places) {
                CampaignDials chosen = null;
                CampaignDials overShare = null;
                for (CampaignDials c : campaigns.values()) {
                    Dial next = c.queue.peek();
                    if (next == null || paced(next, now)) {
                        continue;
                    }
                    if (c.inProgress < share) {
                        chosen = c;
                        break;
                    }
                    if (overShare == null && c.stalled == 0) {
                        overShare = c;
                    }
                }
                if (chosen == null) {
                    chosen = overShare;
                }
                if (chosen == null) {
                    break;
                }
                Dial next = chosen.queue.poll();
                queued--;
                chosen.inProgress++;
                active++;
                if (next.pacing != null) {
                    // Until the store answers, this node assumes the slot is taken.
                    pacedUntil.merge(pacingKey(next.pacing), now.plus(next.pacing.interval()),
                            (a, b) -> a.isAfter(b) ? a : b);
                }
                taken.computeIfAbsent(chosen, k -> new ArrayList<>()).add(next);
                // The campaign just served goes to the back of the line.
                campaigns.remove(chosen.id);
                campaigns.put(chosen.id, chosen);
            }
            batches.addAll(taken.values());
            // A dial left waiting for its configuration's pace needs a tick when the pace allows it.
            scheduleTick(earliestDeadline());
        }
        for (List<Dial> batch : batches) {
            executor.execute(() -> handOver(batch));
        }
    }

    private boolean paced(Dial dial, Instant now) {
        if (dial.pacing == null) {
            return false;
        }
        Instant until = pacedUntil.get(pacingKey(dial.pacing));
        if (until != null && until.isAfter(now)) {
            dial.campaign.lastPacedAt = now;
            return true;
        }
        return false;
    }

    private static String pacingKey(DialPacing pacing) {
        return pacing.orgId() + '\u0000' + pacing.key();
    }

    /** On a pool thread: asks the store to hand the batch over, then dials what it handed over. */
    private void handOver(List<Dial> taken) {
        Instant now = settings.clock().instant();
        List<Dial> batch = outsideTheirWindow(taken, now);
        if (batch.isEmpty()) {
            afterRelease(null);
            return;
        }
        DialPacing pacing = batch.get(0).pacing;
        HandOverResult result;
        try {
            // A batch is one campaign's, normally claimed under one set of rules; if an update turned suppression
            // on between its claims, the stricter rules apply to all of it.
            HandOverRequest request = new HandOverRequest(sessionIds(batch), now, pacing,
                    batch.stream().anyMatch(d -> d.window.claimed().respectSuppression()));
            // Unpaced handovers of the pool's threads at the same moment go to the store together.
            result = timing.time(StoreOperation.HAND_OVER,
                    () -> pacing == null ? handovers.run(request) : settings.store().handOver(request));
        } catch (RuntimeException e) {
            log.warn("could not hand over {} calls of campaign {}, trying again shortly", batch.size(),
                    batch.get(0).request.campaignId(), e);
            requeue(batch, now.plus(STORE_RETRY));
            return;
        }
        Set<String> handed = new HashSet<>(result.handedOver());
        // Unpaced, the store looked at every session; paced, at those up to the one it handed over.
        Set<String> refused = pacing == null ? new HashSet<>(sessionIds(batch)) : new HashSet<>(result.refused());
        refused.removeAll(handed);
        List<Dial> dials = new ArrayList<>(handed.size());
        List<String> giveBack = new ArrayList<>();
        synchronized (lock) {
            if (pacing != null) {
                Instant next = result.pacedUntil() != null ? result.pacedUntil()
                        : handed.isEmpty() ? null : now.plus(pacing.interval());
                if (next != null) {
                    pacedUntil.merge(pacingKey(pacing), next, (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            for (Dial d : batch) {
                if (handed.contains(d.request.sessionId())) {
                    d.handedAt = now;
                    inProgress.add(d);
                    dials.add(d);
                } else if (refused.contains(d.request.sessionId())) {
                    // Given back by a pause or recovered (then returning it again changes nothing), or its number
                    // was suppressed since the claim: returned, so that the next claim skips its contact.
                    giveBack.add(d.request.sessionId());
                    release(d);
                } else if (result.pacedUntil() != null && closed) {
                    giveBack.add(d.request.sessionId());
                    release(d);
                } else if (result.pacedUntil() != null) {
                    // Held back by the pace: it waits, first in its campaign's line, for the next slot.
                    d.campaign.lastPacedAt = now;
                    release(d);
                    putBack(d);
                } else {
                    release(d);        // a store that does not say what it refused: nothing to dial
                }
            }
            scheduleTick(earliestDeadline());
        }
        // Given back first: this thread may then spend up to the dial timeout in the carrier's API.
        if (!giveBack.isEmpty()) {
            giveBack(giveBack, now);
        }
        for (Dial d : dials) {
            events.dialled(d.request, now);
        }
        // In order: inline (manual clock) they run one after the other in claim order; on threads all but the
        // last go to other pool threads and this thread dials the last.
        for (int i = 0; i < dials.size() - 1; i++) {
            Dial d = dials.get(i);
            executor.execute(() -> dial(d));
        }
        if (!dials.isEmpty()) {
            dial(dials.get(dials.size() - 1));
        }
        afterRelease(null);
    }

    /**
     * Gives back, as undialled, the dials of the batch whose window no longer allows a call to start (and with
     * them every call of their campaigns still waiting whose window does not either), freeing their places; the
     * dials that may start.
     */
    private List<Dial> outsideTheirWindow(List<Dial> batch, Instant now) {
        List<Dial> mayStart = new ArrayList<>(batch.size());
        List<String> giveBack = new ArrayList<>();
        synchronized (lock) {
            Set<CampaignDials> swept = new HashSet<>();
            for (Dial d : batch) {
                if (d.window.allows(now)) {
                    mayStart.add(d);
                    continue;
                }
                giveBack.add(d.request.sessionId());
                release(d);
                if (swept.add(d.campaign)) {
                    takeWaiting(d.campaign, window -> !window.allows(now), giveBack);
                }
            }
        }
        if (!giveBack.isEmpty()) {
            log.info("giving back {} claimed calls of campaign {}: their calling window closed before their turn to"
                    + " be dialled", giveBack.size(), batch.get(0).request.campaignId());
            giveBack(giveBack, now);
        }
        return mayStart;
    }

    /**
     * Under the lock: takes out of the campaign's line the calls claimed under a window {@code stale} names, adding
     * their session ids to {@code into}, and forgets the campaign when nothing of it is left.
     */
    private void takeWaiting(CampaignDials c, Predicate<DialWindow> stale, List<String> into) {
        for (Iterator<Dial> waiting = c.queue.iterator(); waiting.hasNext(); ) {
            Dial d = waiting.next();
            if (stale.test(d.window)) {
                waiting.remove();
                queued--;
                into.add(d.request.sessionId());
            }
        }
        if (c.idle()) {
            campaigns.remove(c.id);
        }
    }

    /**
     * Returns undialled sessions this node no longer dials while it runs; when the store cannot, they are tried
     * again at the next store retry (this node renews their leases meanwhile, so they would not expire).
     */
    private void giveBack(List<String> sessionIds, Instant now) {
        try {
            settings.store().returnUndialled(sessionIds);
        } catch (RuntimeException e) {
            synchronized (lock) {
                if (closed) {
                    log.warn("could not give back {} claimed calls; they return when their leases expire",
                            sessionIds.size(), e);
                    return;
                }
                log.warn("could not give back {} claimed calls, trying again shortly", sessionIds.size(), e);
                toGiveBack.addAll(sessionIds);
                storeRetryAt = now.plus(STORE_RETRY);
                scheduleTick(earliestDeadline());
            }
        }
    }

    /** The batch's session ids, in order. */
    private static List<String> sessionIds(List<Dial> batch) {
        return batch.stream().map(d -> d.request.sessionId()).toList();
    }

    /** Puts a dial back first in its campaign's line. */
    private void putBack(Dial d) {
        d.campaign.queue.addFirst(d);
        queued++;
        campaigns.putIfAbsent(d.campaign.id, d.campaign);
    }

    private void requeue(List<Dial> batch, Instant retryAt) {
        synchronized (lock) {
            for (int i = batch.size() - 1; i >= 0; i--) {
                Dial d = batch.get(i);
                release(d);
                if (!closed) {
                    putBack(d);
                }
            }
            storeRetryAt = retryAt;
            scheduleTick(retryAt);
        }
    }

    /** Frees the place of a dial that was taken but not dialled. */
    private void release(Dial d) {
        d.campaign.inProgress--;
        active--;
        if (d.campaign.idle()) {
            campaigns.remove(d.campaign.id);
        }
        lock.notifyAll();
    }

    private void dial(Dial d) {
        CompletionStage<Void> stage;
        synchronized (lock) {
            d.thread = Thread.currentThread();
        }
        d.dialStartNanos = timing.dialStarted();
        try {
            stage = settings.telephony().dialAsync(d.request);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        } finally {
            synchronized (lock) {
                d.thread = null;
            }
            // A timeout's interrupt is for the dial only, not for the next task of this pool thread.
            Thread.interrupted();
        }
        if (stage == null) {
            stage = CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> future = stage.toCompletableFuture();
        boolean cancel;
        synchronized (lock) {
            d.future = future;
            cancel = d.timedOut;
        }
        if (cancel) {
            future.cancel(true);
        }
        future.whenComplete((ok, failure) -> finish(d, failure));
    }

    /** A dial returned (or its stage completed): frees its place and records a refusal. */
    private void finish(Dial d, Throwable failure) {
        boolean timedOut;
        synchronized (lock) {
            if (d.finished) {
                return;
            }
            d.finished = true;
            timedOut = d.timedOut;
            inProgress.remove(d);
            d.campaign.inProgress--;
            if (d.stalled) {
                stalled--;
                d.campaign.stalled--;
            } else {
                active--;
            }
            if (d.campaign.idle()) {
                campaigns.remove(d.campaign.id);
            }
            lock.notifyAll();
        }
        timing.dialReturned(d.dialStartNanos, failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure);
        if (failure != null && !timedOut) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            String reason = "dial failed: " + (cause.getMessage() == null ? cause.getClass().getName()
                    : cause.getMessage());
            recordDialFailure(d.request.sessionId(), CallResult.failed(ReportRules.storable(reason)));
        } else if (timedOut && failure == null) {
            log.info("session {} was accepted by the telephony after its dial had timed out; its outcome will be"
                    + " recorded as late", d.request.sessionId());
        }
        afterRelease(d.campaign);
    }

    /**
     * Records a refused dial; when the store is away, again at its next retry: this node renews the session's lease
     * meanwhile, so recovery would not close it while the node lives.
     */
    private void recordDialFailure(String sessionId, CallResult failure) {
        try {
            outcomes.recordDialFailure(sessionId, failure);
        } catch (CampaignException e) {
            if (e.code() != ErrorCode.STORE_UNAVAILABLE) {
                log.warn("could not record the failed dial of session {}", sessionId, e);
                return;
            }
            log.warn("could not record the failed dial of session {}, trying again shortly", sessionId, e);
            synchronized (lock) {
                failuresToRecord.put(sessionId, failure);
                storeRetryAt = settings.clock().instant().plus(STORE_RETRY);
                scheduleTick(earliestDeadline());
            }
        }
    }

    /** Starts what may start in the places freed, then wakes the dispatcher if a claim may now start more. */
    private void afterRelease(CampaignDials released) {
        if (executorIsThreaded()) {
            pump();
        }
        if (roomMayHaveFreed(released)) {
            onRoom.run();
        }
    }

    /**
     * Whether the dispatcher should look again: a campaign's line (the one a dial just left, or any other the pump
     * drew from) is down to where {@link #room} tops it up, or the last pass left a campaign held back.
     */
    private boolean roomMayHaveFreed(CampaignDials released) {
        synchronized (lock) {
            if (closed || heldBack || released != null && released.queue.size() <= released.refillAt) {
                return true;
            }
            for (CampaignDials c : campaigns.values()) {
                if (c.queue.size() <= c.refillAt) {
                    return true;
                }
            }
            return false;
        }
    }

    private boolean executorIsThreaded() {
        synchronized (lock) {
            return scheduler != null;
        }
    }

    /** The timer's tick: the one it was asked for has come, so the next may be asked for. */
    void timerTick() {
        synchronized (lock) {
            tickScheduledAt = null;
        }
        tick(settings.clock().instant());
    }

    /**
     * Does what is due at {@code now}: dials past their timeout end failed, dials past {@link #stallAfter} stop
     * holding a place, paced and store-refused handovers are tried again.
     *
     * @return the next instant something here falls due, or {@code null}
     */
    Instant tick(Instant now) {
        List<Dial> expired = new ArrayList<>();
        List<String> toRecord;
        List<String> retryGiveBack;
        Map<String, CallResult> retryFailures;
        synchronized (lock) {
            for (Dial d : inProgress) {
                if (!d.timedOut && !now.isBefore(d.handedAt.plus(settings.dialTimeout()))) {
                    d.timedOut = true;
                    expired.add(d);
                    timeoutsToRecord.add(d.request.sessionId());
                    if (d.thread != null) {
                        d.thread.interrupt();
                    }
                } else if (!d.stalled && !now.isBefore(d.handedAt.plus(stallAfter)) && stalled < places) {
                    d.stalled = true;
                    d.campaign.stalled++;
                    stalled++;
                    active--;
                }
            }
            pacedUntil.values().removeIf(until -> !until.isAfter(now));
            if (storeRetryAt != null && !storeRetryAt.isAfter(now)) {
                storeRetryAt = null;
            }
            toRecord = new ArrayList<>(timeoutsToRecord);
            timeoutsToRecord.clear();
            retryGiveBack = storeRetryAt == null && !toGiveBack.isEmpty() ? new ArrayList<>(toGiveBack) : List.of();
            if (!retryGiveBack.isEmpty()) {
                toGiveBack.clear();
            }
            retryFailures = storeRetryAt == null && !failuresToRecord.isEmpty()
                    ? new LinkedHashMap<>(failuresToRecord) : Map.of();
            failuresToRecord.keySet().removeAll(retryFailures.keySet());
        }
        retryFailures.forEach(this::recordDialFailure);
        if (!retryGiveBack.isEmpty()) {
            giveBack(retryGiveBack, now);
        }
        for (Dial d : expired) {
            CompletableFuture<Void> future;
            synchronized (lock) {
                future = d.future;
            }
            if (future != null) {
                future.cancel(true);
            }
        }
        for (String sessionId : toRecord) {
            try {
                outcomes.recordLost(sessionId, CallResult.failed(TIMED_OUT));
                log.warn("dial of session {} timed out after {}", sessionId, settings.dialTimeout());
            } catch (RuntimeException e) {
                if (e instanceof CampaignException c && c.code() == ErrorCode.STORE_UNAVAILABLE) {
                    // The store is away: try again shortly, so the session does not wait for its lease.
                    synchronized (lock) {
                        timeoutsToRecord.add(sessionId);
                        storeRetryAt = now.plus(STORE_RETRY);
                    }
                } else {
                    log.warn("could not record the timed-out dial of session {}", sessionId, e);
                }
            }
        }
        pump();
        synchronized (lock) {
            Instant next = earliestDeadline();
            scheduleTick(next);
            return next;
        }
    }

    /** The earliest instant {@link #tick} has work: a timeout, a stall, a pace or store retry ending. */
    private Instant earliestDeadline() {
        Instant next = storeRetryAt;
        for (Dial d : inProgress) {
            if (!d.timedOut) {
                next = Dispatcher.earliest(next, d.handedAt.plus(settings.dialTimeout()));
            }
            if (!d.stalled && stalled < places) {
                next = Dispatcher.earliest(next, d.handedAt.plus(stallAfter));
            }
        }
        if (queued > 0) {
            for (Instant until : pacedUntil.values()) {
                next = Dispatcher.earliest(next, until);
            }
        }
        return next;
    }

    /** Asks the timer for a tick at {@code at} unless one is already due by then. */
    private void scheduleTick(Instant at) {
        if (at == null || scheduler == null || closed
                || (tickScheduledAt != null && !at.isBefore(tickScheduledAt))) {
            return;
        }
        tickScheduledAt = at;
        scheduler.tickAt(at);
    }

    /**
     * Stops handing over: gives every waiting call back to the store, then waits up to {@code timeout} for
     * dials in progress to return.
     *
     * @return the session ids it could not give back (the store was unreachable): their leases expire and
     *         recovery returns them
     */
    Collection<String> close(Duration timeout) {
        List<String> waiting = new ArrayList<>();
        synchronized (lock) {
            closed = true;
            for (CampaignDials c : campaigns.values()) {
                for (Dial d : c.queue) {
                    waiting.add(d.request.sessionId());
                }
                c.queue.clear();
            }
            queued = 0;
        }
        List<String> left = List.of();
        if (!waiting.isEmpty()) {
            try {
                int returned = settings.store().returnUndialled(waiting);
                log.info("gave back {} claimed calls that were not dialled yet", returned);
            } catch (CampaignException e) {
                log.warn("could not give back {} claimed calls; they return when their leases expire", waiting.size(),
                        e);
                left = waiting;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (active + stalled > 0) {
                long left1 = deadline - System.nanoTime();
                if (left1 <= 0) {
                    log.warn("{} dials still in progress after {}; leaving them", active + stalled, timeout);
                    break;
                }
                try {
                    lock.wait(Math.max(1, left1 / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return left;
    }

    /** A campaign's waiting calls and how many of its dials are in progress. */
    private static final class CampaignDials {
        final long id;
        final ArrayDeque<Dial> queue = new ArrayDeque<>();
        int inProgress;
        int stalled;
        Instant lastPacedAt;
        /** The line's length at which {@link #room} last said it tops it up; unknown until then. */
        long refillAt = Long.MAX_VALUE;

        CampaignDials(long id) {
            this.id = id;
        }

        boolean idle() {
            return queue.isEmpty() && inProgress == 0;
        }
    }

    /** One claimed call, from its claim to the end of its dial. */
    private static final class Dial {
        final CampaignDials campaign;
        final DialPacing pacing;
        final DialWindow window;
        final CallRequest request;
        Instant handedAt;
        long dialStartNanos;
        Thread thread;
        CompletableFuture<Void> future;
        boolean stalled;
        boolean timedOut;
        boolean finished;

        Dial(CampaignDials campaign, DialPacing pacing, DialWindow window, CallRequest request) {
            this.campaign = campaign;
            this.pacing = pacing;
            this.window = window;
            this.request = request;
        }
    }
}
