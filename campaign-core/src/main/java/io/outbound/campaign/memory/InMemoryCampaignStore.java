package io.outbound.campaign.memory;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.CallSessionStatus;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.Page;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.Suppression;
import io.outbound.campaign.WaitingContacts;
import io.outbound.campaign.rules.CallRules;
import io.outbound.campaign.rules.CampaignLifecycle;
import io.outbound.campaign.rules.ContactFacts;
import io.outbound.campaign.rules.ContactState;
import io.outbound.campaign.rules.CounterDelta;
import io.outbound.campaign.rules.SessionEnd;
import io.outbound.campaign.rules.WaitingCounter;
import io.outbound.campaign.spi.CallerNumberChoice;
import io.outbound.campaign.spi.CampaignChange;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.ClaimRules;
import io.outbound.campaign.spi.ClaimResult;
import io.outbound.campaign.spi.ContactSource;
import io.outbound.campaign.spi.DialPacing;
import io.outbound.campaign.spi.HandOverRequest;
import io.outbound.campaign.spi.HandOverResult;
import io.outbound.campaign.spi.NewCampaign;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.spi.RecordResult;
import io.outbound.campaign.spi.SessionActivity;
import io.outbound.campaign.spi.SessionQuery;
import io.outbound.campaign.spi.SkippedContact;
import io.outbound.campaign.spi.StoredContact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link CampaignStore} in memory: the embedded default for one process, and the store of the test kit.
 * Every operation runs under one lock, which makes each trivially atomic; what an operation does to contacts,
 * counters and status is decided by {@link CallRules} and {@link CampaignLifecycle}, as in every store, and it
 * passes {@code CampaignStoreContract} like any backend. Nothing survives the process.
 */
public final class InMemoryCampaignStore implements CampaignStore {

    private final Object lock = new Object();
    private final TreeMap<Long, CampaignState> campaigns = new TreeMap<>();
    private final Map<String, SessionState> sessions = new HashMap<>();
    private final Set<SessionState> inFlight = new LinkedHashSet<>();
    private final Map<String, Map<String, Integer>> heldNumbers = new HashMap<>();
    private final Map<List<String>, Instant> nextDialSlot = new HashMap<>();
    /** Each organisation's suppression list, by number: read through {@link #suppressionList}. */
    private final Map<String, SortedMap<String, Suppression>> suppressed = new HashMap<>();
    /** Sessions started (and not returned) per organisation, by number: what attempt limits count. */
    private final Map<String, Map<String, List<SessionState>>> dials = new HashMap<>();
    private long nextCampaignId = 1;

    @Override
    public Campaign createCampaign(NewCampaign campaign, ContactSource contacts) {
        // Drain outside the lock: a slow file must not stall dispatch. Published only when complete.
        List<ContactRow> imported = new ArrayList<>();
        ContactSource.ImportResult result = contacts.drainTo(batch -> batch.forEach(c ->
                imported.add(new ContactRow(imported.size(), c.seq(), c.phoneNumber(), c.values(), c.zone()))));
        synchronized (lock) {
            long id = nextCampaignId++;
            CampaignState state = new CampaignState(campaign.created(id, result, imported.size()), imported);
            campaigns.put(id, state);
            return state.campaign();
        }
    }

    @Override
    public Optional<Campaign> findCampaign(String orgId, long campaignId) {
        synchronized (lock) {
            return Optional.ofNullable(campaigns.get(campaignId)).map(CampaignState::campaign)
                    .filter(c -> c.orgId().equals(orgId));
        }
    }

    @Override
    public Page<Campaign> listCampaigns(String orgId, PageRequest page) {
        return listCampaigns(orgId, null, page);
    }

    @Override
    public Page<Campaign> listCampaigns(String orgId, Set<CampaignStatus> statuses, PageRequest page) {
        synchronized (lock) {
            return Page.of(campaigns.descendingMap().values().stream().map(CampaignState::campaign)
                    .filter(c -> c.orgId().equals(orgId) && (statuses == null || statuses.contains(c.status())))
                    .toList(), page);
        }
    }

    @Override
    public Campaign updateCampaign(String orgId, long campaignId, Function<Campaign, CampaignChange> change) {
        synchronized (lock) {
            CampaignState state = campaigns.get(campaignId);
            if (state == null || !state.settings().orgId().equals(orgId)) {
                throw CampaignException.campaignNotFound(orgId, campaignId);
            }
            Campaign changed = change.apply(state.campaign()).applyTo(state.campaign());
            boolean leaves = state.settings().status() == CampaignStatus.RUNNING
                    && changed.status() != CampaignStatus.RUNNING;
            state.set(changed);
            if (leaves) {
                returnUndialled(state);
            }
            return state.campaign();
        }
    }

