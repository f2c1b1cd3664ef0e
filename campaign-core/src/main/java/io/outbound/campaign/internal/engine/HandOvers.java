package io.outbound.campaign.internal.engine;

import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.HandOverRequest;
import io.outbound.campaign.spi.HandOverResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Unpaced handovers asked for at the same time, by the dial pool's threads, done as one store handover of all
 * their sessions ({@link GroupCommit}), campaigns that respect suppression apart from the others (a group is one
 * store operation, all or nothing); each asker gets back the part of the result that is its own. A paced handover takes its configuration's turn and
 * is never grouped.
 */
final class HandOvers implements GroupCommit.Operation<HandOverRequest, HandOverResult> {
    private final CampaignStore store;

    HandOvers(CampaignStore store) {
        this.store = store;
    }

    @Override
    public Object key(HandOverRequest request) {
        return null;
    }

    @Override
    public HandOverResult alone(HandOverRequest request) {
        return store.handOver(request);
    }

    /** Campaigns that respect suppression and those that do not are handed over in separate groups. */
    @Override
    public Object kind(HandOverRequest request) {
        return request.respectSuppression();
    }

    @Override
    public List<HandOverResult> together(List<HandOverRequest> requests) {
        Set<String> ids = new LinkedHashSet<>();
        Instant now = requests.get(0).now();
        boolean respectSuppression = requests.get(0).respectSuppression();
        for (HandOverRequest request : requests) {
            if (request.pacing() != null) {
                throw new IllegalArgumentException("a paced handover is never grouped");
            }
            if (request.respectSuppression() != respectSuppression) {
                throw new IllegalArgumentException("handovers that respect suppression are grouped apart");
            }
            ids.addAll(request.sessionIds());
            now = request.now().isAfter(now) ? request.now() : now;
        }
        // One store operation for the group: it happens entirely or not at all, for every asker alike.
        Set<String> handed = new HashSet<>(store.handOver(new HandOverRequest(List.copyOf(ids), now, null,
                respectSuppression)).handedOver());
        List<HandOverResult> results = new ArrayList<>(requests.size());
        for (HandOverRequest request : requests) {
            // Unpaced, a store looks at every session of the request: each not handed over was refused.
            results.add(new HandOverResult(request.sessionIds().stream().filter(handed::contains).toList(), null,
                    request.sessionIds().stream().filter(id -> !handed.contains(id)).toList()));
        }
        return results;
    }

    @Override
    public RuntimeException missing(HandOverRequest request) {
        return new IllegalStateException("every grouped handover has a result");
    }
}
