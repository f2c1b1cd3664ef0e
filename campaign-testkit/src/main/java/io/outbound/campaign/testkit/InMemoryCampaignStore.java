package io.outbound.campaign.testkit;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.CallSessionStatus;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.Page;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.spi.CallerNumberChoice;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.ClaimResult;
import io.outbound.campaign.spi.ContactSource;
import io.outbound.campaign.spi.DialPacing;
import io.outbound.campaign.spi.HandOverRequest;
import io.outbound.campaign.spi.HandOverResult;
import io.outbound.campaign.spi.NewCampaign;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.spi.RecordResult;
import io.outbound.campaign.spi.SessionQuery;
import io.outbound.campaign.spi.StoredContact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A {@link CampaignStore} in memory, for tests and single-process hosts. Every operation runs under one
 * lock, which makes each trivially atomic; it passes {@code CampaignStoreContract} like any backend.
 * Nothing survives the process.
 */
public final class InMemoryCampaignStore implements CampaignStore {

    private final Object lock = new Object();
    private final TreeMap<Long, CampaignState> campaigns = new TreeMap<>();
    private final Map<String, SessionState> sessions = new HashMap<>();
    private final Set<SessionState> inFlight = new LinkedHashSet<>();
    private final Map<String, int[]> orgInFlight = new HashMap<>();
    private final Map<String, Map<String, Integer>> heldNumbers = new HashMap<>();
    private final Map<List<String>, Instant> nextDialSlot = new HashMap<>();
    private long nextCampaignId = 1;
    private long nextSessionSeq = 1;

    @Override
    public Campaign createCampaign(NewCampaign campaign, ContactSource contacts) {
        // Drain outside the lock: a slow file must not stall dispatch. The campaign is published only
        // when complete, so a failing import leaves nothing behind.
        List<ContactState> imported = new ArrayList<>();
        ContactSource.ImportResult result = contacts.drainTo(batch -> batch.forEach(c ->
                imported.add(new ContactState(imported.size(), c.seq(), c.phoneNumber(), c.values()))));
        synchronized (lock) {
            long id = nextCampaignId++;
            Campaign stored = new Campaign(id, campaign.orgId(), campaign.name(), campaign.workflowId(),
                    campaign.contactsFileKey(), campaign.maxConcurrency(), campaign.callingHours(),
                    campaign.retryConfig(), campaign.telephonyConfigurationId(), CampaignStatus.DRAFT, null,
                    result.columns(), result.summary(), campaign.parentCampaignId(), campaign.createdAt(),
                    campaign.createdAt(), null, null, null);
            CampaignState state = new CampaignState(stored, result.columns(), imported);
            campaigns.put(id, state);
            return state.snapshot();
        }
    }

    @Override
    public Optional<Campaign> findCampaign(String orgId, long campaignId) {
        synchronized (lock) {
            CampaignState state = campaigns.get(campaignId);
            return state == null || !state.settings.orgId().equals(orgId) ? Optional.empty()
                    : Optional.of(state.snapshot());
        }
    }

    @Override
    public Page<Campaign> listCampaigns(String orgId, PageRequest page) {
        synchronized (lock) {
            List<Campaign> all = new ArrayList<>();
            for (CampaignState state : campaigns.descendingMap().values()) {
                if (state.settings.orgId().equals(orgId)) {
                    all.add(state.snapshot());
                }
            }
            return page(all, page);
        }
    }

    @Override
    public Campaign updateCampaign(String orgId, long campaignId, UnaryOperator<Campaign> change) {
        synchronized (lock) {
            CampaignState state = campaigns.get(campaignId);
            if (state == null || !state.settings.orgId().equals(orgId)) {
                throw CampaignException.campaignNotFound(orgId, campaignId);
            }
            Campaign changed = change.apply(state.snapshot());
            boolean wasRunning = state.settings.status() == CampaignStatus.RUNNING;
            state.settings = changed.withProgress(null);
            if (wasRunning && changed.status() != CampaignStatus.RUNNING) {
                returnAll(undialled(state));
            }
            return state.snapshot();
        }
    }

    @Override
    public List<Campaign> runningCampaigns() {
        synchronized (lock) {
            List<Campaign> running = new ArrayList<>();
            for (CampaignState state : campaigns.values()) {
                if (state.settings.status() == CampaignStatus.RUNNING) {
                    running.add(state.snapshot());
                }
            }
            return running;
        }
    }

