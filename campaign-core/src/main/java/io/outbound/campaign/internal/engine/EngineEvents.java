package io.outbound.campaign.internal.engine;

import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.events.CallDialled;
import io.outbound.campaign.events.CallEnded;
import io.outbound.campaign.events.CampaignStatusChanged;
import io.outbound.campaign.events.ContactSkipped;
import io.outbound.campaign.events.DialFailed;
import io.outbound.campaign.spi.CallRequest;
import io.outbound.campaign.spi.CampaignChange;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.ClaimResult;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.spi.RecordResult;
import io.outbound.campaign.spi.SkippedContact;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns what the store committed into {@link io.outbound.campaign.events.CampaignEvent}s for the
 * {@link EventQueue}. Every method is called after the store operation returned, so an event never tells of a
 * change that was rolled back.
 *
 * <p>A status change made by a caller's action is seen directly (the status the change function read against the
 * status written). One the store made inside a claim or an outcome (completion, a pause after failures) is
 * recognised by the campaign's {@code updated_at} being the operation's own instant; the same change seen twice
 * on this node (by two outcomes of one group, or by a caller's action at the same instant) is told once.
 */
final class EngineEvents {
    private static final int REMEMBERED_CHANGES = 4096;

    /** Why an outcome was recorded: the provider's report, or the engine ending a dial that failed. */
    enum Source { REPORTED, DIAL_FAILED, DIAL_TIMED_OUT }

    private final EventQueue queue;
    private final Map<Long, String> lastChange = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > REMEMBERED_CHANGES;
        }
    };

    EngineEvents(EventQueue queue) {
        this.queue = queue;
    }

    /**
     * {@link CampaignStore#updateCampaign}, telling a status change when the change made one.
     */
    Campaign updateCampaign(CampaignStore store, String orgId, long campaignId,
                            Function<Campaign, CampaignChange> change) {
        if (!queue.wanted()) {
            return store.updateCampaign(orgId, campaignId, change);
        }
        CampaignStatus[] before = new CampaignStatus[1];
        Campaign after = store.updateCampaign(orgId, campaignId, c -> {
            // A store may run the function again after a conflict: the last read is the one written over.
            before[0] = c.status();
            return change.apply(c);
        });
        if (before[0] != null && before[0] != after.status()) {
            statusChanged(after, before[0]);
        }
        return after;
    }

    /** A claim that found nothing left completed the campaign. */
    void claimed(ClaimRequest request, ClaimResult result) {
        Campaign c = result.campaign();
        if (queue.wanted() && c != null) {
            for (SkippedContact skipped : result.skipped()) {
                queue.publish(new ContactSkipped(c.orgId(), c.id(), skipped.phoneNumber(), skipped.reason(),
                        request.now()));
            }
        }
        if (queue.wanted() && c != null && c.status() == CampaignStatus.COMPLETED
                && request.now().equals(c.updatedAt())) {
            statusChanged(c, CampaignStatus.RUNNING);
        }
    }

    /** A call was handed over to the telephony. */
    void dialled(CallRequest call, Instant at) {
        if (queue.wanted()) {
            queue.publish(new CallDialled(call.orgId(), call.campaignId(), call.sessionId(), call.toNumber(),
                    call.callerNumber(), call.attempt(), at));
        }
    }

    /** An outcome was recorded (or found a duplicate, which tells nothing). */
    void recorded(OutcomeReport report, RecordResult result, Source source) {
        if (!queue.wanted() || result.kind() == RecordResult.Kind.DUPLICATE) {
            return;
        }
        Campaign campaign = result.campaign();
        CallSession session = result.session();
        String orgId = campaign.orgId();
        if (source == Source.REPORTED) {
            Long seconds = session.durationSeconds();
            queue.publish(new CallEnded(orgId, session.campaignId(), session.sessionId(),
                    report.result().outcome(), session.answered(), seconds == null ? null : Duration.ofSeconds(seconds),
                    result.kind() == RecordResult.Kind.LATE, report.now()));
        } else {
            String reason = report.result().failureReason();
            queue.publish(new DialFailed(orgId, session.campaignId(), session.sessionId(),
                    reason == null ? "dial failed" : reason, source == Source.DIAL_TIMED_OUT, report.now()));
        }
        if ((campaign.status() == CampaignStatus.COMPLETED || campaign.status() == CampaignStatus.PAUSED)
                && report.now().equals(campaign.updatedAt())) {
            statusChanged(campaign, CampaignStatus.RUNNING);
        }
    }

    private void statusChanged(Campaign after, CampaignStatus before) {
        String key = after.status() + "@" + after.updatedAt();
        synchronized (lastChange) {
            if (key.equals(lastChange.put(after.id(), key))) {
                return;
            }
        }
        queue.publish(new CampaignStatusChanged(after.orgId(), after.id(), before, after.status(),
                after.statusReason(), after.updatedAt()));
    }
}
