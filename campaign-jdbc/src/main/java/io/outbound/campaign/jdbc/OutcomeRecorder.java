package io.outbound.campaign.jdbc;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.CallSessionStatus;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.spi.RecordResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code recordOutcome}: ends a session and moves its contact, slots, caller number, counters, retry schedule
 * and campaign status in one transaction. Idempotent per session: the session's status, read under the
 * campaign's lock, tells a first report from a repeat, so a report retried after an ambiguous commit is a
 * {@code DUPLICATE}. A session closed by lease recovery takes one late report.
 */
final class OutcomeRecorder {
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";
    static final String RETRY_SCHEDULED = "RETRY_SCHEDULED";

    private final JdbcDialect dialect;
    private final CampaignTable campaigns;
    private final SessionTable sessions;
    private final CallSlots slots;

    OutcomeRecorder(JdbcDialect dialect, CampaignTable campaigns, SessionTable sessions, CallSlots slots) {
        this.dialect = dialect;
        this.campaigns = campaigns;
        this.sessions = sessions;
        this.slots = slots;
    }

    RecordResult record(Connection connection, OutcomeReport report) throws SQLException {
        String sessionId = report.sessionId();
        SessionTable.Stored unlocked = sessions.find(connection, sessionId, false)
                .orElseThrow(() -> new CampaignException(ErrorCode.NOT_FOUND,
                        "call session '" + sessionId + "' not found"));
        // Lock order of every operation: campaign, then organisation, then sessions and contacts.
        CampaignTable.Locked locked = campaigns.lock(connection, unlocked.session().campaignId())
                .orElseThrow(() -> new CampaignException(ErrorCode.NOT_FOUND,
                        "campaign " + unlocked.session().campaignId() + " of session '" + sessionId + "' not found"));
        SessionTable.Stored stored = sessions.find(connection, sessionId, true).orElseThrow();
        if (stored.session().status() == CallSessionStatus.ENDED) {
            if (stored.recovered() && !stored.lateRecorded()) {
                return recordLate(connection, report, locked, stored);
            }
            return new RecordResult(RecordResult.Kind.DUPLICATE, stored.session(), locked.campaign());
        }
        dialect.lockOrgSlots(connection, stored.orgId());
        CallSession session = stored.session();
        CallSlots.Contact contact = slots.lockContact(connection, session.campaignId(), stored.contactSeq());
        SessionTable.Ending ending = ending(report, session, false);
        sessions.end(connection, sessionId, ending);
        slots.releaseNumber(connection, stored.orgId(), session.callerNumber(), sessionId);
        slots.releaseOrgSlots(connection, stored.orgId(), 1);

        Campaign campaign = locked.campaign();
        CallOutcome outcome = ending.outcome();
        long newlyAnswered = ending.answered() && !contact.answered() ? 1 : 0;
        Instant retryAt = null;
        String state;
        CampaignTable.Delta delta;
        if (outcome.reached()) {
            state = COMPLETED;
            delta = new CampaignTable.Delta(0, -1, 0, 1, 0, newlyAnswered);
        } else {
            retryAt = report.retryPlanner().retryAt(campaign, outcome, session.attempt(), ending.endedAt());
            state = retryAt != null ? RETRY_SCHEDULED : FAILED;
            delta = new CampaignTable.Delta(0, -1, retryAt != null ? 1 : 0, 0, retryAt != null ? 0 : 1,
                    newlyAnswered);
        }
        slots.writeContact(connection, session.campaignId(), stored.contactSeq(), state, retryAt, outcome,
                contact.reached() || outcome.reached(), contact.answered() || ending.answered());

        int consecutiveFailures = outcome == CallOutcome.FAILED ? locked.consecutiveFailures() + 1 : 0;
        Campaign after = campaign.withProgress(delta.applyTo(campaign.progress(), campaign.status()));
        int pauseAfter = report.pauseAfterConsecutiveFailures();
        if (pauseAfter > 0 && consecutiveFailures >= pauseAfter && after.status() == CampaignStatus.RUNNING) {
            String last = ending.failureReason() == null ? "no reason given" : ending.failureReason();
            after = after.withStatus(CampaignStatus.PAUSED,
                    "paused after " + pauseAfter + " technical failures in a row; last: " + last, report.now());
            consecutiveFailures = 0;
        }
        after = CampaignTable.completedIfFinished(after, report.now());
        campaigns.writeCounters(connection, after, delta, consecutiveFailures);
        return new RecordResult(RecordResult.Kind.RECORDED, ended(session, ending), after);
    }

    /**
     * The real outcome of a session that lease recovery closed as failed: the session shows it; a contact that
     * recovery made final and that this outcome reached becomes completed. No retry is ever scheduled here: the
     * contact was final and may have been redialled elsewhere since.
     */
    private RecordResult recordLate(Connection connection, OutcomeReport report, CampaignTable.Locked locked,
                                    SessionTable.Stored stored) throws SQLException {
        CallSession session = stored.session();
        SessionTable.Ending ending = ending(report, session, true);
        sessions.end(connection, session.sessionId(), ending);
        CallSlots.Contact contact = slots.lockContact(connection, session.campaignId(), stored.contactSeq());
        boolean latest = session.sessionId().equals(contact.lastSessionId());
        boolean completes = ending.outcome().reached() && FAILED.equals(contact.state()) && latest;
        long newlyAnswered = ending.answered() && !contact.answered() ? 1 : 0;
        CampaignTable.Delta delta = new CampaignTable.Delta(0, 0, 0, completes ? 1 : 0, completes ? -1 : 0,
                newlyAnswered);
        slots.writeContact(connection, session.campaignId(), stored.contactSeq(),
                completes ? COMPLETED : contact.state(), null,
                latest ? ending.outcome() : lastOutcome(contact),
                contact.reached() || completes, contact.answered() || ending.answered());
        Campaign campaign = locked.campaign();
        Campaign after = campaign.withProgress(delta.applyTo(campaign.progress(), campaign.status()));
        if (!delta.equals(CampaignTable.Delta.NONE)) {
            campaigns.writeCounters(connection, after, delta, locked.consecutiveFailures());
        }
        return new RecordResult(RecordResult.Kind.LATE, ended(session, ending), after);
    }

    private static CallOutcome lastOutcome(CallSlots.Contact contact) {
        return contact.lastOutcome() == null ? null : CallOutcome.valueOf(contact.lastOutcome());
    }

    private static SessionTable.Ending ending(OutcomeReport report, CallSession session, boolean late) {
        CallResult result = report.result();
        Instant endedAt = result.endedAt() != null ? result.endedAt() : report.now();
        long duration = result.durationSeconds() != null ? result.durationSeconds()
                : Math.max(0, Duration.between(session.startedAt(), endedAt).getSeconds());
        return new SessionTable.Ending(result.outcome(), result.wasAnswered(), result.answeredAt(), endedAt,
                duration, result.transcriptSummary(), JsonColumns.write(result.extractedData()),
                result.failureReason(), late, late);
    }

    static CallSession ended(CallSession session, SessionTable.Ending ending) {
        return new CallSession(session.sessionId(), session.campaignId(), session.phoneNumber(), session.attempt(),
                CallSessionStatus.ENDED, ending.outcome(), ending.answered(), session.callerNumber(),
                session.startedAt(), ending.answeredAt(), ending.endedAt(), ending.durationSeconds(),
                ending.transcriptSummary(), JsonColumns.object(ending.extractedDataJson()), session.initialContext(),
                ending.failureReason());
    }
}