    @Override
    public ClaimResult claim(ClaimRequest request) {
        synchronized (lock) {
            CampaignState state = campaigns.get(request.campaignId());
            if (state == null) {
                throw new CampaignException(io.outbound.campaign.ErrorCode.NOT_FOUND,
                        "campaign " + request.campaignId() + " not found");
            }
            if (state.settings.status() != CampaignStatus.RUNNING) {
                return new ClaimResult(state.snapshot(), List.of(), state.nextRetryAfter(request.now()));
            }
            if (state.finished()) {
                state.complete(request.now());
                return new ClaimResult(state.snapshot(), List.of(), null);
            }
            String org = state.settings.orgId();
            int[] orgCalls = orgInFlight.computeIfAbsent(org, o -> new int[1]);
            Map<String, Integer> held = heldNumbers.computeIfAbsent(org, o -> new HashMap<>());
            long free = Math.min(request.maxCalls(), state.settings.maxConcurrency() - state.inProgress);
            free = Math.min(free, (long) request.orgLimit() - orgCalls[0]);
            List<String> numbers = CallerNumberChoice.pick(request.callerNumbers(), held,
                    request.maxCallsPerNumber(), state.sessions.size(), (int) Math.max(0, free));
            List<CallSession> started = new ArrayList<>();
            for (String callerNumber : numbers) {
                ContactState contact = state.nextDue(request.now());
                if (contact == null) {
                    break;
                }
                held.merge(callerNumber, 1, Integer::sum);
                orgCalls[0]++;
                started.add(startSession(state, contact, callerNumber, request).session);
            }
            return new ClaimResult(state.snapshot(), started, state.nextRetryAfter(request.now()));
        }
    }

    private SessionState startSession(CampaignState state, ContactState contact, String callerNumber,
                                      ClaimRequest request) {
        if (contact.state == ContactState.State.PENDING) {
            state.pending--;
        } else {
            state.retryScheduled--;
        }
        state.inProgress++;
        contact.state = ContactState.State.IN_PROGRESS;
        contact.attempts++;
        // nextAttemptAt stays: a session returned undialled puts its contact back at the same due instant.
        Map<String, String> context = new LinkedHashMap<>();
        for (int i = 0; i < state.columns.size(); i++) {
            context.put(state.columns.get(i), i < contact.values.size() ? contact.values.get(i) : "");
        }
        CallSession session = new CallSession(UUID.randomUUID().toString(), state.settings.id(),
                contact.phoneNumber, contact.attempts, CallSessionStatus.IN_PROGRESS, null, false, callerNumber,
                request.now(), null, null, null, null, null, context, null);
        SessionState s = new SessionState(nextSessionSeq++, session, state, contact, request.nodeId(),
                request.leaseUntil());
        s.previousSessionId = contact.lastSessionId;
        contact.lastSessionId = session.sessionId();
        sessions.put(session.sessionId(), s);
        state.sessions.add(s);
        inFlight.add(s);
        return s;
    }

    @Override
    public RecordResult recordOutcome(OutcomeReport report) {
        synchronized (lock) {
            SessionState s = sessions.get(report.sessionId());
            if (s == null) {
                throw new CampaignException(io.outbound.campaign.ErrorCode.NOT_FOUND,
                        "call session '" + report.sessionId() + "' not found");
            }
            CampaignState state = s.campaign;
            if (s.session.status() == CallSessionStatus.ENDED) {
                if (s.recovered && !s.lateRecorded) {
                    return recordLate(s, report);
                }
                return new RecordResult(RecordResult.Kind.DUPLICATE, s.session, state.snapshot());
            }
            CallResult result = report.result();
            Instant endedAt = result.endedAt() != null ? result.endedAt() : report.now();
            s.session = ended(s.session, result, endedAt, result.failureReason());
            s.recovered = report.lost();
            release(s);
            ContactState contact = s.contact;
            contact.nextAttemptAt = null;
            CallOutcome outcome = result.outcome();
            contact.lastOutcome = outcome;
            markAnswered(state, contact, result.wasAnswered());
            if (outcome.reached()) {
                contact.state = ContactState.State.COMPLETED;
                contact.reached = true;
                state.completed++;
            } else {
                Instant retryAt = report.retryPlanner().retryAt(state.snapshot(), outcome, s.session.attempt(),
                        endedAt);
                if (retryAt != null) {
                    contact.state = ContactState.State.RETRY_SCHEDULED;
                    contact.nextAttemptAt = retryAt;
                    state.retries.add(contact);
                    state.retryScheduled++;
                } else {
                    contact.state = ContactState.State.FAILED;
                    state.failed++;
                }
            }
            if (outcome == CallOutcome.FAILED) {
                state.consecutiveFailures++;
                int threshold = report.pauseAfterConsecutiveFailures();
                if (threshold > 0 && state.consecutiveFailures >= threshold
                        && state.settings.status() == CampaignStatus.RUNNING) {
                    state.settings = state.settings.withStatus(CampaignStatus.PAUSED, "paused after " + threshold
                            + " technical failures in a row; last: " + result.failureReason(), report.now());
                    state.consecutiveFailures = 0;
                    returnAll(undialled(state));
                }
            } else {
                state.consecutiveFailures = 0;
            }
            if (state.settings.status() == CampaignStatus.RUNNING && state.finished()) {
                state.complete(report.now());
            }
            return new RecordResult(RecordResult.Kind.RECORDED, s.session, state.snapshot());
        }
    }

