package io.outbound.campaign.jdbc;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.Suppression;
import io.outbound.campaign.rules.CallRules;
import io.outbound.campaign.rules.SessionEnd;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.spi.RecordResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code recordOutcome}: applies what {@link CallRules} decide for a session's outcome in one transaction.
 *
 * <p><b>Most outcomes never lock the campaign's row.</b> The outcome first reads the campaign without a lock.
 * When the outcome cannot change the campaign's status or failure streak (it is not a technical failure, the
 * streak is zero, and contacts are still pending or waiting, so it cannot be the last), it locks only its
 * session and contact and moves the counters through one of the campaign's counter shards; outcomes on several
 * nodes and threads then proceed side by side. Otherwise it locks the campaign's row first (the lock order of
 * every operation: campaign, then sessions and contacts) and writes the counters, streak and status there.
 * An outcome that is the last of its campaign but read contacts still pending (claimed by a claim committing at
 * that moment) leaves the completion to the next claim, which completes a finished campaign.
 *
 * <p>Idempotent per session: the session's status, read under its lock, tells a first report from a repeat, so
 * a report retried after an ambiguous commit is a {@code DUPLICATE}. A session closed as lost takes one late
 * report. An outcome that pauses the campaign returns its undialled sessions in the same transaction. An outcome
 * (or a late one) whose person opted out adds the number to the organisation's suppression list in the same
 * transaction, keeping an entry already there.
 */
final class OutcomeRecorder {
    private final CampaignTable campaigns;
    private final SessionTable sessions;
    private final ContactTable contacts;
    private final UndialledReturns returns;
    private final SuppressionTable suppressions;

    OutcomeRecorder(CampaignTable campaigns, SessionTable sessions, ContactTable contacts, UndialledReturns returns,
                    SuppressionTable suppressions) {
        this.campaigns = campaigns;
        this.sessions = sessions;
        this.contacts = contacts;
        this.returns = returns;
        this.suppressions = suppressions;
    }

    RecordResult record(Connection connection, OutcomeReport report) throws SQLException {
        OptOuts optOuts = new OptOuts();
        RecordResult result = record(connection, report, optOuts);
        optOuts.write(connection, suppressions);
        return result;
    }

    /** Records one report; the suppression of an opt-out is added to {@code optOuts}, for the caller to write. */
    private RecordResult record(Connection connection, OutcomeReport report, OptOuts optOuts) throws SQLException {
        String sessionId = report.sessionId();
        CampaignTable.Locked read = campaigns.findBySession(connection, sessionId)
                .orElseThrow(() -> new CampaignException(ErrorCode.NOT_FOUND,
                        "call session '" + sessionId + "' not found"));
        boolean lock = needsCampaignLock(read, report);
        CampaignTable.Locked campaign = lock ? campaigns.lock(connection, read.campaign().id()).orElseThrow() : read;
        SessionTable.LockedCall call = sessions.lockWithContact(connection, contacts, sessionId).orElseThrow(
                () -> new SQLException("session '" + sessionId + "' or its contact vanished"));
        SessionTable.Stored stored = call.stored();
        long campaignId = stored.session().campaignId();
        RecordResult.Kind kind = CallRules.reportKind(stored.session(), stored.recovered(), stored.lateRecorded());
        if (kind == RecordResult.Kind.LATE) {
            CallRules.Ending late = CallRules.late(campaign.campaign(), stored.session(), call.contact(), report);
            optOuts.add(campaign.campaign(), stored.session(), report);
            sessions.end(connection, sessionId, late.end());
            contacts.write(connection, campaignId, stored.contactSeq(), late.contact());
            campaigns.moveShard(connection, campaignId, sessionId, late.delta());
            return new RecordResult(kind, late.end().applyTo(stored.session()), late.campaign());
        }
        if (kind == RecordResult.Kind.DUPLICATE) {
            return new RecordResult(kind, stored.session(), campaign.campaign());
        }
        CallRules.Outcome outcome = CallRules.outcome(campaign.campaign(), stored.session(), call.contact(),
                campaign.consecutiveFailures(), report);
        Campaign after = outcome.campaign();
        optOuts.add(campaign.campaign(), stored.session(), report);
        if (!lock) {
            unchangedWithoutLock(campaign, outcome, campaignId);
        }
        sessions.end(connection, sessionId, outcome.end());
        contacts.write(connection, campaignId, stored.contactSeq(), outcome.contact());
        if (lock) {
            campaigns.writeCounters(connection, after, outcome.delta(), outcome.failureStreak());
        } else {
            campaigns.moveShard(connection, campaignId, sessionId, outcome.delta());
        }
        if (outcome.leftRunning()) {
            // Leaving running: no node may hand over a dial of the campaign once this commits.
            after = returns.returnAll(connection, campaign, after, outcome.failureStreak()).campaign();
        }
        return new RecordResult(RecordResult.Kind.RECORDED, outcome.end().applyTo(stored.session()), after);
    }

