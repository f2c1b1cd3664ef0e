package io.outbound.campaign.internal.engine;

import io.outbound.campaign.ImportLimits;
import io.outbound.campaign.events.CampaignListener;
import io.outbound.campaign.events.EngineObserver;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.FileStore;
import io.outbound.campaign.spi.OrgLimits;
import io.outbound.campaign.spi.Telephony;
import io.outbound.campaign.spi.TelephonyConfigs;
import io.outbound.campaign.spi.WorkflowDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Everything an engine node is built from, validated by the public builder.
 *
 * @param store                         persistence
 * @param files                         contact files
 * @param telephony                     places calls
 * @param telephonyConfigs              caller numbers
 * @param orgLimits                     organisation caps
 * @param workflows                     known agents
 * @param clock                         the only source of time
 * @param importLimits                  contact file limits
 * @param nodeId                        this node's lease owner id
 * @param pollInterval                  the longest the dispatcher waits without a wake-up
 * @param leaseTimeout                  how long a call's lease lasts without renewal
 * @param claimBatchSize                the most calls claimed in one store operation
 * @param pauseAfterConsecutiveFailures technical failures in a row that pause a campaign; 0 never
 * @param presignTtl                    how long source download URLs last
 * @param dialConcurrency               the most dials in progress on this node (its dial pool)
 * @param dialTimeout                   how long a dial may take before its attempt ends failed
 * @param shutdownTimeout               how long {@code close()} waits for dials already handed over
 * @param maxConcurrentImports          the most contacts files this node imports at once
 * @param listeners                     told of events, on the event thread
 * @param observers                     told how long store operations and dials take, on the calling thread
 * @param eventQueueCapacity            the most events waiting for the listeners
 * @param incarnation                   drawn at random for each engine instance: this process life of the node
 */
public record EngineSettings(
        CampaignStore store,
        FileStore files,
        Telephony telephony,
        TelephonyConfigs telephonyConfigs,
        OrgLimits orgLimits,
        WorkflowDirectory workflows,
        Clock clock,
        ImportLimits importLimits,
        String nodeId,
        Duration pollInterval,
        Duration leaseTimeout,
        int claimBatchSize,
        int pauseAfterConsecutiveFailures,
        Duration presignTtl,
        int dialConcurrency,
        Duration dialTimeout,
        Duration shutdownTimeout,
        int maxConcurrentImports,
        List<CampaignListener> listeners,
        List<EngineObserver> observers,
        int eventQueueCapacity,
        String incarnation) {

    /**
     * The owner written on this node's sessions and renewed by its lease keeper: the node's id and its
     * incarnation, so that a node restarted under the same id never renews the leases of the calls its previous
     * process lost (those expire and are closed as any dead node's are).
     */
    public String leaseOwner() {
        return nodeId + LEASE_OWNER_SEPARATOR + incarnation;
    }

    public EngineSettings {
        listeners = List.copyOf(listeners);
        observers = List.copyOf(observers);
    }

    /** Between the node id and the incarnation in a lease owner. */
    public static final String LEASE_OWNER_SEPARATOR = "#";
}
