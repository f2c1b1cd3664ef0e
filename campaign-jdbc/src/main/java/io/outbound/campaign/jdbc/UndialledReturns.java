package io.outbound.campaign.jdbc;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.rules.CallRules;
import io.outbound.campaign.rules.ContactFacts;
import io.outbound.campaign.rules.ContactState;
import io.outbound.campaign.rules.CounterDelta;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Gives back sessions claimed and never handed over, as if never claimed: the session row goes (and with it
 * the caller number and organisation place it held), its contact returns to pending (and the campaign's fresh-contact
 * cursor and its zone's ({@link ZonePointers}) move back before it, so it is claimed again in file order) or, when it was a due retry, to waiting
 * at its own due instant, which the claim left in place; the attempt is uncounted and the contact's previous
 * session is its latest again.
 *
 * <p>Callers hold the campaign row's lock; this locks the sessions with their contacts in session id order, the
 * order handovers lock sessions in. Where each contact goes back to is {@link CallRules#returned}'s to decide. A handover marks a session dialled only
 * while it is undialled, and a return locks only undialled sessions, so whichever of the two commits first
 * wins and the other leaves the session alone.
 */
final class UndialledReturns {
    private final JdbcDialect dialect;
    private final SqlStatements sql;
    private final CampaignTable campaigns;
    private final ZonePointers zones;

    UndialledReturns(JdbcDialect dialect, CampaignTable campaigns, ZonePointers zones) {
        this.dialect = dialect;
        this.sql = dialect.statements();
        this.campaigns = campaigns;
        this.zones = zones;
    }

    /**
     * What a return did.
     *
     * @param campaign the campaign with its counters after the return
     * @param count    how many sessions were returned
     */
    record Returned(Campaign campaign, int count) {
    }

    /** An undialled session and its contact, locked. */
    private record Undialled(String sessionId, long sessionSeq, long contactSeq, String phoneNumber, int attempts,
                             Instant nextAttemptAt, int zone) {
    }

    /**
     * {@code returnUndialled}: the sessions among {@code sessionIds} still claimed and undialled, of any campaign.
     * Locks their campaigns (ascending id), then the sessions.
     *
     * @return how many were returned
     */
    int returnSessions(Connection connection, Collection<String> sessionIds) throws SQLException {
        Set<String> ids = new TreeSet<>();
        sessionIds.stream().filter(Objects::nonNull).forEach(ids::add);
        Map<Long, List<String>> byCampaign = new TreeMap<>();
        try (BoundStatement query = sql.prepare(connection, Sql.SESSION_CAMPAIGN_OF_UNDIALLED)) {
            for (String id : ids) {
                query.set("sessionId", id);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        byCampaign.computeIfAbsent(row.getLong(1), c -> new ArrayList<>()).add(id);
                    }
                }
            }
        }
        List<CampaignTable.Locked> locked = new ArrayList<>();
        for (long campaignId : byCampaign.keySet()) {
            campaigns.lock(connection, campaignId).ifPresent(locked::add);
        }
        int returned = 0;
        for (CampaignTable.Locked l : locked) {
            List<Undialled> sessions = lock(connection, l.campaign().id(), byCampaign.get(l.campaign().id()));
            returned += putBack(connection, l, l.campaign(), l.consecutiveFailures(), sessions).count();
        }
        return returned;
    }

    /**
     * Returns the sessions among {@code sessionIds} of one locked campaign that are still undialled, such as the
     * expired ones lease recovery found.
     *
     * @param campaign            the campaign as it now is in this transaction (its status is written back)
     * @param consecutiveFailures its technical failures in a row, written back
     */
    Returned returnSessions(Connection connection, CampaignTable.Locked locked, Campaign campaign,
                            int consecutiveFailures, Collection<String> sessionIds) throws SQLException {
        if (sessionIds.isEmpty()) {
            return new Returned(campaign, 0);
        }
        return putBack(connection, locked, campaign, consecutiveFailures,
                lock(connection, campaign.id(), new TreeSet<>(sessionIds)));
    }

    /**
     * Returns every undialled session of a locked campaign: what a campaign leaving {@code running} does in the
     * same transaction, so that no node can hand over one of its dials afterwards.
     *
     * @param campaign            the campaign as it now is in this transaction (its status is written back)
     * @param consecutiveFailures its technical failures in a row, written back
     */
    Returned returnAll(Connection connection, CampaignTable.Locked locked, Campaign campaign,
                       int consecutiveFailures) throws SQLException {
        if (campaign.progress().inProgress() == 0) {
            return new Returned(campaign, 0);
        }
        List<Undialled> sessions = new ArrayList<>();
        try (BoundStatement query = sql.prepare(connection, Sql.SESSION_LOCK_UNDIALLED_OF_CAMPAIGN)) {
            query.setLong("campaignId", campaign.id());
            read(query, sessions);
        }
        return putBack(connection, locked, campaign, consecutiveFailures, sessions);
    }

    private List<Undialled> lock(Connection connection, long campaignId, Collection<String> sortedIds)
            throws SQLException {
        List<Undialled> sessions = new ArrayList<>();
        try (BoundStatement query = sql.prepare(connection, Sql.SESSION_LOCK_UNDIALLED)) {
            for (String id : sortedIds) {
                query.set("sessionId", id).setLong("campaignId", campaignId);
                read(query, sessions);
            }
        }
        return sessions;
    }

    private void read(BoundStatement query, List<Undialled> into) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                into.add(new Undialled(rows.getString("session_id"), rows.getLong("session_seq"),
                        rows.getLong("contact_seq"), rows.getString("phone_number"), rows.getInt("attempts"),
                        dialect.getInstant(rows, "next_attempt_at"), rows.getInt("zone")));
            }
        }
    }

    private Returned putBack(Connection connection, CampaignTable.Locked locked, Campaign campaign,
                             int consecutiveFailures, List<Undialled> sessions) throws SQLException {
        if (sessions.isEmpty()) {
            return new Returned(campaign, 0);
        }
        long campaignId = campaign.id();
        long freshClaimedThrough = locked.freshClaimedThrough();
        Map<Integer, Long> zonePositions = new TreeMap<>();
        CounterDelta delta = CounterDelta.NONE;
        try (BoundStatement delete = sql.prepare(connection, Sql.SESSION_DELETE);
             BoundStatement putBack = sql.prepare(connection, Sql.CONTACT_PUT_BACK)) {
            for (Undialled s : sessions) {
                String previous = s.attempts() > 1 ? previousSession(connection, campaignId, s) : null;
                // Only what the rules need of the contact: where it goes back to depends on its retry instant.
                ContactFacts back = CallRules.returned(new ContactFacts(ContactState.IN_PROGRESS, s.attempts(),
                        s.nextAttemptAt(), null, false, false, s.sessionId()), previous);
                if (back.state() == ContactState.PENDING) {
                    freshClaimedThrough = Math.min(freshClaimedThrough, s.contactSeq() - 1);
                    zonePositions.merge(s.zone(), s.contactSeq() - 1, Math::min);
                }
                delta = delta.plus(CounterDelta.move(ContactState.IN_PROGRESS, back.state()));
                putBack.set("state", back.state().name()).set("lastSessionId", back.lastSessionId())
                        .setLong("campaignId", campaignId).setLong("seq", s.contactSeq());
                putBack.addBatch();
                delete.set("sessionId", s.sessionId());
                delete.addBatch();
            }
            putBack.executeBatch();
            delete.executeBatch();
        }
        int count = sessions.size();
        Campaign after = campaign.withProgress(delta.applyTo(campaign.progress(), campaign.status()));
        campaigns.writeCounters(connection, after, delta, consecutiveFailures);
        campaigns.writeReturned(connection, campaignId, freshClaimedThrough, count);
        zones.lower(connection, campaignId, zonePositions);
        return new Returned(after, count);
    }

    private String previousSession(Connection connection, long campaignId, Undialled session) throws SQLException {
        try (BoundStatement query = sql.prepare(connection, Sql.SESSION_PREVIOUS)) {
            query.setLong("campaignId", campaignId).set("phoneNumber", session.phoneNumber())
                    .setLong("contactSeq", session.contactSeq()).setLong("sessionSeq", session.sessionSeq());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