    /**
     * {@code recordOutcomes}: several reports in this one transaction. Those that may change their campaign's
     * status or streak are recorded first, one by one as {@link #record} does, in campaign id order (each takes
     * its campaign's lock before its session's, the lock order of every operation). The others, usually all,
     * are recorded together: their campaigns read in one round trip, their sessions and contacts locked in one
     * (in session id order), and the sessions, contacts and counter shards written in one batch each (shards in
     * campaign and shard order), so a group costs about as many round trips as one outcome.
     *
     * @return what recording each did, by session id; sessions that do not exist are missing
     */
    Map<String, RecordResult> recordAll(Connection connection, List<OutcomeReport> reports) throws SQLException {
        Map<String, OutcomeReport> byId = new LinkedHashMap<>();
        for (OutcomeReport report : reports) {
            if (byId.put(report.sessionId(), report) != null) {
                throw new IllegalArgumentException("two reports for session '" + report.sessionId() + "'");
            }
        }
        Map<String, CampaignTable.Locked> campaignOf = campaigns.findBySessions(connection, byId.keySet());
        Map<String, RecordResult> results = new HashMap<>();
        List<OutcomeReport> alone = new ArrayList<>();
        TreeSet<String> together = new TreeSet<>();
        for (OutcomeReport report : byId.values()) {
            CampaignTable.Locked read = campaignOf.get(report.sessionId());
            if (read == null) {
                continue;
            }
            if (needsCampaignLock(read, report)) {
                alone.add(report);
            } else {
                together.add(report.sessionId());
            }
        }
        alone.sort(Comparator.comparingLong(r -> campaignOf.get(r.sessionId()).campaign().id()));
        OptOuts optOuts = new OptOuts();
        for (OutcomeReport report : alone) {
            results.put(report.sessionId(), record(connection, report, optOuts));
        }
        if (together.isEmpty()) {
            optOuts.write(connection, suppressions);
            return results;
        }
        Map<String, SessionTable.LockedCall> calls = sessions.lockWithContacts(connection, contacts, together);
        Map<String, SessionEnd> ends = new LinkedHashMap<>();
        List<ContactTable.Write> contactWrites = new ArrayList<>();
        CampaignTable.ShardMoves moves = new CampaignTable.ShardMoves();
        for (String sessionId : together) {
            SessionTable.LockedCall call = calls.get(sessionId);
            if (call == null) {
                continue;   // deleted since (returned undialled): no such session any more
            }
            OutcomeReport report = byId.get(sessionId);
            CampaignTable.Locked read = campaignOf.get(sessionId);
            SessionTable.Stored stored = call.stored();
            long campaignId = stored.session().campaignId();
            RecordResult.Kind kind = CallRules.reportKind(stored.session(), stored.recovered(), stored.lateRecorded());
            if (kind == RecordResult.Kind.LATE) {
                CallRules.Ending late = CallRules.late(read.campaign(), stored.session(), call.contact(), report);
                optOuts.add(read.campaign(), stored.session(), report);
                ends.put(sessionId, late.end());
                contactWrites.add(new ContactTable.Write(campaignId, stored.contactSeq(), late.contact()));
                moves.add(campaignId, sessionId, late.delta());
                results.put(sessionId, new RecordResult(kind, late.end().applyTo(stored.session()), late.campaign()));
                continue;
            }
            if (kind == RecordResult.Kind.DUPLICATE) {
                results.put(sessionId, new RecordResult(kind, stored.session(), read.campaign()));
                continue;
            }
            CallRules.Outcome outcome = CallRules.outcome(read.campaign(), stored.session(), call.contact(),
                    read.consecutiveFailures(), report);
            unchangedWithoutLock(read, outcome, campaignId);
            optOuts.add(read.campaign(), stored.session(), report);
            ends.put(sessionId, outcome.end());
            contactWrites.add(new ContactTable.Write(campaignId, stored.contactSeq(), outcome.contact()));
            moves.add(campaignId, sessionId, outcome.delta());
            results.put(sessionId, new RecordResult(RecordResult.Kind.RECORDED,
                    outcome.end().applyTo(stored.session()), outcome.campaign()));
        }
        sessions.endAll(connection, ends);
        contacts.writeAll(connection, contactWrites);
        campaigns.writeShardMoves(connection, moves);
        optOuts.write(connection, suppressions);
        return results;
    }

    /**
     * The suppressions opted-out outcomes add ({@link CallRules#optOut}), written last in the outcome's transaction
     * (after every session, contact and shard it locks, and in organisation and number order), so that two
     * transactions adding the same number wait for one another without deadlocking.
     */
    private static final class OptOuts {
        private final Map<String, List<Suppression>> byOrg = new TreeMap<>();

        void add(Campaign campaign, CallSession session, OutcomeReport report) {
            Suppression optOut = CallRules.optOut(campaign, session, report.result(), report.now());
            if (optOut != null) {
                byOrg.computeIfAbsent(campaign.orgId(), o -> new ArrayList<>()).add(optOut);
            }
        }

        void write(Connection connection, SuppressionTable suppressions) throws SQLException {
            for (Map.Entry<String, List<Suppression>> org : byOrg.entrySet()) {
                // The same number twice in one group (two campaigns' calls) is added once: the first keeps it.
                Map<String, Suppression> once = new LinkedHashMap<>();
                org.getValue().forEach(s -> once.putIfAbsent(s.phoneNumber(), s));
                suppressions.add(connection, org.getKey(), once.values());
            }
        }
    }

    private static void unchangedWithoutLock(CampaignTable.Locked read, CallRules.Outcome outcome, long campaignId) {
        if (outcome.campaign().status() != read.campaign().status()
                || outcome.failureStreak() != read.consecutiveFailures()) {
            throw new IllegalStateException("an outcome read as leaving campaign " + campaignId
                    + " unchanged changed it; its row was not locked");
        }
    }

    /**
     * Whether recording the report may change the campaign's status or failure streak, judged from the campaign
     * read without a lock: a technical failure (it grows the streak and may pause), a streak to reset, or a
     * running campaign with nothing pending or waiting (the outcome may be its last and complete it).
     */
    private static boolean needsCampaignLock(CampaignTable.Locked read, OutcomeReport report) {
        Campaign campaign = read.campaign();
        boolean tail = campaign.status() == CampaignStatus.RUNNING && campaign.progress().pending() == 0
                && campaign.progress().retryScheduled() == 0;
        return report.result().outcome() == CallOutcome.FAILED || read.consecutiveFailures() != 0 || tail;
    }
}