    @Override
    public List<Campaign> runningCampaigns() {
        synchronized (lock) {
            return campaigns.values().stream().map(CampaignState::campaign)
                    .filter(c -> c.status() == CampaignStatus.RUNNING).toList();
        }
    }

    @Override
    public ClaimResult claim(ClaimRequest request) {
        synchronized (lock) {
            CampaignState state = campaigns.get(request.campaignId());
            if (state == null) {
                throw new CampaignException(ErrorCode.NOT_FOUND, "campaign " + request.campaignId() + " not found");
            }
            if (state.settings().status() == CampaignStatus.RUNNING) {
                state.set(CampaignLifecycle.completedIfFinished(state.campaign(), request.now()));
            }
            if (state.settings().status() != CampaignStatus.RUNNING) {
                return new ClaimResult(state.campaign(), List.of(), state.nextRetryAfter(request.now()));
            }
            String org = state.settings().orgId();
            Map<String, Integer> held = heldNumbers.computeIfAbsent(org, o -> new HashMap<>());
            long orgInFlight = held.values().stream().mapToLong(Integer::longValue).sum();
            List<String> numbers = CallerNumberChoice.pick(request.callerNumbers(), held, request.maxCallsPerNumber(),
                    state.sessions.size(), CallRules.claimRoom(state.campaign(), request, orgInFlight));
            List<CallSession> started = new ArrayList<>();
            int setAside = 0;
            List<SkippedContact> skipped = new ArrayList<>();
            for (String callerNumber : numbers) {
                ContactRow contact = state.nextDue(request.now(), request.rules());
                while (contact != null && setAside < request.maxCalls() && setAside(state, contact, request, skipped)) {
                    setAside++;
                    contact = state.nextDue(request.now(), request.rules());
                }
                if (contact == null || setAside >= request.maxCalls()) {
                    break;
                }
                held.merge(callerNumber, 1, Integer::sum);
                started.add(startSession(state, contact, callerNumber, request).session);
            }
            if (setAside > 0) {
                // Skipping the last contacts may have finished the campaign.
                state.set(CampaignLifecycle.completedIfFinished(state.campaign(), request.now()));
            }
            return new ClaimResult(state.campaign(), started, state.nextRetryAfter(request.now()), setAside, skipped);
        }
    }

    /** Skips or holds a candidate its claim's rules forbid calling now ({@link CallRules#setAside}); whether it did. */
    private boolean setAside(CampaignState state, ContactRow contact, ClaimRequest request,
                             List<SkippedContact> skipped) {
        String org = state.settings().orgId();
        ClaimRules.ZoneRule zone = request.rules().zone(contact.zone);
        List<Instant> earlier = CallRules.attemptLimits(request.rules(), zone).isEmpty() ? List.of()
                : dialsOf(org).getOrDefault(contact.phoneNumber, List.of()).stream()
                        .map(s -> s.session.startedAt()).toList();
        ContactFacts aside = CallRules.setAside(contact.facts, request.rules(), zone,
                suppressionList(org).get(contact.phoneNumber), earlier, request.now());
        if (aside == null) {
            return false;
        }
        state.move(contact, aside, CounterDelta.move(contact.facts.state(), aside.state()));
        if (aside.state() == ContactState.SKIPPED) {
            skipped.add(new SkippedContact(contact.seq, contact.phoneNumber, aside.note(), contact.values));
        }
        return true;
    }

    private SessionState startSession(CampaignState state, ContactRow contact, String callerNumber,
                                      ClaimRequest request) {
        String id = UUID.randomUUID().toString();
        String previous = contact.facts.lastSessionId();
        state.move(contact, CallRules.claimed(contact.facts, id),
                CounterDelta.move(contact.facts.state(), ContactState.IN_PROGRESS));
        CallSession session = CallRules.startedSession(state.settings(), id, contact.phoneNumber,
                contact.facts.attempts(), contact.values, callerNumber, request.now());
        SessionState s = new SessionState(session, state, contact, request.nodeId(), previous);
        s.leaseUntil = request.leaseUntil();
        sessions.put(id, s);
        dialsOf(state.settings().orgId()).computeIfAbsent(contact.phoneNumber, n -> new ArrayList<>(1)).add(s);
        state.sessions.add(s);
        inFlight.add(s);
        return s;
    }

