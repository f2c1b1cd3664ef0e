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
 * {@code DUPLICATE}. A session closed by lease recovery, or recorded as lost, takes one late report. An outcome
 * that pauses the campaign returns its undialled sessions in the same transaction.
 */
final class OutcomeRecorder {
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";
    static final String RETRY_SCHEDULED = "RETRY_SCHEDULED";
    static final String PENDING = "PENDING";

    private final JdbcDialect dialect;
    private final CampaignTable campaigns;
    private final SessionTable sessions;
    private final CallSlots slots;
    private final UndialledReturns returns;

    OutcomeRecorder(JdbcDialect dialect, CampaignTable campaigns, SessionTable sessions, CallSlots slots,
                    UndialledReturns returns) {
        this.dialect = dialect;
        this.campaigns = campaigns;
        this.sessions = sessions;
        this.slots = slots;
        this.returns = returns;
    }

    RecordResult record(Connection connection, OutcomeReport report) throws SQLException {
        String sessionId = report.sessionId();
        // Lock order of every operation: campaign, then organisation, then sessions and contacts.
        CampaignTable.Locked locked = campaigns.lockBySession(connection, sessionId)
                .orElseThrow(() -> new CampaignException(ErrorCode.NOT_FOUND,
                        "call session '" + sessionId + "' not found"));
        SessionTable.LockedCall call = sessions.lockWithContact(connection, sessionId).orElseThrow(
                () -> new SQLException("session '" + sessionId + "' or its contact vanished under its campaign's lock"));
        SessionTable.Stored stored = call.stored();
        CallSlots.Contact contact = call.contact();
        if (stored.session().status() == CallSessionStatus.ENDED) {
            if (stored.recovered() && !stored.lateRecorded()) {
                return recordLate(connection, report, locked, stored, contact);
            }
            return new RecordResult(RecordResult.Kind.DUPLICATE, stored.session(), locked.campaign());
        }
        CallSession session = stored.session();
        SessionTable.Ending ending = ending(report, session, false, report.lost());
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
        int consecutiveFailures = outcome == CallOutcome.FAILED ? locked.consecutiveFailures() + 1 : 0;
        Campaign after = campaign.withProgress(delta.applyTo(campaign.progress(), campaign.status()));
        int pauseAfter = report.pauseAfterConsecutiveFailures();
        boolean pausing = false;
        if (pauseAfter > 0 && consecutiveFailures >= pauseAfter && after.status() == CampaignStatus.RUNNING) {
            String last = ending.failureReason() == null ? "no reason given" : ending.failureReason();
            after = after.withStatus(CampaignStatus.PAUSED,
                    "paused after " + pauseAfter + " technical failures in a row; last: " + last, report.now());
            consecutiveFailures = 0;
            pausing = true;
        }
        after = CampaignTable.completedIfFinished(after, report.now());
        dialect.writeOutcome(connection, new JdbcDialect.OutcomeWrite(sessionId, ending, stored.orgId(),
                stored.contactSeq(), state, retryAt, contact.reached() || outcome.reached(),
                contact.answered() || ending.answered(), after, delta, consecutiveFailures), this::writeEachTable);
        if (pausing) {
            // Leaving running: no node may hand over a dial of the campaign once this commits.
            after = returns.returnAll(connection, locked, after, consecutiveFailures).campaign();
        }
        return new RecordResult(RecordResult.Kind.RECORDED, ended(session, ending), after);
    }

    /** The standard write of an outcome: one statement per table, the organisation's row first. */
    private void writeEachTable(Connection connection, JdbcDialect.OutcomeWrite write) throws SQLException {
        slots.releaseOrgSlots(connection, write.orgId(), 1);
        slots.releaseNumber(connection, write.sessionId());
        sessions.end(connection, write.sessionId(), write.ending());
        slots.writeContact(connection, write.campaign().id(), write.contactSeq(), write.contactState(),
                write.nextAttemptAt(), write.ending().outcome(), write.reached(), write.answered());
        campaigns.writeCounters(connection, write.campaign(), write.delta(), write.consecutiveFailures());
    }

    /**
     * The real outcome of a session closed as lost (by lease recovery, or by the engine with
     * {@link OutcomeReport#lost()}): the session shows it; a contact that was made final and that this outcome
     * reached becomes completed. No retry is ever scheduled here, and a retry already waiting (or a later call of
     * the contact in flight) keeps its due instant: the contact may have been redialled since.
     */
    private RecordResult recordLate(Connection connection, OutcomeReport report, CampaignTable.Locked locked,
                                    SessionTable.Stored stored, CallSlots.Contact contact) throws SQLException {
        CallSession session = stored.session();
        SessionTable.Ending ending = ending(report, session, true, true);
        sessions.end(connection, session.sessionId(), ending);
        boolean latest = session.sessionId().equals(contact.lastSessionId());
        boolean completes = ending.outcome().reached() && FAILED.equals(contact.state()) && latest;
        long newlyAnswered = ending.answered() && !contact.answered() ? 1 : 0;
        CampaignTable.Delta delta = new CampaignTable.Delta(0, 0, 0, completes ? 1 : 0, completes ? -1 : 0,
                newlyAnswered);
        slots.writeLateContact(connection, session.campaignId(), stored.contactSeq(),
                completes ? COMPLETED : contact.state(), latest ? ending.outcome() : lastOutcome(contact),
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

    /**
     * @param late      a late outcome of a session already closed as lost
     * @param recovered the session, once ended, takes one late outcome (closed as lost, by recovery or the engine)
     */
    private static SessionTable.Ending ending(OutcomeReport report, CallSession session, boolean late,
                                              boolean recovered) {
        CallResult result = report.result();
        Instant endedAt = result.endedAt() != null ? result.endedAt() : report.now();
        long duration = result.durationSeconds() != null ? result.durationSeconds()
                : Math.max(0, Duration.between(session.startedAt(), endedAt).getSeconds());
        return new SessionTable.Ending(result.outcome(), result.wasAnswered(), result.answeredAt(), endedAt,
                duration, result.transcriptSummary(), JsonColumns.write(result.extractedData()),
                result.failureReason(), recovered, late);
    }

    static CallSession ended(CallSession session, SessionTable.Ending ending) {
        return new CallSession(session.sessionId(), session.campaignId(), session.phoneNumber(), session.attempt(),
                CallSessionStatus.ENDED, ending.outcome(), ending.answered(), session.callerNumber(),
                session.startedAt(), ending.answeredAt(), ending.endedAt(), ending.durationSeconds(),
                ending.transcriptSummary(), JsonColumns.object(ending.extractedDataJson()), session.initialContext(),
                ending.failureReason());
    }
}
