package io.outbound.campaign.internal.engine;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's leases and closes the calls of nodes that stopped keeping theirs. It runs on its own
 * schedule (a quarter of the lease timeout), apart from claiming and dialling, so a node whose dials all
 * hang still keeps its leases, and the work does not grow with the number of campaigns.
 */
final class LeaseKeeper {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
    private static final int RECOVERY_BATCH = 500;

    private final EngineSettings settings;
    private final Duration renewEvery;
    private Instant lastRenewal = Instant.MIN;

    LeaseKeeper(EngineSettings settings) {
        this.settings = settings;
        this.renewEvery = settings.leaseTimeout().dividedBy(4);
    }

    /** How often leases are renewed: a quarter of the lease timeout. */
    Duration renewInterval() {
        return renewEvery;
    }

    /**
     * Renews this node's leases when a renewal is due, then closes sessions whose lease expired.
     *
     * @return when the next renewal falls due
     */
    synchronized Instant run() {
        Instant now = settings.clock().instant();
        if (!now.isBefore(lastRenewal.plus(renewEvery))) {
            settings.store().renewLeases(settings.nodeId(), now.plus(settings.leaseTimeout()));
            lastRenewal = now;
        }
        int recovered;
        do {
            recovered = settings.store().recoverExpiredSessions(now, RECOVERY_BATCH);
            if (recovered > 0) {
                log.warn("closed or gave back {} call sessions whose node stopped renewing its lease", recovered);
            }
        } while (recovered == RECOVERY_BATCH);
        return lastRenewal.plus(renewEvery);
    }
}