    private RecordResult recordLate(SessionState s, OutcomeReport report) {
        CampaignState state = s.campaign;
        CallResult result = report.result();
        Instant endedAt = result.endedAt() != null ? result.endedAt() : report.now();
        s.session = ended(s.session, result, endedAt, result.failureReason());
        s.lateRecorded = true;
        ContactState contact = s.contact;
        markAnswered(state, contact, result.wasAnswered());
        if (contact.lastSessionId.equals(s.session.sessionId())) {
            contact.lastOutcome = result.outcome();
            if (result.outcome().reached() && contact.state == ContactState.State.FAILED) {
                contact.state = ContactState.State.COMPLETED;
                contact.reached = true;
                state.failed--;
                state.completed++;
            }
        }
        return new RecordResult(RecordResult.Kind.LATE, s.session, state.snapshot());
    }

    private static void markAnswered(CampaignState state, ContactState contact, boolean answered) {
        if (answered && !contact.answered) {
            contact.answered = true;
            state.answered++;
        }
    }

    private static CallSession ended(CallSession session, CallResult result, Instant endedAt, String reason) {
        long duration = result.durationSeconds() != null ? result.durationSeconds()
                : Math.max(0, Duration.between(session.startedAt(), endedAt).getSeconds());
        return new CallSession(session.sessionId(), session.campaignId(), session.phoneNumber(), session.attempt(),
                CallSessionStatus.ENDED, result.outcome(), result.wasAnswered(), session.callerNumber(),
                session.startedAt(), result.answeredAt(), endedAt, duration, result.transcriptSummary(),
                result.extractedData(), session.initialContext(), reason);
    }

    /** Frees the session's campaign slot, organisation slot and caller number. */
    private void release(SessionState s) {
        inFlight.remove(s);
        s.campaign.inProgress--;
        String org = s.campaign.settings.orgId();
        orgInFlight.get(org)[0]--;
        heldNumbers.get(org).computeIfPresent(s.session.callerNumber(), (n, count) -> count == 1 ? null : count - 1);
    }

    @Override
    public HandOverResult handOver(HandOverRequest request) {
        synchronized (lock) {
            DialPacing pacing = request.pacing();
            List<String> key = pacing == null ? null : List.of(pacing.orgId(), pacing.key());
            Instant slot = key == null ? null : nextDialSlot.get(key);
            if (slot != null && slot.isAfter(request.now())) {
                return new HandOverResult(List.of(), slot);
            }
            List<String> handed = new ArrayList<>();
            for (String id : request.sessionIds()) {
                SessionState s = sessions.get(id);
                if (s == null || s.dialled || !s.session.inProgress()) {
                    continue;
                }
                s.dialled = true;
                handed.add(id);
                if (key != null) {
                    Instant next = request.now().plus(pacing.interval());
                    nextDialSlot.put(key, next);
                    return new HandOverResult(handed, request.sessionIds().size() > 1 ? next : null);
                }
            }
            return new HandOverResult(handed, null);
        }
    }

    @Override
    public int returnUndialled(Collection<String> sessionIds) {
        synchronized (lock) {
            List<SessionState> undialled = new ArrayList<>();
            for (String id : sessionIds) {
                SessionState s = sessions.get(id);
                if (s != null && !s.dialled && s.session.inProgress()) {
                    undialled.add(s);
                }
            }
            returnAll(undialled);
            return undialled.size();
        }
    }

    private List<SessionState> undialled(CampaignState state) {
        List<SessionState> undialled = new ArrayList<>();
        for (SessionState s : inFlight) {
            if (!s.dialled && s.campaign == state) {
                undialled.add(s);
            }
        }
        return undialled;
    }

