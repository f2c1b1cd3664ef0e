package io.outbound.campaign.jdbc;

import io.outbound.campaign.AttemptLimit;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.Suppression;
import io.outbound.campaign.rules.CallRules;
import io.outbound.campaign.rules.ContactFacts;
import io.outbound.campaign.rules.ContactState;
import io.outbound.campaign.rules.CounterDelta;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.ClaimRules;
import io.outbound.campaign.spi.SkippedContact;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The part of a claim that applies its {@link ClaimRules} when they close a zone or look at numbers (the claim
 * without rules keeps the dialect's one-statement path). Runs inside {@link ContactClaims}'s transaction, after the
 * campaign's and the organisation's row locks, so the organisation's dials it counts cannot grow under it.
 *
 * <ol>
 *   <li>Due retries of closed zones are moved to their zone's opening ({@link CallRules#held}), so that no pass
 *       reads them again until then.</li>
 *   <li>Candidates are locked in claim order: due retries (oldest first, skipping rows other transactions hold),
 *       then pending contacts in file order: from the campaign's fresh position when no zone is closed, else from
 *       each open zone's position ({@link ZonePointers}), merged by file position. At most as many as calls may
 *       still start.</li>
 *   <li>One query reads the suppression entries of the candidates' numbers, and one the organisation's dials to
 *       them within the longest limit's period; then each candidate is skipped, held or claimed as
 *       {@link CallRules} decide, in the order {@link ClaimRules} gives, and written back in batches.</li>
 *   <li>Until as many calls as asked are claimed, no candidate is left, or as many candidates as the request's
 *       {@code maxCalls} were set aside.</li>
 * </ol>
 *
 * <p>Cost per pass: two or three indexed reads of at most a batch of rows (one per open zone while a zone is
 * closed), one read of suppressions and one of dials by primary key and index, and batched writes.
 */
final class RuledClaims {
    /** Why a due retry of a closed zone waits. */

    private static final String CANDIDATE = "SELECT seq, zone, phone_number, contact_values, " + ContactTable.FACTS
            + " FROM campaign_contacts\n";
    private static final String DUE = CANDIDATE + """
             WHERE campaign_id = ? AND state = 'RETRY_SCHEDULED' AND next_attempt_at <= ?
             ORDER BY next_attempt_at, seq
             FETCH FIRST ? ROWS ONLY
               FOR UPDATE""";
    private static final String DUE_IN_ZONES = CANDIDATE + """
             WHERE campaign_id = ? AND state = 'RETRY_SCHEDULED' AND next_attempt_at <= ? AND zone IN (%s)
               FOR UPDATE""";
    /* Fresh rows are not skipped when locked: positions move past every row claimed, as in the dialects' claims. */
    private static final String FRESH = CANDIDATE + """
             WHERE campaign_id = ? AND seq > ? AND state = 'PENDING'
             ORDER BY seq
             FETCH FIRST ? ROWS ONLY
               FOR UPDATE""";
    static final String FRESH_IN_ZONE = CANDIDATE + """
             WHERE campaign_id = ? AND zone = ? AND seq > ? AND state = 'PENDING'
             ORDER BY seq
             FETCH FIRST ? ROWS ONLY
               FOR UPDATE""";
    static final String DIALS = """
            SELECT phone_number, started_at FROM call_sessions
             WHERE org_id = ? AND phone_number IN (%s) AND started_at > ?""";
    private static final String MARK_CLAIMED = """
            UPDATE campaign_contacts SET state = ?, attempts = ?, last_session_id = ?, note = ?
             WHERE campaign_id = ? AND seq = ?""";

    private final JdbcDialect dialect;
    private final ContactTable contacts;
    private final SuppressionTable suppressions;
    private final ZonePointers zones;

    RuledClaims(JdbcDialect dialect, ContactTable contacts, SuppressionTable suppressions, ZonePointers zones) {
        this.dialect = dialect;
        this.contacts = contacts;
        this.suppressions = suppressions;
        this.zones = zones;
    }

    /**
     * What the contacts' part of a claim did.
     *
     * @param claimed             the contacts claimed, in claim order
     * @param delta               the counters' change: the claimed and the set-aside contacts
     * @param setAside            candidates skipped or held
     * @param freshClaimedThrough the campaign's fresh position after the claim
     * @param skipped             the set-aside candidates that became final as skipped
     */
    record Picked(List<JdbcDialect.ClaimedContact> claimed, CounterDelta delta, int setAside,
                  long freshClaimedThrough, List<SkippedContact> skipped) {
    }

    /** A locked candidate. */
    private record Candidate(long seq, int zone, String phoneNumber, String valuesJson, ContactFacts facts) {
        boolean fresh() {
            return facts.state() == ContactState.PENDING;
        }
    }

    Picked pick(Connection connection, Campaign campaign, CampaignTable.Locked locked, ClaimRequest request,
                int wanted) throws SQLException {
        ClaimRules rules = request.rules();
        Set<Integer> closed = new TreeSet<>();
        for (int zone = 0; zone < rules.zones().size(); zone++) {
            if (rules.zone(zone).closedUntil() != null) {
                closed.add(zone);
            }
        }
        if (!closed.isEmpty()) {
            moveDueRetries(connection, campaign.id(), request.now(), rules, closed);
        }
        TreeMap<Integer, Long> zonePositions = closed.isEmpty() ? null : zones.read(connection, campaign.id());
        Map<Integer, Long> zoneMoves = new HashMap<>();
        long freshThrough = locked.freshClaimedThrough();
        List<JdbcDialect.ClaimedContact> claimed = new ArrayList<>();
        CounterDelta delta = CounterDelta.NONE;
        int setAside = 0;
        List<SkippedContact> skipped = new ArrayList<>();
        while (claimed.size() < wanted && setAside < request.maxCalls()) {
            List<Candidate> candidates = candidates(connection, campaign.id(), request.now(), wanted - claimed.size(),
                    freshThrough, closed, zonePositions);
            if (candidates.isEmpty()) {
                break;
            }
            Map<String, Suppression> suppressed = rules.respectSuppression()
                    ? suppressions.findAll(connection, campaign.orgId(), numbers(candidates)) : Map.of();
            Map<String, List<Instant>> dials = dials(connection, campaign.orgId(), candidates, rules, request.now());
            List<ContactTable.Write> setAsideWrites = new ArrayList<>();
            List<JdbcDialect.ClaimedContact> claimedNow = new ArrayList<>();
            List<ContactFacts> claimedFacts = new ArrayList<>();
            for (Candidate candidate : candidates) {
                if (claimed.size() + claimedNow.size() >= wanted || setAside >= request.maxCalls()) {
                    break;
                }
                Instant opens = rules.zone(candidate.zone()).closedUntil();
                if (opens != null) {
                    // A due retry of a closed zone another transaction held while the others were moved: moved now.
                    setAsideWrites.add(new ContactTable.Write(campaign.id(), candidate.seq(),
                            CallRules.held(candidate.facts(), opens, CallRules.OUTSIDE_LOCAL_HOURS)));
                    continue;
                }
                ContactFacts next = setAside(candidate, rules, suppressed, dials, request.now());
                if (next != null) {
                    setAside++;
                    setAsideWrites.add(new ContactTable.Write(campaign.id(), candidate.seq(), next));
                    if (next.state() == ContactState.SKIPPED) {
                        skipped.add(new SkippedContact(candidate.seq(), candidate.phoneNumber(), next.note(),
                                JsonColumns.strings(candidate.valuesJson())));
                    }
                } else {
                    next = CallRules.claimed(candidate.facts(), UUID.randomUUID().toString());
                    claimedFacts.add(next);
                    claimedNow.add(new JdbcDialect.ClaimedContact(candidate.seq(), candidate.facts().nextAttemptAt(),
                            candidate.phoneNumber(), candidate.valuesJson(), next.attempts(), next.lastSessionId()));
                }
                delta = delta.plus(CounterDelta.move(candidate.facts().state(), next.state()));
                if (candidate.fresh()) {
                    if (zonePositions == null) {
                        freshThrough = Math.max(freshThrough, candidate.seq());
                    } else {
                        zonePositions.merge(candidate.zone(), candidate.seq(), Math::max);
                        zoneMoves.merge(candidate.zone(), candidate.seq(), Math::max);
                    }
                }
            }
            if (!setAsideWrites.isEmpty()) {
                contacts.writeAll(connection, setAsideWrites);
            }
            markClaimed(connection, campaign.id(), claimedNow, claimedFacts);
            claimed.addAll(claimedNow);
        }
        zones.advance(connection, campaign.id(), zoneMoves);
        return new Picked(claimed, delta, setAside, freshThrough, skipped);
    }

    /** What the rules do with a candidate instead of calling it ({@link CallRules#setAside}). */
    private static ContactFacts setAside(Candidate candidate, ClaimRules rules, Map<String, Suppression> suppressed,
                                         Map<String, List<Instant>> dials, Instant now) {
        return CallRules.setAside(candidate.facts(), rules, rules.zone(candidate.zone()),
                suppressed.get(candidate.phoneNumber()), dials.getOrDefault(candidate.phoneNumber(), List.of()), now);
    }

    /** Moves every due retry of a closed zone to the zone's opening. */
    private void moveDueRetries(Connection connection, long campaignId, Instant now, ClaimRules rules,
                                Set<Integer> closed) throws SQLException {
        String sql = DUE_IN_ZONES.formatted(String.join(", ", Collections.nCopies(closed.size(), "?")))
                + dialect.skipLocked();
        List<ContactTable.Write> moves = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, campaignId);
            dialect.setInstant(query, 2, now);
            int i = 2;
            for (int zone : closed) {
                query.setInt(++i, zone);
            }
            for (Candidate due : read(query)) {
                Instant opens = rules.zone(due.zone()).closedUntil();
                moves.add(new ContactTable.Write(campaignId, due.seq(), CallRules.held(due.facts(), opens,
                        CallRules.OUTSIDE_LOCAL_HOURS)));
            }
        }
        if (!moves.isEmpty()) {
            contacts.writeAll(connection, moves);
        }
    }

    /** Up to {@code limit} candidates in claim order: due retries, then fresh contacts of the zones not closed. */
    private List<Candidate> candidates(Connection connection, long campaignId, Instant now, int limit,
                                       long freshThrough, Set<Integer> closed, TreeMap<Integer, Long> zonePositions)
            throws SQLException {
        List<Candidate> candidates = new ArrayList<>(limit);
        try (PreparedStatement due = connection.prepareStatement(DUE + dialect.skipLocked())) {
            due.setLong(1, campaignId);
            dialect.setInstant(due, 2, now);
            due.setInt(3, limit);
            candidates.addAll(read(due));
        }
        int freshWanted = limit - candidates.size();
        if (freshWanted == 0) {
            return candidates;
        }
        if (zonePositions == null) {
            try (PreparedStatement fresh = connection.prepareStatement(FRESH)) {
                fresh.setLong(1, campaignId);
                fresh.setLong(2, freshThrough);
                fresh.setInt(3, freshWanted);
                candidates.addAll(read(fresh));
            }
            return candidates;
        }
        List<Candidate> fresh = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(FRESH_IN_ZONE)) {
            for (Map.Entry<Integer, Long> zone : zonePositions.entrySet()) {
                if (closed.contains(zone.getKey())) {
                    continue;
                }
                query.setLong(1, campaignId);
                query.setInt(2, zone.getKey());
                query.setLong(3, Math.max(freshThrough, zone.getValue()));
                query.setInt(4, freshWanted);
                fresh.addAll(read(query));
            }
        }
        fresh.sort(Comparator.comparingLong(Candidate::seq));
        candidates.addAll(fresh.subList(0, Math.min(freshWanted, fresh.size())));
        return candidates;
    }

    private List<Candidate> read(PreparedStatement query) throws SQLException {
        List<Candidate> read = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                read.add(new Candidate(rows.getLong("seq"), rows.getInt("zone"), rows.getString("phone_number"),
                        rows.getString("contact_values"), contacts.read(rows, "")));
            }
        }
        return read;
    }

    private static Set<String> numbers(List<Candidate> candidates) {
        Set<String> numbers = new LinkedHashSet<>();
        candidates.forEach(c -> numbers.add(c.phoneNumber()));
        return numbers;
    }

    /**
     * The organisation's dials to the numbers of the candidates that have attempt limits, within the longest of
     * their periods before {@code now}, by number. Sessions returned undialled were deleted, so they do not count.
     */
    private Map<String, List<Instant>> dials(Connection connection, String orgId, List<Candidate> candidates,
                                             ClaimRules rules, Instant now) throws SQLException {
        Duration longest = Duration.ZERO;
        Set<String> limited = new LinkedHashSet<>();
        for (Candidate candidate : candidates) {
            for (AttemptLimit limit : CallRules.attemptLimits(rules, rules.zone(candidate.zone()))) {
                limited.add(candidate.phoneNumber());
                longest = limit.period().compareTo(longest) > 0 ? limit.period() : longest;
            }
        }
        Map<String, List<Instant>> dials = new HashMap<>();
        if (limited.isEmpty()) {
            return dials;
        }
        String sql = DIALS.formatted(String.join(", ", Collections.nCopies(limited.size(), "?")));
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            int i = 0;
            query.setString(++i, orgId);
            for (String number : limited) {
                query.setString(++i, number);
            }
            // No upper bound: a dial stamped after now by a node whose clock runs ahead counts too.
            dialect.setInstant(query, ++i, now.minus(longest));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    dials.computeIfAbsent(rows.getString("phone_number"), n -> new ArrayList<>())
                            .add(dialect.getInstant(rows, "started_at"));
                }
            }
        }
        return dials;
    }

    /** Writes what {@link CallRules#claimed} decided about each claimed contact. */
    private void markClaimed(Connection connection, long campaignId, List<JdbcDialect.ClaimedContact> claimed,
                             List<ContactFacts> facts) throws SQLException {
        if (claimed.isEmpty()) {
            return;
        }
        try (PreparedStatement mark = connection.prepareStatement(MARK_CLAIMED)) {
            for (int i = 0; i < claimed.size(); i++) {
                ContactFacts contact = facts.get(i);
                mark.setString(1, contact.state().name());
                mark.setInt(2, contact.attempts());
                mark.setString(3, contact.lastSessionId());
                mark.setString(4, contact.note());
                mark.setLong(5, campaignId);
                mark.setLong(6, claimed.get(i).seq());
                mark.addBatch();
            }
            mark.executeBatch();
        }
    }
}
