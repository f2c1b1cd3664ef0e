package io.outbound.campaign.internal.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's leases and closes the calls of nodes that stopped keeping theirs. It runs on its own
 * schedule (a quarter of the lease timeout), apart from claiming and dialling, so a node whose dials all
 * hang still keeps its leases, and the work does not grow with the number of campaigns.
 *
 * <p><b>Judging other nodes' leases only while in touch.</b> A lease that ran out says "its node did not renew
 * for a lease timeout". That means the node is dead only if the store was reachable meanwhile: when the database
 * itself was down (or this node could not reach it), every node's renewals failed alike, and on the database's
 * return the first node to reconnect would find every other node's leases expired and close calls that are live
 * (their real outcomes then landing as late, without their retries, and their caller numbers reused while the
 * calls go on). So this node closes other nodes' calls only once it has been in touch with the store without a
 * break for a whole lease timeout: since it started, and again after any break. A break is a lease operation that
 * failed, or one that took longer than a renewal interval (a call blocked on an unreachable database and
 * completed once it came back, which from inside looks like success). Every live node had that same lease
 * timeout, with the store reachable, to renew its own leases; one that did not is as good as dead and its calls
 * are closed as before. Other nodes' leases are never judged sooner for this, only later: by at most one lease
 * timeout after a node starts or reconnects.
 *
 * <p>This needs no database clock: lease instants are written and compared in the nodes' own clocks, which must
 * agree to well within a lease timeout (as NTP keeps them). What the nodes cannot agree on without a reachable
 * store is whether another node is alive, and that is what the rule above waits for.
 */
final class LeaseKeeper {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
    private static final int RECOVERY_BATCH = 500;

    private final EngineSettings settings;
    private final Duration renewEvery;
    private Instant lastRenewal = Instant.MIN;
    /** Since when every lease operation has succeeded promptly; {@code null} until one does, and after a break. */
    private Instant inTouchSince;
    private boolean waitingToJudge;

    LeaseKeeper(EngineSettings settings) {
        this.settings = settings;
        this.renewEvery = settings.leaseTimeout().dividedBy(4);
    }

    /** How often leases are renewed: a quarter of the lease timeout. */
    Duration renewInterval() {
        return renewEvery;
    }

    /**
     * Renews this node's leases when a renewal is due, then, when this node has been in touch with the store for
     * a lease timeout, closes sessions whose lease expired.
     *
     * @return when the next renewal falls due
     */
    synchronized Instant run() {
        Instant now = settings.clock().instant();
        if (!now.isBefore(lastRenewal.plus(renewEvery))) {
            touching(() -> settings.store().renewLeases(settings.leaseOwner(), now.plus(settings.leaseTimeout())));
            lastRenewal = now;
        }
        if (!mayJudgeOthers(now)) {
            return lastRenewal.plus(renewEvery);
        }
        int recovered;
        do {
            recovered = touching(() -> settings.store().recoverExpiredSessions(now, RECOVERY_BATCH));
            if (recovered > 0) {
                log.warn("closed or gave back {} call sessions whose node stopped renewing its lease", recovered);
            }
        } while (recovered == RECOVERY_BATCH);
        return lastRenewal.plus(renewEvery);
    }

    /** Whether this node has been in touch with the store for a whole lease timeout by {@code now}. */
    synchronized boolean mayJudgeOthers(Instant now) {
        boolean may = inTouchSince != null && !now.isBefore(inTouchSince.plus(settings.leaseTimeout()));
        if (may && waitingToJudge) {
            waitingToJudge = false;
            log.info("in touch with the store since {}: closing calls of nodes that stopped renewing again",
                    inTouchSince);
        }
        return may;
    }

    /** Runs a lease operation, noting a break in touch when it fails or takes longer than a renewal interval. */
    private <T> T touching(Supplier<T> operation) {
        Instant before = settings.clock().instant();
        T result;
        try {
            result = operation.get();
        } catch (RuntimeException e) {
            lostTouch(null);
            throw e;
        }
        Instant after = settings.clock().instant();
        if (Duration.between(before, after).compareTo(renewEvery) > 0) {
            lostTouch(after);
        } else if (inTouchSince == null) {
            inTouchSince = after;
        }
        return result;
    }

    private void lostTouch(Instant regainedAt) {
        if (inTouchSince != null && !waitingToJudge) {
            log.warn("lost touch with the store: other nodes' expired leases are left alone until this node has "
                    + "been in touch again for {}", settings.leaseTimeout());
        }
        waitingToJudge = true;
        inTouchSince = regainedAt;
    }
}
