package io.outbound.campaign.internal.engine;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallReports;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.events.StoreOperation;
import io.outbound.campaign.internal.retry.RetryPolicy;
import io.outbound.campaign.rules.ReportRules;
import io.outbound.campaign.rules.SessionEnd;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.spi.RecordResult;
import io.outbound.campaign.spi.RetryPlanner;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records outcomes through the store's atomic operations, grouping those reported at the same time
 * ({@link GroupCommit}, {@link CampaignStore#recordOutcomes}), and tells the node of each outcome recorded (which
 * frees a slot, and may have ended the campaign) so that it can wake the dispatcher.
 */
final class OutcomeRecorder implements CallReports, RetryPlanner {
    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);

    private final EngineSettings settings;
    private final CalendarCache calendars;
    private final Consumer<RecordResult> onRecorded;
    private final GroupCommit<OutcomeReport, RecordResult> groups;
    private final EngineEvents events;

    OutcomeRecorder(EngineSettings settings, CalendarCache calendars, Consumer<RecordResult> onRecorded,
                    EngineEvents events, EngineTiming timing) {
        this.settings = settings;
        this.calendars = calendars;
        this.onRecorded = onRecorded;
        this.events = events;
        this.groups = new GroupCommit<>(new Outcomes(settings.store(), timing));
    }

    @Override
    public RecordResult.Kind report(String sessionId, CallResult result) {
        return record(sessionId, result, false, EngineEvents.Source.REPORTED);
    }

    /** Ends a session whose dial failed: failed, with the reason. */
    RecordResult.Kind recordDialFailure(String sessionId, CallResult result) {
        return record(sessionId, result, false, EngineEvents.Source.DIAL_FAILED);
    }

    /**
     * Ends a session whose dial timed out: failed, and open to one late report of its real outcome.
     */
    RecordResult.Kind recordLost(String sessionId, CallResult result) {
        return record(sessionId, result, true, EngineEvents.Source.DIAL_TIMED_OUT);
    }

    private RecordResult.Kind record(String sessionId, CallResult result, boolean lost, EngineEvents.Source source) {
        Instant now = settings.clock().instant();
        // Refused before any store sees it: a report no store could keep, or one that describes no real call.
        ReportRules.check(sessionId, result, now);
        OutcomeReport report = new OutcomeReport(sessionId, result, now, this, settings.pauseAfterConsecutiveFailures(),
                lost);
        RecordResult recorded = groups.run(report);
        events.recorded(report, recorded, source);
        if (recorded.kind() != RecordResult.Kind.DUPLICATE) {
            clamped(sessionId, result, recorded.session());
        }
        switch (recorded.kind()) {
            case RECORDED -> onRecorded.accept(recorded);
            case LATE -> log.info("late outcome {} recorded for session {} of campaign {}, closed earlier as lost",
                    result.outcome().json(), sessionId, recorded.session().campaignId());
            case DUPLICATE -> log.debug("duplicate outcome for session {} ignored", sessionId);
        }
        return recorded.kind();
    }

    /** Logs a reported instant the rules clamped ({@link SessionEnd#of}): a carrier's clock skew, made visible. */
    private static void clamped(String sessionId, CallResult result, CallSession session) {
        if (session == null || session.endedAt() == null) {
            return;
        }
        if (result.endedAt() != null && !result.endedAt().equals(session.endedAt())) {
            log.warn("session {}: ended_at {} recorded as {} (it was {} the session's start {} or the time of the"
                    + " report)", sessionId, result.endedAt(), session.endedAt(),
                    result.endedAt().isBefore(session.startedAt()) ? "before" : "after", session.startedAt());
        }
        if (result.answeredAt() != null && !result.answeredAt().equals(session.answeredAt())
                && session.answeredAt() != null) {
            log.warn("session {}: answered_at {} recorded as {} (outside the call, from its start {} to its end {})",
                    sessionId, result.answeredAt(), session.answeredAt(), session.startedAt(), session.endedAt());
        }
    }

    @Override
    public Instant retryAt(Campaign campaign, CallOutcome outcome, int attempt, Instant endedAt) {
        return RetryPolicy.of(campaign.retryConfig(), calendars.of(campaign.callingHours()))
                .nextAttemptDue(outcome, attempt, endedAt);
    }

    /** Outcomes recorded alone or together; one report per session in a group. */
    static final class Outcomes implements GroupCommit.Operation<OutcomeReport, RecordResult> {
        private final CampaignStore store;
        private final EngineTiming timing;

        Outcomes(CampaignStore store) {
            this(store, new EngineTiming(List.of()));
        }

        Outcomes(CampaignStore store, EngineTiming timing) {
            this.store = store;
            this.timing = timing;
        }

        @Override
        public Object key(OutcomeReport report) {
            return report.sessionId();
        }

        @Override
        public RecordResult alone(OutcomeReport report) {
            return timing.time(StoreOperation.RECORD_OUTCOME, () -> store.recordOutcome(report));
        }

        @Override
        public List<RecordResult> together(List<OutcomeReport> reports) {
            Map<String, RecordResult> recorded = timing.time(StoreOperation.RECORD_OUTCOME,
                    () -> store.recordOutcomes(reports));
            return reports.stream().map(r -> recorded.get(r.sessionId())).toList();
        }

        @Override
        public RuntimeException missing(OutcomeReport report) {
            return new CampaignException(ErrorCode.NOT_FOUND, "call session '" + report.sessionId() + "' not found");
        }
    }
}
