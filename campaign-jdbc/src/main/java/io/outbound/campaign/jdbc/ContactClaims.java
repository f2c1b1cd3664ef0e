package io.outbound.campaign.jdbc;

import io.outbound.campaign.CallSession;
import io.outbound.campaign.CallSessionStatus;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.spi.CallerNumberChoice;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.ClaimResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code claim}: in one transaction, locks the campaign row and then the organisation's slot row (the lock
 * order of every operation), works out how many calls may start, picks a caller number for each from the
 * organisation's holds per number ({@link CallerNumberChoice}), claims that many contacts through the dialect and
 * starts a session for each, undialled, holding its caller number. Because the counts live in the locked rows
 * (and the holds are read under the organisation's lock), two nodes claiming at once cannot together exceed a
 * cap or a number's places.
 */
final class ContactClaims {
    private static final String HOLD_NUMBER =
            "INSERT INTO caller_number_holds (org_id, caller_number, session_id) VALUES (?, ?, ?)";
    private static final String TAKE_ORG_SLOTS = "UPDATE org_call_slots SET in_flight = in_flight + ? WHERE org_id = ?";
    private static final String NEXT_RETRY = """
            SELECT MIN(next_attempt_at) AS next_retry FROM campaign_contacts
             WHERE campaign_id = ? AND state = 'RETRY_SCHEDULED' AND next_attempt_at > ?
            """;

    private final JdbcDialect dialect;
    private final CampaignTable campaigns;
    private final SessionTable sessions;

    ContactClaims(JdbcDialect dialect, CampaignTable campaigns, SessionTable sessions) {
        this.dialect = dialect;
        this.campaigns = campaigns;
        this.sessions = sessions;
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
            Campaign completed = CampaignTable.completedIfFinished(campaign, request.now());
            campaigns.writeCounters(connection, completed, CampaignTable.Delta.NONE, locked.consecutiveFailures());
            return new ClaimResult(completed, List.of(), null);
        }
        long campaignRoom = campaign.maxConcurrency() - campaign.progress().inProgress();
        if (campaignRoom <= 0) {
            return new ClaimResult(campaign, List.of(), nextRetryAt(connection, request));
        }
        JdbcDialect.OrgSlots org = dialect.lockOrgSlotsAndHolds(connection, campaign.orgId());
        long orgRoom = (long) request.orgLimit() - org.inFlight();
        int wanted = (int) Math.max(0, Math.min(Math.min(request.maxCalls(), campaignRoom), orgRoom));
        // The campaign's session count rotates ties, as the in-memory store's count of sessions does.
        List<String> callerNumbers = CallerNumberChoice.pick(request.callerNumbers(), org.held(),
                request.maxCallsPerNumber(), locked.sessionCount(), wanted);
        if (callerNumbers.isEmpty()) {
            return new ClaimResult(campaign, List.of(), nextRetryAt(connection, request));
        }

        List<JdbcDialect.ClaimedContact> claimed =
                dialect.claimContacts(connection, campaign.id(), request.now(), callerNumbers.size(),
                        locked.freshClaimedThrough());
        long freshClaimedThrough = locked.freshClaimedThrough();
        List<SessionTable.NewSession> started = new ArrayList<>(claimed.size());
        long retries = 0;
        for (int i = 0; i < claimed.size(); i++) {
            JdbcDialect.ClaimedContact contact = claimed.get(i);
            if (contact.dueAt() != null) {
                retries++;
            } else {
                freshClaimedThrough = Math.max(freshClaimedThrough, contact.seq());
            }
            CallSession session = new CallSession(contact.sessionId(), campaign.id(), contact.phoneNumber(),
                    contact.attempt(), CallSessionStatus.IN_PROGRESS, null, false, callerNumbers.get(i),
                    request.now(), null, null, null, null, null,
                    JsonColumns.context(campaign.contactColumns(), JsonColumns.strings(contact.valuesJson())), null);
            started.add(new SessionTable.NewSession(session, contact.seq()));
        }
        int count = started.size();
        CampaignTable.Delta delta = new CampaignTable.Delta(-(count - retries), count, -retries, 0, 0, 0);
        Campaign after = campaign.withProgress(delta.applyTo(campaign.progress(), campaign.status()));
        if (count > 0) {
            dialect.writeClaim(connection, new JdbcDialect.ClaimWrite(campaign.orgId(), request.nodeId(),
                    request.leaseUntil(), started, after, delta, locked.consecutiveFailures(), freshClaimedThrough),
                    this::writeEachTable);
        }
        List<CallSession> calls = started.stream().map(SessionTable.NewSession::session).toList();
        return new ClaimResult(after, calls, nextRetryAt(connection, request));
    }

    /** The standard write of a claim: one statement per table. */
    private void writeEachTable(Connection connection, JdbcDialect.ClaimWrite write) throws SQLException {
        sessions.insert(connection, write.orgId(), write.nodeId(), write.leaseUntil(), write.started());
        holdNumbers(connection, write.orgId(), write.started());
        takeOrgSlots(connection, write.orgId(), write.started().size());
        campaigns.writeCounters(connection, write.campaign(), write.delta(), write.consecutiveFailures());
        campaigns.writeClaimed(connection, write.campaign().id(), write.freshClaimedThrough(), write.started().size());
    }

    private void holdNumbers(Connection connection, String orgId, List<SessionTable.NewSession> started)
            throws SQLException {
        try (PreparedStatement hold = connection.prepareStatement(HOLD_NUMBER)) {
            for (SessionTable.NewSession s : started) {
                hold.setString(1, orgId);
                hold.setString(2, s.session().callerNumber());
                hold.setString(3, s.session().sessionId());
                hold.addBatch();
            }
            hold.executeBatch();
        }
    }

    private void takeOrgSlots(Connection connection, String orgId, int count) throws SQLException {
        try (PreparedStatement take = connection.prepareStatement(TAKE_ORG_SLOTS)) {
            take.setInt(1, count);
            take.setString(2, orgId);
            take.executeUpdate();
        }
    }

    private Instant nextRetryAt(Connection connection, ClaimRequest request) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(NEXT_RETRY)) {
            query.setLong(1, request.campaignId());
            dialect.setInstant(query, 2, request.now());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? dialect.getInstant(row, "next_retry") : null;
            }
        }
    }
}
