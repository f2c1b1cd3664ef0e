package io.outbound.campaign.jdbc;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.rules.CallRules;
import io.outbound.campaign.rules.ContactFacts;
import io.outbound.campaign.rules.CounterDelta;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Leases of sessions in flight: a node renews its own by heartbeat, and any node closes those whose lease
 * expired (their node stopped), as {@link CallRules#expired} decides: a session handed over ends {@code failed}
 * and its contact becomes final, so the contact is never in two calls at once; the session stays open to one late
 * real outcome. One never handed over placed no call: it is returned ({@link UndialledReturns}) and its contact
 * dialled again.
 *
 * <p>A node that was presumed dead and comes back is fenced by the session's status: its renewals match no
 * row (they only touch sessions in flight) and its outcome is recorded as late, never as a second outcome.
 */
final class SessionLeases {
    private final SqlStatements sql;
    private final CampaignTable campaigns;
    private final SessionTable sessions;
    private final ContactTable contacts;
    private final UndialledReturns returns;

    SessionLeases(JdbcDialect dialect, CampaignTable campaigns, SessionTable sessions, ContactTable contacts,
                  UndialledReturns returns) {
        this.sql = dialect.statements();
        this.campaigns = campaigns;
        this.sessions = sessions;
        this.contacts = contacts;
        this.returns = returns;
    }

    /** Renews the node's sessions in flight that started after {@code startedAfter}. */
    int renew(Connection connection, String nodeId, Instant leaseUntil, Instant startedAfter) throws SQLException {
        List<String> own = new ArrayList<>();
        try (BoundStatement lock = sql.prepare(connection, Sql.SESSION_LOCK_OWN)) {
            lock.set("nodeId", nodeId).setInstant("startedAfter", startedAfter);
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    own.add(rows.getString(1));
                }
            }
        }
        if (own.isEmpty()) {
            return 0;
        }
        try (BoundStatement renew = sql.prepare(connection, Sql.SESSION_RENEW_LEASE)) {
            for (String sessionId : own) {
                renew.setInstant("leaseUntil", leaseUntil).set("sessionId", sessionId);
                renew.addBatch();
            }
            renew.executeBatch();
        }
        return own.size();
    }

    /** The campaigns that have sessions whose lease expired before {@code now}. */
    List<Long> campaignsWithExpiredLeases(Connection connection, Instant now) throws SQLException {
        try (BoundStatement query = sql.prepare(connection, Sql.SESSION_EXPIRED_CAMPAIGNS)) {
            query.setInstant("now", now);
            try (ResultSet rows = query.executeQuery()) {
                List<Long> ids = new ArrayList<>();
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
                return ids;
            }
        }
    }

    /**
     * Closes up to {@code max} expired sessions of one campaign, in one transaction: ends those handed over and
     * returns those never handed over.
     *
     * @return how many were closed or returned
     */
    int recover(Connection connection, long campaignId, Instant now, int max) throws SQLException {
        Optional<CampaignTable.Locked> lockedCampaign = campaigns.lock(connection, campaignId);
        if (lockedCampaign.isEmpty()) {
            return 0;
        }
        CampaignTable.Locked locked = lockedCampaign.get();
        Campaign campaign = locked.campaign();
        List<String> expired = new ArrayList<>();
        List<String> undialled = new ArrayList<>();
        try (BoundStatement query = sql.prepare(connection, Sql.SESSION_LOCK_EXPIRED)) {
            query.setLong("campaignId", campaignId).setInstant("now", now).setInt("max", max);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    (rows.getBoolean("dialled") ? expired : undialled).add(rows.getString("session_id"));
                }
            }
        }
        if (expired.isEmpty() && undialled.isEmpty()) {
            return 0;
        }
        // Never handed over: no call was placed, so the contact goes back to be dialled again.
        UndialledReturns.Returned returned =
                returns.returnSessions(connection, locked, campaign, locked.consecutiveFailures(), undialled);
        campaign = returned.campaign();
        CounterDelta delta = CounterDelta.NONE;
        for (String sessionId : expired) {
            SessionTable.Stored stored = sessions.find(connection, sessionId, false).orElseThrow();
            ContactFacts contact = contacts.lock(connection, campaignId, stored.contactSeq());
            CallRules.Ending ending = CallRules.expired(campaign, stored.session(), contact, stored.nodeId(), now);
            sessions.end(connection, sessionId, ending.end());
            contacts.write(connection, campaignId, stored.contactSeq(), ending.contact());
            delta = delta.plus(ending.delta());
            campaign = ending.campaign();
        }
        int count = expired.size();
        if (count > 0) {
            campaigns.writeCounters(connection, campaign, delta, locked.consecutiveFailures());
        }
        return count + returned.count();
    }
}