    @Override
    public RecordResult recordOutcome(OutcomeReport report) {
        synchronized (lock) {
            SessionState s = sessions.get(report.sessionId());
            if (s == null) {
                throw new CampaignException(ErrorCode.NOT_FOUND, "call session '" + report.sessionId() + "' not found");
            }
            CampaignState state = s.campaign;
            RecordResult.Kind kind = CallRules.reportKind(s.session, s.lost, s.lateRecorded);
            if (kind == RecordResult.Kind.DUPLICATE) {
                return new RecordResult(kind, s.session, state.campaign());
            }
            Suppression optOut = CallRules.optOut(state.campaign(), s.session, report.result(), report.now());
            if (optOut != null) {
                suppressionList(state.settings().orgId()).putIfAbsent(optOut.phoneNumber(), optOut);
            }
            if (kind == RecordResult.Kind.LATE) {
                CallRules.Ending late = CallRules.late(state.campaign(), s.session, s.contact.facts, report);
                s.lateRecorded = true;
                s.session = late.end().applyTo(s.session);
                state.move(s.contact, late.contact(), late.delta());
                return new RecordResult(RecordResult.Kind.LATE, s.session, state.campaign());
            }
            CallRules.Outcome outcome = CallRules.outcome(state.campaign(), s.session, s.contact.facts,
                    state.failureStreak, report);
            end(s, outcome.end());
            state.move(s.contact, outcome.contact(), outcome.delta());
            state.failureStreak = outcome.failureStreak();
            state.set(outcome.campaign());
            if (outcome.leftRunning()) {
                returnUndialled(state);
            }
            return new RecordResult(RecordResult.Kind.RECORDED, s.session, state.campaign());
        }
    }

    /** Ends a session in flight and frees its caller number (the campaign's slot goes with its counters). */
    private void end(SessionState s, SessionEnd end) {
        s.session = end.applyTo(s.session);
        s.lost = end.lost();
        leaveFlight(s);
    }

    /** Takes a session out of the calls in flight and frees its caller number. */
    private void leaveFlight(SessionState s) {
        inFlight.remove(s);
        heldNumbers.get(s.campaign.settings().orgId())
                .computeIfPresent(s.session.callerNumber(), (n, count) -> count == 1 ? null : count - 1);
    }

    @Override
    public HandOverResult handOver(HandOverRequest request) {
        synchronized (lock) {
            DialPacing pacing = request.pacing();
            List<String> key = pacing == null ? null : List.of(pacing.orgId(), pacing.key());
            HandOverResult result = request.handOverEach(key == null ? null : nextDialSlot.get(key),
                    id -> dial(id, request.respectSuppression()));
            if (key != null && !result.handedOver().isEmpty()) {
                nextDialSlot.put(key, request.nextSlot());
            }
            return result;
        }
    }

    @Override
    public int returnUndialled(Collection<String> sessionIds) {
        synchronized (lock) {
            return returnAll(sessionIds.stream().map(this::undialled).filter(Objects::nonNull).toList());
        }
    }

    /**
     * Marks a session dialled when it is still claimed and not yet handed over and (when suppression is respected)
     * its number is not suppressed; whether it did.
     */
    private boolean dial(String sessionId, boolean respectSuppression) {
        SessionState s = undialled(sessionId);
        if (s == null || respectSuppression
                && suppressionList(s.campaign.settings().orgId()).containsKey(s.contact.phoneNumber)) {
            return false;
        }
        s.dialled = true;
        return true;
    }

    /** The session if it is still claimed and not yet handed over, else {@code null}. */
    private SessionState undialled(String sessionId) {
        SessionState s = sessions.get(sessionId);
        return s != null && !s.dialled && s.session.inProgress() ? s : null;
    }

    /** Returns the undialled sessions of a campaign that leaves {@code running}, in the same operation. */
    private void returnUndialled(CampaignState state) {
        returnAll(inFlight.stream().filter(s -> !s.dialled && s.campaign == state).toList());
    }

    /** Puts the contacts of undialled sessions back where they were and forgets the sessions. */
    private int returnAll(List<SessionState> undialled) {
        for (SessionState s : undialled) {
            leaveFlight(s);
            sessions.remove(s.session.sessionId());
            dialsOf(s.campaign.settings().orgId()).get(s.contact.phoneNumber).remove(s);
            s.campaign.sessions.remove(s.campaign.sessions.lastIndexOf(s));
            ContactFacts back = CallRules.returned(s.contact.facts, s.previousSessionId);
            s.campaign.move(s.contact, back, CounterDelta.move(ContactState.IN_PROGRESS, back.state()));
        }
        return undialled.size();
    }

    @Override
    public int renewLeases(String nodeId, Instant leaseUntil) {
        synchronized (lock) {
            List<SessionState> own = inFlight.stream().filter(s -> s.nodeId.equals(nodeId)).toList();
            own.forEach(s -> s.leaseUntil = leaseUntil);
            return own.size();
        }
    }