    /** Puts the contacts of undialled sessions back where they were and forgets the sessions. */
    private void returnAll(List<SessionState> undialled) {
        for (SessionState s : undialled) {
            release(s);
            sessions.remove(s.session.sessionId());
            CampaignState state = s.campaign;
            state.sessions.remove(state.sessions.lastIndexOf(s));
            ContactState contact = s.contact;
            contact.attempts--;
            contact.lastSessionId = s.previousSessionId;
            if (contact.nextAttemptAt != null) {
                contact.state = ContactState.State.RETRY_SCHEDULED;
                state.retries.add(contact);
                state.retryScheduled++;
            } else {
                contact.state = ContactState.State.PENDING;
                state.nextFresh = Math.min(state.nextFresh, contact.index);
                state.pending++;
            }
        }
    }

    @Override
    public int renewLeases(String nodeId, Instant leaseUntil) {
        synchronized (lock) {
            int renewed = 0;
            for (SessionState s : inFlight) {
                if (s.nodeId.equals(nodeId)) {
                    s.leaseUntil = leaseUntil;
                    renewed++;
                }
            }
            return renewed;
        }
    }

    @Override
    public int recoverExpiredSessions(Instant now, int max) {
        synchronized (lock) {
            List<SessionState> expired = new ArrayList<>();
            List<SessionState> undialled = new ArrayList<>();
            for (SessionState s : inFlight) {
                if (s.leaseUntil.isBefore(now)) {
                    (s.dialled ? expired : undialled).add(s);
                    if (expired.size() + undialled.size() >= max) {
                        break;
                    }
                }
            }
            returnAll(undialled);
            for (SessionState s : expired) {
                CampaignState state = s.campaign;
                s.session = ended(s.session, CallResult.failed(null), now,
                        "lease expired: node " + s.nodeId + " stopped renewing");
                s.recovered = true;
                release(s);
                s.contact.state = ContactState.State.FAILED;
                s.contact.lastOutcome = CallOutcome.FAILED;
                s.contact.nextAttemptAt = null;
                state.failed++;
                if (state.settings.status() == CampaignStatus.RUNNING && state.finished()) {
                    state.complete(now);
                }
            }
            return expired.size() + undialled.size();
        }
    }

    @Override
    public Optional<CallSession> findSession(String sessionId) {
        synchronized (lock) {
            SessionState s = sessions.get(sessionId);
            return s == null ? Optional.empty() : Optional.of(s.session);
        }
    }

