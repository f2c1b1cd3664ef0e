package io.outbound.campaign.internal.engine;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallReports;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.internal.retry.RetryPolicy;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.spi.RecordResult;
import io.outbound.campaign.spi.RetryPlanner;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records outcomes through the store's atomic operations, grouping those reported at the same time
 * ({@link OutcomeGroups}), and wakes the dispatcher when a slot frees.
 */
final class OutcomeRecorder implements CallReports, RetryPlanner {
    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);

    private final EngineSettings settings;
    private final CalendarCache calendars;
    private final Runnable onSlotFreed;
    private final OutcomeGroups groups;

    OutcomeRecorder(EngineSettings settings, CalendarCache calendars, Runnable onSlotFreed) {
        this.settings = settings;
        this.calendars = calendars;
        this.onSlotFreed = onSlotFreed;
        this.groups = new OutcomeGroups(settings.store());
    }

    @Override
    public RecordResult.Kind report(String sessionId, CallResult result) {
        return record(sessionId, result, false);
    }

    /**
     * Ends a session whose dial timed out: failed, and open to one late report of its real outcome.
     */
    RecordResult.Kind recordLost(String sessionId, CallResult result) {
        return record(sessionId, result, true);
    }

    private RecordResult.Kind record(String sessionId, CallResult result, boolean lost) {
        if (sessionId == null || sessionId.isBlank()) {
            throw CampaignException.validation("session_id", sessionId, "must not be blank");
        }
        Objects.requireNonNull(result, "result");
        RecordResult recorded = groups.record(new OutcomeReport(sessionId, result,
                settings.clock().instant(), this, settings.pauseAfterConsecutiveFailures(), lost));
        switch (recorded.kind()) {
            case RECORDED -> onSlotFreed.run();
            case LATE -> log.info("late outcome {} recorded for session {} of campaign {}, closed earlier as lost",
                    result.outcome().json(), sessionId, recorded.session().campaignId());
            case DUPLICATE -> log.debug("duplicate outcome for session {} ignored", sessionId);
        }
        return recorded.kind();
    }

    @Override
    public Instant retryAt(Campaign campaign, CallOutcome outcome, int attempt, Instant endedAt) {
        return RetryPolicy.of(campaign.retryConfig(), calendars.of(campaign.callingHours()))
                .nextAttemptDue(outcome, attempt, endedAt);
    }
}