    @Override
    public int recoverExpiredSessions(Instant now, int max) {
        synchronized (lock) {
            List<SessionState> expired = inFlight.stream().filter(s -> s.leaseUntil.isBefore(now)).limit(max).toList();
            returnAll(expired.stream().filter(s -> !s.dialled).toList());
            for (SessionState s : expired.stream().filter(s -> s.dialled).toList()) {
                CampaignState state = s.campaign;
                CallRules.Ending ending = CallRules.expired(state.campaign(), s.session, s.contact.facts, s.nodeId,
                        now);
                end(s, ending.end());
                state.move(s.contact, ending.contact(), ending.delta());
                state.set(ending.campaign());
            }
            return expired.size();
        }
    }

    @Override
    public int addSuppressions(String orgId, List<Suppression> list) {
        synchronized (lock) {
            SortedMap<String, Suppression> org = suppressionList(orgId);
            return (int) list.stream().filter(s -> org.putIfAbsent(s.phoneNumber(), s) == null).count();
        }
    }

    @Override
    public boolean removeSuppression(String orgId, String phoneNumber) {
        synchronized (lock) {
            return suppressionList(orgId).remove(phoneNumber) != null;
        }
    }

    @Override
    public Optional<Suppression> findSuppression(String orgId, String phoneNumber) {
        synchronized (lock) {
            return Optional.ofNullable(suppressionList(orgId).get(phoneNumber));
        }
    }

    @Override
    public Page<Suppression> suppressions(String orgId, PageRequest page) {
        synchronized (lock) {
            return Page.of(List.copyOf(suppressionList(orgId).values()), page);
        }
    }

    /** The organisation's sessions by number, created empty on first use. */
    private Map<String, List<SessionState>> dialsOf(String orgId) {
        return dials.computeIfAbsent(orgId, o -> new HashMap<>());
    }

    /** The organisation's suppression list, created empty on first use. */
    private SortedMap<String, Suppression> suppressionList(String orgId) {
        return suppressed.computeIfAbsent(orgId, o -> new TreeMap<>());
    }

    @Override
    public WaitingContacts countWaiting(long campaignId, Set<Integer> closedZones) {
        WaitingCounter counter = new WaitingCounter(closedZones);
        synchronized (lock) {
            CampaignState state = campaigns.get(campaignId);
            if (state != null) {
                state.contacts.forEach(c -> counter.add(c.facts, c.zone));
            }
        }
        return counter.result();
    }

    @Override
    public void forEachSkippedContact(long campaignId, Consumer<SkippedContact> sink) {
        List<SkippedContact> skipped;
        synchronized (lock) {
            CampaignState state = campaigns.get(campaignId);
            skipped = state == null ? List.of() : state.contacts.stream()
                    .filter(c -> c.facts.state() == ContactState.SKIPPED)
                    .map(c -> new SkippedContact(c.seq, c.phoneNumber, c.facts.note(), c.values)).toList();
        }
        skipped.forEach(sink);
    }

    @Override
    public Optional<CallSession> findSession(String sessionId) {
        synchronized (lock) {
            return Optional.ofNullable(sessions.get(sessionId)).map(s -> s.session);
        }
    }

    @Override
    public Page<CallSession> sessions(long campaignId, SessionQuery query) {
        return query.select(sessionsOf(campaignId));
    }

    @Override
    public SessionActivity sessionActivity(long campaignId, Instant from, Instant to, Duration bucket, int buckets) {
        SessionActivity.Counter counter = new SessionActivity.Counter(from, to, bucket.toMillis(), buckets);
        sessionsOf(campaignId).forEach(s -> counter.add(s.startedAt(), s.endedAt(), s.outcome()));
        return counter.result();
    }

    @Override
    public void forEachEndedSession(long campaignId, Instant startedFrom, Instant startedBefore,
                                    Consumer<CallSession> sink) {
        SessionQuery.Filter started = new SessionQuery.Filter(null, null, null, null, startedFrom, startedBefore);
        sessionsOf(campaignId).stream().filter(s -> s.status() == CallSessionStatus.ENDED && started.matches(s))
                .sorted(SessionQuery.Sort.STARTED_AT.order()).forEach(sink);
    }

    /** A snapshot of the campaign's sessions in creation order (none for an unknown campaign). */
    private List<CallSession> sessionsOf(long campaignId) {
        synchronized (lock) {
            CampaignState state = campaigns.get(campaignId);
            return state == null ? List.of() : state.sessions.stream().map(s -> s.session).toList();
        }
    }

    @Override
    public void forEachRedialContact(long campaignId, Set<CallOutcome> lastOutcomes, Consumer<StoredContact> sink) {
        List<StoredContact> matching;
        synchronized (lock) {
            CampaignState state = campaigns.get(campaignId);
            matching = state == null ? List.of() : state.contacts.stream()
                    .map(c -> new StoredContact(c.seq, c.phoneNumber, c.values, c.facts.lastOutcome(),
                            c.facts.reached()))
                    .filter(c -> c.isRedialFor(lastOutcomes)).toList();
        }
        matching.forEach(sink);
    }
}
