package io.outbound.campaign.internal.engine;

import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.internal.calendar.CallingCalendar;
import io.outbound.campaign.spi.CallRequest;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.ClaimResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's dispatcher: for every running campaign, inside its calling hours, claims due contacts
 * through the store's one atomic claim (which enforces every cap across nodes) and hands each call to the
 * telephony. It also renews this node's leases and closes sessions whose node died.
 *
 * <p>{@link #runOnce()} does all the work due now and says when more falls due, so the same code runs
 * on the engine's own thread and under a test kit moving a manual clock.
 */
final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int RECOVERY_BATCH = 500;

    private final EngineSettings settings;
    private final CalendarCache calendars;
    private final OutcomeRecorder outcomes;
    private final ConcurrentHashMap<Long, ReentrantLock> dialLocks = new ConcurrentHashMap<>();
    private final Duration renewEvery;
    private Instant lastRenewal = Instant.MIN;

    Dispatcher(EngineSettings settings, CalendarCache calendars, OutcomeRecorder outcomes) {
        this.settings = settings;
        this.calendars = calendars;
        this.outcomes = outcomes;
        this.renewEvery = settings.leaseTimeout().dividedBy(4);
    }

    /**
     * The lock a pause takes on this node: held while a claimed batch is being dialled, so that once
     * pause returns no call of that campaign starts here.
     */
    ReentrantLock dialLock(long campaignId) {
        return dialLocks.computeIfAbsent(campaignId, id -> new ReentrantLock());
    }

    /** How often leases are renewed: a quarter of the lease timeout. */
    Duration renewInterval() {
        return renewEvery;
    }

    /**
     * Does everything due now: renews leases, closes lost sessions, dials due contacts of every running
     * campaign.
     *
     * @return the earliest instant at which more work is known to fall due (a retry, a slot opening), or
     *         {@code null} when only an outcome or a caller's action can create work
     */
    synchronized Instant runOnce() {
        Instant now = settings.clock().instant();
        if (!now.isBefore(lastRenewal.plus(renewEvery))) {
            settings.store().renewLeases(settings.nodeId(), now.plus(settings.leaseTimeout()));
            lastRenewal = now;
        }
        int recovered;
        do {
            recovered = settings.store().recoverExpiredSessions(now, RECOVERY_BATCH);
            if (recovered > 0) {
                log.warn("closed {} call sessions whose node stopped renewing its lease", recovered);
            }
        } while (recovered == RECOVERY_BATCH);
        Instant next = null;
        for (Campaign campaign : settings.store().runningCampaigns()) {
            try {
                next = earliest(next, dispatch(campaign));
            } catch (RuntimeException e) {
                // One campaign's failure (its store rows, a host SPI throwing) must not starve the others.
                log.warn("dispatch of campaign {} failed: {}", campaign.id(), e.toString());
            }
        }
        return next;
    }

    private Instant dispatch(Campaign campaign) {
        CallingCalendar calendar = calendars.of(campaign.callingHours());
        Instant checkedAt = settings.clock().instant();
        Instant opensAt = calendar.nextOpening(checkedAt);
        if (opensAt == null || opensAt.isAfter(checkedAt)) {
            // Outside calling hours nothing is claimed, so the host's lookups below are not needed yet.
            return opensAt;
        }
        Optional<List<String>> numbers = settings.telephonyConfigs()
                .callerNumbers(campaign.orgId(), campaign.telephonyConfigurationId());
        String fatal = TelephonyCheck.problem(campaign, numbers);
        if (fatal != null) {
            fail(campaign, fatal);
            return null;
        }
        int orgLimit = settings.orgLimits().concurrentCallLimit(campaign.orgId());
        int batch = Math.min(settings.claimBatchSize(), campaign.maxConcurrency());
        ReentrantLock lock = dialLock(campaign.id());
        while (true) {
            Instant now = settings.clock().instant();
            if (!calendar.isOpen(now)) {
                return calendar.nextOpening(now);
            }
            ClaimResult claim;
            lock.lock();
            try {
                claim = settings.store().claim(new ClaimRequest(campaign.id(), settings.nodeId(), now,
                        now.plus(settings.leaseTimeout()), batch, orgLimit, numbers.get()));
                for (CallSession session : claim.calls()) {
                    dial(campaign, session);
                }
            } finally {
                lock.unlock();
            }
            if (claim.calls().size() < batch || claim.campaign().status() != CampaignStatus.RUNNING) {
                return claim.nextRetryAt();
            }
        }
    }

    private void dial(Campaign campaign, CallSession session) {
        CallRequest request = new CallRequest(session.sessionId(), campaign.orgId(), campaign.id(),
                session.phoneNumber(), session.callerNumber(), campaign.workflowId(),
                campaign.telephonyConfigurationId(), session.attempt(), session.initialContext());
        try {
            settings.telephony().dial(request);
        } catch (RuntimeException e) {
            String reason = "dial failed: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage());
            try {
                outcomes.report(session.sessionId(), CallResult.failed(reason));
            } catch (CampaignException storeDown) {
                // The session stays in flight until its lease expires; recovery then closes it as failed.
                log.warn("could not record the failed dial of session {}: {}", session.sessionId(),
                        storeDown.getMessage());
            }
        }
    }

    private void fail(Campaign campaign, String reason) {
        Instant now = settings.clock().instant();
        settings.store().updateCampaign(campaign.orgId(), campaign.id(),
                c -> c.status() == CampaignStatus.RUNNING ? c.withStatus(CampaignStatus.FAILED, reason, now) : c);
        log.warn("campaign {} failed: {}", campaign.id(), reason);
    }

    static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
