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
 * their sessions ({@link GroupCommit}), one for the campaigns that respect suppression and one for the others;
 * each asker gets back the part of the result that is its own. A paced handover takes its configuration's turn and
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

    @Override
    public List<HandOverResult> together(List<HandOverRequest> requests) {
        Set<String> handed = new HashSet<>();
        for (boolean respectSuppression : new boolean[] {true, false}) {
            Set<String> ids = new LinkedHashSet<>();
            Instant now = null;
            for (HandOverRequest request : requests) {
                if (request.pacing() != null) {
                    throw new IllegalArgumentException("a paced handover is never grouped");
                }
                if (request.respectSuppression() == respectSuppression) {
                    ids.addAll(request.sessionIds());
                    now = now == null || request.now().isAfter(now) ? request.now() : now;
                }
            }
            if (!ids.isEmpty()) {
                handed.addAll(store.handOver(new HandOverRequest(List.copyOf(ids), now, null, respectSuppression))
                        .handedOver());
            }
        }
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