    @Override
    public Page<CallSession> sessions(long campaignId, SessionQuery query) {
        synchronized (lock) {
            CampaignState state = campaigns.get(campaignId);
            if (state == null) {
                return new Page<>(List.of(), query.page().page(), query.page().limit(), 0);
            }
            List<SessionState> matching = new ArrayList<>();
            for (SessionState s : state.sessions) {
                if (matches(s.session, query.filter())) {
                    matching.add(s);
                }
            }
            Comparator<SessionState> order = Comparator.comparing(s -> sortKey(s.session, query.sort()),
                    Comparator.nullsFirst(Comparator.<Comparable<Object>>naturalOrder()));
            order = order.thenComparingLong(s -> s.seq);
            if (query.descending()) {
                order = order.reversed();
            }
            matching.sort(order);
            List<CallSession> items = new ArrayList<>();
            long from = query.page().offset();
            for (long i = from; i < matching.size() && items.size() < query.page().limit(); i++) {
                items.add(matching.get((int) i).session);
            }
            return new Page<>(items, query.page().page(), query.page().limit(), matching.size());
        }
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> sortKey(CallSession s, SessionQuery.Sort sort) {
        Comparable<?> key = switch (sort) {
            case STARTED_AT -> s.startedAt();
            case ENDED_AT -> s.endedAt();
            case ATTEMPT -> s.attempt();
            case OUTCOME -> s.outcome() == null ? null : s.outcome().json();
            case PHONE_NUMBER -> s.phoneNumber();
            case DURATION_SECONDS -> s.durationSeconds();
        };
        return (Comparable<Object>) key;
    }

    private static boolean matches(CallSession s, SessionQuery.Filter f) {
        return (f.outcome() == null || f.outcome() == s.outcome())
                && (f.phoneNumber() == null || f.phoneNumber().equals(s.phoneNumber()))
                && (f.attempt() == null || f.attempt() == s.attempt())
                && (f.answered() == null || f.answered() == s.answered())
                && (f.startedAfter() == null || !s.startedAt().isBefore(f.startedAfter()))
                && (f.startedBefore() == null || s.startedAt().isBefore(f.startedBefore()));
    }

    @Override
    public void forEachEndedSession(long campaignId, Instant startedFrom, Instant startedBefore,
                                    Consumer<CallSession> sink) {
        List<CallSession> ended = new ArrayList<>();
        synchronized (lock) {
            CampaignState state = campaigns.get(campaignId);
            if (state == null) {
                return;
            }
            for (SessionState s : state.sessions) {
                CallSession session = s.session;
                if (session.status() == CallSessionStatus.ENDED
                        && (startedFrom == null || !session.startedAt().isBefore(startedFrom))
                        && (startedBefore == null || session.startedAt().isBefore(startedBefore))) {
                    ended.add(session);
                }
            }
        }
        ended.sort(Comparator.comparing(CallSession::startedAt));
        ended.forEach(sink);
    }

    @Override
    public void forEachRedialContact(long campaignId, Set<CallOutcome> lastOutcomes, Consumer<StoredContact> sink) {
        List<StoredContact> matching = new ArrayList<>();
        synchronized (lock) {
            CampaignState state = campaigns.get(campaignId);
            if (state == null) {
                return;
            }
            for (ContactState c : state.contacts) {
                if (!c.reached && c.lastOutcome != null && lastOutcomes.contains(c.lastOutcome)) {
                    matching.add(new StoredContact(c.seq, c.phoneNumber, c.values, c.lastOutcome, false));
                }
            }
        }
        matching.forEach(sink);
    }

    private static <T> Page<T> page(List<T> all, PageRequest page) {
        int from = (int) Math.min(all.size(), page.offset());
        int to = Math.min(all.size(), from + page.limit());
        return new Page<>(all.subList(from, to), page.page(), page.limit(), all.size());
    }

    /** A campaign's settings, counters, contacts and sessions. */
    private static final class CampaignState {
        Campaign settings;
        final List<String> columns;
        final List<ContactState> contacts;
        final TreeSet<ContactState> retries = new TreeSet<>(
                Comparator.comparing((ContactState c) -> c.nextAttemptAt).thenComparingLong(c -> c.seq));
        final List<SessionState> sessions = new ArrayList<>();
        int nextFresh;
        long pending;
        long inProgress;
        long retryScheduled;
        long completed;
        long failed;
        long answered;
        int consecutiveFailures;

        CampaignState(Campaign settings, List<String> columns, List<ContactState> contacts) {
            this.settings = settings;
            this.columns = List.copyOf(columns);
            this.contacts = contacts;
            this.pending = contacts.size();
        }

        Campaign snapshot() {
            return settings.withProgress(CampaignProgress.of(settings.status(), pending, inProgress, retryScheduled,
                    completed, failed, answered));
        }

        boolean finished() {
            return pending == 0 && inProgress == 0 && retryScheduled == 0;
        }

        void complete(Instant now) {
            settings = settings.withStatus(CampaignStatus.COMPLETED, null, now);
        }

        /** The next contact to dial: the earliest due retry, else the next fresh contact in file order. */
        ContactState nextDue(Instant now) {
            if (!retries.isEmpty() && !retries.first().nextAttemptAt.isAfter(now)) {
                return retries.pollFirst();
            }
            while (nextFresh < contacts.size()) {
                ContactState c = contacts.get(nextFresh++);
                if (c.state == ContactState.State.PENDING) {
                    return c;
                }
            }
            return null;
        }

        Instant nextRetryAfter(Instant now) {
            ContactState probe = new ContactState(-1, Long.MAX_VALUE, "", List.of());
            probe.nextAttemptAt = now;
            ContactState next = retries.higher(probe);
            return next == null ? null : next.nextAttemptAt;
        }
    }

    /** One contact's state. */
    private static final class ContactState {
        enum State { PENDING, IN_PROGRESS, RETRY_SCHEDULED, COMPLETED, FAILED }

        final int index;
        final long seq;
        final String phoneNumber;
        final List<String> values;
        State state = State.PENDING;
        int attempts;
        Instant nextAttemptAt;
        CallOutcome lastOutcome;
        boolean reached;
        boolean answered;
        String lastSessionId;

        ContactState(int index, long seq, String phoneNumber, List<String> values) {
            this.index = index;
            this.seq = seq;
            this.phoneNumber = phoneNumber;
            this.values = values;
        }
    }

    /** One session and its lease. */
    private static final class SessionState {
        final long seq;
        CallSession session;
        final CampaignState campaign;
        final ContactState contact;
        final String nodeId;
        Instant leaseUntil;
        boolean dialled;
        boolean recovered;
        boolean lateRecorded;
        String previousSessionId;

        SessionState(long seq, CallSession session, CampaignState campaign, ContactState contact, String nodeId,
                     Instant leaseUntil) {
            this.seq = seq;
            this.session = session;
            this.campaign = campaign;
            this.contact = contact;
            this.nodeId = nodeId;
            this.leaseUntil = leaseUntil;
        }
    }
}
