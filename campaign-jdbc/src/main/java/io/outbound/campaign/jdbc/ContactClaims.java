package io.outbound.campaign.jdbc;

import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.rules.CallRules;
import io.outbound.campaign.rules.CampaignLifecycle;
import io.outbound.campaign.rules.CounterDelta;
import io.outbound.campaign.spi.CallerNumberChoice;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.ClaimResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code claim}: in one transaction, locks the campaign row and then the organisation's slot row (the lock
 * order of every operation), works out how many calls may start ({@link CallRules#claimRoom}), picks a caller
 * number for each from the organisation's sessions in flight per number ({@link CallerNumberChoice}), claims
 * that many contacts ({@link CallRules#claimed}: in progress, one more attempt) and starts a session for each,
 * undialled, holding its caller number. Every claim, whatever the database and whatever its
 * {@link io.outbound.campaign.spi.ClaimRules}, picks its contacts through {@link ContactPicker}, under the same locks,
 * so that two nodes cannot both dial a number over an attempt limit. Only claims add calls in flight, and they read the
 * campaign's totals and the organisation's sessions in flight under those two locks; an outcome committing at
 * the same moment can only free a place the claim does not see yet. So two nodes claiming at once cannot
 * together exceed a cap or a number's places.
 */
final class ContactClaims {
    private final JdbcDialect dialect;
    private final SqlStatements sql;
    private final CampaignTable campaigns;
    private final SessionTable sessions;
    private final ContactPicker picker;

    ContactClaims(JdbcDialect dialect, CampaignTable campaigns, SessionTable sessions, ContactPicker picker) {
        this.dialect = dialect;
        this.sql = dialect.statements();
        this.campaigns = campaigns;
        this.sessions = sessions;
        this.picker = picker;
    }

    ClaimResult claim(Connection connection, ClaimRequest request) throws SQLException {
        CampaignTable.Locked locked = campaigns.lock(connection, request.campaignId())
                .orElseThrow(() -> new CampaignException(ErrorCode.NOT_FOUND,
                        "campaign " + request.campaignId() + " not found"));
        Campaign campaign = locked.campaign();
        if (campaign.status() != CampaignStatus.RUNNING) {
            return new ClaimResult(campaign, List.of(), null);
        }
        if (campaign.progress().finished()) {
            Campaign completed = CampaignLifecycle.completedIfFinished(campaign, request.now());
            campaigns.writeCounters(connection, completed, CounterDelta.NONE, locked.consecutiveFailures());
            return new ClaimResult(completed, List.of(), null);
        }
        if (CallRules.claimRoom(campaign, request, 0) == 0) {
            return new ClaimResult(campaign, List.of(), nextRetryAt(connection, request));
        }
        JdbcDialect.OrgSlots org = dialect.lockOrgSlotsAndHolds(connection, campaign.orgId());
        int wanted = CallRules.claimRoom(campaign, request, org.inFlight());
        // The campaign's session count rotates ties, as the in-memory store's count of sessions does.
        List<String> callerNumbers = CallerNumberChoice.pick(request.callerNumbers(), org.held(),
                request.maxCallsPerNumber(), locked.sessionCount(), wanted);
        if (callerNumbers.isEmpty()) {
            return new ClaimResult(campaign, List.of(), nextRetryAt(connection, request));
        }

        ContactPicker.Picked picked = picker.pick(connection, campaign, locked, request, callerNumbers.size());
        List<SessionTable.NewSession> started = new ArrayList<>(picked.claimed().size());
        for (int i = 0; i < picked.claimed().size(); i++) {
            ContactPicker.ClaimedContact contact = picked.claimed().get(i);
            CallSession session = CallRules.startedSession(campaign, contact.sessionId(), contact.phoneNumber(),
                    contact.attempt(), JsonColumns.strings(contact.valuesJson()), callerNumbers.get(i), request.now());
            started.add(new SessionTable.NewSession(session, contact.seq()));
        }
        int count = started.size();
        Campaign after = campaign.withProgress(picked.delta().applyTo(campaign.progress(), campaign.status()));
        if (count > 0) {
            sessions.insert(connection, campaign.orgId(), request.nodeId(), request.leaseUntil(), started);
        }
        if (!picked.delta().isNone()) {
            campaigns.writeCounters(connection, after, picked.delta(), locked.consecutiveFailures());
        }
        if (count > 0 || picked.freshClaimedThrough() != locked.freshClaimedThrough()) {
            campaigns.writeClaimed(connection, campaign.id(), picked.freshClaimedThrough(), count);
        }
        List<CallSession> calls = started.stream().map(SessionTable.NewSession::session).toList();
        return new ClaimResult(after, calls, nextRetryAt(connection, request), picked.setAside(), picked.skipped());
    }

    private Instant nextRetryAt(Connection connection, ClaimRequest request) throws SQLException {
        try (BoundStatement query = sql.prepare(connection, Sql.CONTACT_NEXT_RETRY)) {
            query.setLong("campaignId", request.campaignId()).setInstant("now", request.now());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? dialect.getInstant(row, "next_retry") : null;
            }
        }
    }
}
