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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The part of every claim that picks its contacts, candidate by candidate, as its {@link ClaimRules} decide (a
 * claim without rules has {@link ClaimRules#NONE}: every zone open, no number checked). Runs inside
 * {@link ContactClaims}'s transaction, after the campaign's and the organisation's row locks, so the
 * organisation's dials it counts cannot grow under it.
 *
 * <ol>
 *   <li>Due retries of closed zones are moved to their zone's opening ({@link CallRules#held}), so that no pass
 *       reads them again until then.</li>
 *   <li>Candidates are locked in claim order: due retries (oldest first, skipping rows other transactions hold),
 *       then pending contacts in file order: from the campaign's fresh position when no zone is closed, else the
 *       open zones' in one read along the primary key from the lowest of their positions ({@link ZonePointers}).
 *       At most as many as calls may still start.</li>
 *   <li>One query reads the suppression entries of the candidates' numbers, and one the organisation's dials to
 *       them within the longest limit's period; then each candidate is skipped, held or claimed as
 *       {@link CallRules} decide, in the order {@link ClaimRules} gives, and written back in batches.</li>
 *   <li>Until as many calls as asked are claimed, no candidate is left, or as many candidates as the request's
 *       {@code maxCalls} were set aside.</li>
 * </ol>
 *
 * <p>Cost per pass: two indexed reads of at most a batch of rows, one read of suppressions and one of dials by
 * primary key and index, and batched writes. While a zone is closed, the fresh read also passes over the closed
 * zones' contacts between the open ones; every open zone's position then moves past them together, so a contact is
 * passed over again only when a zone whose position is behind it opens (once per opening), and a zone with nothing
 * pending left is marked so ({@link #THROUGH_THE_END}) instead of being read to the end on every claim.
 */
final class ContactPicker {
    private final JdbcDialect dialect;
    private final SqlStatements sql;
    private final ContactTable contacts;
    private final SuppressionTable suppressions;
    private final ZonePointers zones;

    ContactPicker(JdbcDialect dialect, ContactTable contacts, SuppressionTable suppressions, ZonePointers zones) {
        this.dialect = dialect;
        this.sql = dialect.statements();
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
    record Picked(List<ClaimedContact> claimed, CounterDelta delta, int setAside,
                  long freshClaimedThrough, List<SkippedContact> skipped) {
    }

    /**
     * A contact just claimed.
     *
     * @param seq         its file position
     * @param phoneNumber its number
     * @param valuesJson  its other columns as a JSON array
     * @param attempt     the attempt now starting
     * @param sessionId   the new session's id
     */
    record ClaimedContact(long seq, String phoneNumber, String valuesJson, int attempt, String sessionId) {
    }

    /**
     * A zone position past every contact: the zone has no pending contact left (until a return lowers it, see
     * {@link UndialledReturns}).
     */
    static final long THROUGH_THE_END = Long.MAX_VALUE;

    /** A read's candidates in claim order; how many are fresh, and whether fewer fresh were found than asked. */
    private record Candidates(List<Candidate> list, int freshCount, boolean freshExhausted) {
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
        Set<Integer> open = zonePositions == null ? null : new TreeSet<>(zonePositions.keySet());
        if (open != null) {
            open.removeAll(closed);
        }
        Map<Integer, Long> zoneMoves = new HashMap<>();
        long freshThrough = locked.freshClaimedThrough();
        List<ClaimedContact> claimed = new ArrayList<>();
        CounterDelta delta = CounterDelta.NONE;
        int setAside = 0;
        List<SkippedContact> skipped = new ArrayList<>();
        while (claimed.size() < wanted && setAside < request.maxCalls()) {
            Candidates found = candidates(connection, campaign.id(), request.now(), wanted - claimed.size(),
                    freshThrough, open, zonePositions);
            List<Candidate> candidates = found.list();
            Map<String, Suppression> suppressed = rules.respectSuppression() && !candidates.isEmpty()
                    ? suppressions.findAll(connection, campaign.orgId(), numbers(candidates)) : Map.of();
            Map<String, List<Instant>> dials = dials(connection, campaign.orgId(), candidates, rules, request.now());
            List<ContactTable.Write> setAsideWrites = new ArrayList<>();
            List<ClaimedContact> claimedNow = new ArrayList<>();
            List<ContactFacts> claimedFacts = new ArrayList<>();
            long lastFresh = 0;
            int freshTaken = 0;
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
                    claimedNow.add(new ClaimedContact(candidate.seq(), candidate.phoneNumber(),
                            candidate.valuesJson(), next.attempts(), next.lastSessionId()));
                }
                delta = delta.plus(CounterDelta.move(candidate.facts().state(), next.state()));
                if (candidate.fresh()) {
                    freshTaken++;
                    lastFresh = candidate.seq();
                    if (zonePositions == null) {
                        freshThrough = Math.max(freshThrough, candidate.seq());
                    }
                }
            }
            if (zonePositions != null) {
                // Every pending contact of an open zone up to the last one taken was taken: each open zone moves
                // there, or past the end when the read found fewer than it asked for and all were taken.
                long position = found.freshExhausted() && freshTaken == found.freshCount() ? THROUGH_THE_END
                        : freshTaken > 0 ? lastFresh : 0;
                for (int zone : open) {
                    if (position > zonePositions.get(zone)) {
                        zonePositions.put(zone, position);
                        zoneMoves.put(zone, position);
                    }
                }
            }
            if (candidates.isEmpty()) {
                break;
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
        List<ContactTable.Write> moves = new ArrayList<>();
        try (BoundStatement query = sql.prepare(connection, Sql.CONTACT_CANDIDATES_DUE_IN_ZONES, "zones",
                closed.size())) {
            query.setLong("campaignId", campaignId).setInstant("now", now).setList("zones", closed);
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

    /**
     * Up to {@code limit} candidates in claim order: due retries, then fresh contacts of the open zones (all zones
     * when {@code open} is {@code null}), and whether the fresh read found fewer than it asked for.
     */
    private Candidates candidates(Connection connection, long campaignId, Instant now, int limit, long freshThrough,
                                  Set<Integer> open, TreeMap<Integer, Long> zonePositions) throws SQLException {
        List<Candidate> candidates = new ArrayList<>(limit);
        try (BoundStatement due = sql.prepare(connection, Sql.CONTACT_CANDIDATES_DUE)) {
            due.setLong("campaignId", campaignId).setInstant("now", now).setInt("limit", limit);
            candidates.addAll(read(due));
        }
        int freshWanted = limit - candidates.size();
        if (freshWanted == 0) {
            return new Candidates(candidates, 0, false);
        }
        List<Candidate> fresh;
        if (open == null) {
            try (BoundStatement query = sql.prepare(connection, Sql.CONTACT_CANDIDATES_FRESH)) {
                query.setLong("campaignId", campaignId).setLong("after", freshThrough).setInt("limit", freshWanted);
                fresh = read(query);
            }
        } else if (open.isEmpty()) {
            fresh = List.of();
        } else {
            // From the lowest open zone's position: below each zone's own position nothing of it is pending.
            long after = Long.MAX_VALUE;
            for (int zone : open) {
                after = Math.min(after, Math.max(freshThrough, zonePositions.get(zone)));
            }
            try (BoundStatement query = sql.prepare(connection, Sql.CONTACT_CANDIDATES_FRESH_IN_ZONES, "zones",
                    open.size())) {
                query.setLong("campaignId", campaignId).setLong("after", after).setList("zones", open)
                        .setInt("limit", freshWanted);
                fresh = read(query);
            }
        }
        candidates.addAll(fresh);
        return new Candidates(candidates, fresh.size(), fresh.size() < freshWanted);
    }

    private List<Candidate> read(BoundStatement query) throws SQLException {
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
        try (BoundStatement query = sql.prepare(connection, Sql.SESSION_DIALS, "phoneNumbers", limited.size())) {
            // No upper bound: a dial stamped after now by a node whose clock runs ahead counts too.
            query.set("orgId", orgId).setList("phoneNumbers", limited).setInstant("since", now.minus(longest));
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
    private void markClaimed(Connection connection, long campaignId, List<ClaimedContact> claimed,
                             List<ContactFacts> facts) throws SQLException {
        if (claimed.isEmpty()) {
            return;
        }
        try (BoundStatement mark = sql.prepare(connection, Sql.CONTACT_MARK_CLAIMED)) {
            for (int i = 0; i < claimed.size(); i++) {
                ContactFacts contact = facts.get(i);
                mark.set("state", contact.state().name()).setInt("attempts", contact.attempts())
                        .set("lastSessionId", contact.lastSessionId()).set("note", contact.note())
                        .setLong("campaignId", campaignId).setLong("seq", claimed.get(i).seq());
                mark.addBatch();
            }
            mark.executeBatch();
        }
    }
}
