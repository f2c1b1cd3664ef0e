package io.outbound.campaign.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.AttemptLimit;
import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.CallSessionStatus;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ContactRules;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.ImportSummary;
import io.outbound.campaign.Jurisdiction;
import io.outbound.campaign.Page;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.Suppression;
import io.outbound.campaign.WaitingContacts;
import io.outbound.campaign.spi.CampaignChange;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.ClaimResult;
import io.outbound.campaign.spi.ClaimRules;
import io.outbound.campaign.spi.ContactSource;
import io.outbound.campaign.spi.DialPacing;
import io.outbound.campaign.spi.HandOverRequest;
import io.outbound.campaign.spi.HandOverResult;
import io.outbound.campaign.spi.ImportedContact;
import io.outbound.campaign.spi.NewCampaign;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.spi.RecordResult;
import io.outbound.campaign.spi.RetryPlanner;
import io.outbound.campaign.spi.SessionActivity;
import io.outbound.campaign.spi.SessionQuery;
import io.outbound.campaign.spi.SkippedContact;
import io.outbound.campaign.spi.StoredContact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CampaignStore} must do. A backend proves itself by extending this class and
 * returning a fresh, empty store from {@link #createStore()}:
 *
 * <pre>{@code
 * class MyStoreContractTest extends CampaignStoreContract {
 *     protected CampaignStore createStore() { return new MyStore(freshDatabase()); }
 * }
 * }</pre>
 *
 * It covers creation and import atomicity, tenant isolation, listing by status, claims within every cap and in the right
 * order, idempotent outcomes, counters equal to a recount from the sessions, retries, completion, the
 * failure pause, lease expiry and late outcomes, the runs, report and redial queries, and the contact rules a claim
 * applies (zones closed or skipped, the suppression list and opt-outs, attempt limits across campaigns and nodes).
 */
public abstract class CampaignStoreContract {

    /** 2026-06-01T13:00:00Z. */
    protected static final Instant T0 = Instant.parse("2026-06-01T13:00:00Z");
    private static final String ORG = "org-1";
    private static final List<String> NUMBERS = List.of("+15550000001", "+15550000002", "+15550000003",
            "+15550000004", "+15550000005", "+15550000006", "+15550000007", "+15550000008");
    /** Retries as configured, one minute after the attempt ended. */
    private static final RetryPlanner PLANNER = (campaign, outcome, attempt, endedAt) -> {
        RetryConfig retry = campaign.retryConfig();
        return retry != null && retry.retries(outcome) && attempt <= retry.maxRetries()
                ? endedAt.plusSeconds(retry.retryDelaySeconds()) : null;
    };

    private CampaignStore store;

    /** A new, empty store. */
    protected abstract CampaignStore createStore();

    @BeforeEach
    void freshStore() {
        store = createStore();
    }

    // ---------------------------------------------------------------- creation and tenancy

    @Test
    void aCreatedCampaignIsADraftWithEveryContactPending() {
        Campaign campaign = create(ORG, 5, null, phones(3));

        assertThat(campaign.id()).isPositive();
        assertThat(campaign.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(campaign.contactColumns()).containsExactly("name");
        assertThat(campaign.importSummary().accepted()).isEqualTo(3);
        assertThat(campaign.progress()).isEqualTo(CampaignProgress.of(CampaignStatus.DRAFT, 3, 0, 0, 0, 0, 0));
        assertThat(store.findCampaign(ORG, campaign.id())).contains(campaign);
    }

    @Test
    void anImportThatFailsHalfwayStoresNothing() {
        ContactSource failing = sink -> {
            sink.accept(List.of(new ImportedContact(1, "+14155550001", List.of("a"))));
            throw new CampaignException(ErrorCode.CONTACTS_REJECTED, "unterminated quote at line 3");
        };

        assertThatThrownBy(() -> store.createCampaign(newCampaign(ORG, 1, null), failing))
                .isInstanceOfSatisfying(CampaignException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONTACTS_REJECTED));
        assertThat(store.listCampaigns(ORG, PageRequest.first()).total()).isZero();
    }

    @Test
    void anotherOrganisationCannotSeeOrChangeACampaign() {
        Campaign campaign = create(ORG, 1, null, phones(1));

        assertThat(store.findCampaign("org-2", campaign.id())).isEmpty();
        assertThat(store.listCampaigns("org-2", PageRequest.first()).items()).isEmpty();
        assertThatThrownBy(() -> store.updateCampaign("org-2", campaign.id(), CampaignChange::none))
                .isInstanceOfSatisfying(CampaignException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(store.findCampaign(ORG, campaign.id()).orElseThrow().status()).isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void campaignsAreListedNewestFirstAndPaged() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(ORG, 1, null, phones(1)).id());
        }
        create("org-2", 1, null, phones(1));

        Page<Campaign> second = store.listCampaigns(ORG, new PageRequest(2, 2));

        assertThat(second.total()).isEqualTo(5);
        assertThat(second.items()).extracting(Campaign::id).containsExactly(ids.get(2), ids.get(1));
    }

    @Test
    void campaignsAreListedByStatusNewestFirstPagedAndCountedAmongThoseOnly() {
        Campaign draft = create(ORG, 1, null, phones(1));
        Campaign firstRunning = running(create(ORG, 1, null, phones(1)));
        Campaign paused = withStatus(running(create(ORG, 1, null, phones(1))), CampaignStatus.PAUSED);
        Campaign secondRunning = running(create(ORG, 1, null, phones(1)));
        Campaign completed = withStatus(running(create(ORG, 1, null, phones(1))), CampaignStatus.COMPLETED);
        Campaign thirdRunning = running(create(ORG, 1, null, phones(1)));
        running(create("org-2", 1, null, phones(1)));

        Page<Campaign> first = store.listCampaigns(ORG, EnumSet.of(CampaignStatus.RUNNING), new PageRequest(1, 2));
        Page<Campaign> second = store.listCampaigns(ORG, EnumSet.of(CampaignStatus.RUNNING), new PageRequest(2, 2));
        Page<Campaign> active = store.listCampaigns(ORG, EnumSet.of(CampaignStatus.RUNNING, CampaignStatus.PAUSED),
                PageRequest.first());

        assertThat(first.total()).as("running campaigns of org-1 only").isEqualTo(3);
        assertThat(first.items()).extracting(Campaign::id).containsExactly(thirdRunning.id(), secondRunning.id());
        assertThat(second.items()).extracting(Campaign::id).containsExactly(firstRunning.id());
        assertThat(second.total()).isEqualTo(3);
        assertThat(active.items()).as("newest first across the statuses").extracting(Campaign::id)
                .containsExactly(thirdRunning.id(), secondRunning.id(), paused.id(), firstRunning.id());
        assertThat(active.total()).isEqualTo(4);
        assertThat(store.listCampaigns(ORG, EnumSet.of(CampaignStatus.COMPLETED, CampaignStatus.DRAFT),
                PageRequest.first()).items()).extracting(Campaign::id).containsExactly(completed.id(), draft.id());
        Page<Campaign> none = store.listCampaigns(ORG, EnumSet.of(CampaignStatus.FAILED), PageRequest.first());
        assertThat(none.items()).isEmpty();
        assertThat(none.total()).isZero();
        Page<Campaign> beyond = store.listCampaigns(ORG, EnumSet.of(CampaignStatus.RUNNING), new PageRequest(3, 2));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(3);
        assertThat(store.listCampaigns("org-3", EnumSet.of(CampaignStatus.RUNNING), PageRequest.first()).total())
                .isZero();
    }

    @Test
    void aCampaignWhoseStatusChangesMovesBetweenTheFilteredListsAndTheSpiDefaultAgrees() {
        Campaign one = running(create(ORG, 1, null, phones(1)));
        Campaign two = running(create(ORG, 1, null, phones(1)));
        create(ORG, 1, null, phones(1));
        create("org-2", 1, null, phones(1));

        withStatus(one, CampaignStatus.PAUSED);

        assertThat(store.listCampaigns(ORG, EnumSet.of(CampaignStatus.RUNNING), PageRequest.first()).items())
                .extracting(Campaign::id).containsExactly(two.id());
        Page<Campaign> paused = store.listCampaigns(ORG, EnumSet.of(CampaignStatus.PAUSED), PageRequest.first());
        assertThat(paused.items()).extracting(Campaign::id).containsExactly(one.id());
        assertThat(paused.items().get(0).status()).isEqualTo(CampaignStatus.PAUSED);
        for (Set<CampaignStatus> statuses : List.of(EnumSet.of(CampaignStatus.RUNNING),
                EnumSet.of(CampaignStatus.DRAFT, CampaignStatus.PAUSED), EnumSet.of(CampaignStatus.FAILED))) {
            for (PageRequest page : List.of(new PageRequest(1, 1), new PageRequest(2, 1), PageRequest.first())) {
                assertThat(spiDefault("listCampaigns", 3).listCampaigns(ORG, statuses, page))
                        .as("the SPI's default, %s %s", statuses, page)
                        .isEqualTo(store.listCampaigns(ORG, statuses, page));
            }
        }
    }

    @Test
    void anUpdateThatThrowsChangesNothingAndAnUpdateKeepsTheCounters() {
        Campaign campaign = create(ORG, 1, null, phones(2));

        assertThatThrownBy(() -> store.updateCampaign(ORG, campaign.id(), c -> {
            throw CampaignException.invalidState(c.id(), "start", c.status());
        })).isInstanceOf(CampaignException.class);
        Campaign renamed = store.updateCampaign(ORG, campaign.id(), c -> CampaignChange.none(c)
                .toSettings("renamed", 7, null, null, T0));

        assertThat(renamed.name()).isEqualTo("renamed");
        assertThat(renamed.maxConcurrency()).isEqualTo(7);
        assertThat(renamed.progress().pending()).isEqualTo(2);
        assertThat(renamed.progress().completed()).isZero();
    }

    // ---------------------------------------------------------------- claims

    @Test
    void aCampaignThatIsNotRunningClaimsNothing() {
        Campaign campaign = create(ORG, 5, null, phones(3));

        assertThat(claim(campaign, 5, T0).calls()).isEmpty();
        assertThat(store.runningCampaigns()).isEmpty();
    }

    @Test
    void claimsNeverExceedTheCampaignsConcurrency() {
        Campaign campaign = running(create(ORG, 3, null, phones(10)));

        ClaimResult first = claim(campaign, 10, T0);
        ClaimResult second = claim(campaign, 10, T0);

        assertThat(first.calls()).hasSize(3);
        assertThat(second.calls()).isEmpty();
        assertThat(second.campaign().progress().inProgress()).isEqualTo(3);
        record(first.calls().get(0), CallOutcome.COMPLETED, T0.plusSeconds(30));
        assertThat(claim(campaign, 10, T0.plusSeconds(30)).calls()).hasSize(1);
    }

    @Test
    void aClaimAndAnOutcomeAnswerTheCampaignWithTheirOwnMovesCounted() {
        Campaign campaign = running(create(ORG, 10, null, phones(5)));

        ClaimResult claimed = claim(campaign, 3, T0);
        RecordResult recorded = record(claimed.calls().get(0), CallOutcome.COMPLETED, T0.plusSeconds(10));
        ClaimResult again = claim(campaign, 10, T0.plusSeconds(10));

        assertThat(claimed.campaign().progress())
                .isEqualTo(CampaignProgress.of(CampaignStatus.RUNNING, 2, 3, 0, 0, 0, 0));
        assertThat(recorded.campaign().progress())
                .isEqualTo(CampaignProgress.of(CampaignStatus.RUNNING, 2, 2, 0, 1, 0, 1));
        assertThat(again.campaign().progress())
                .isEqualTo(CampaignProgress.of(CampaignStatus.RUNNING, 0, 4, 0, 1, 0, 1))
                .isEqualTo(progress(campaign));
    }

    @Test
    void claimsNeverExceedTheOrganisationLimitAcrossItsCampaigns() {
        Campaign a = running(create(ORG, 5, null, phones(10)));
        Campaign b = running(create(ORG, 5, null, phones(10, 100)));
        Campaign other = running(create("org-2", 5, null, phones(10, 200)));

        int fromA = claim(a, 5, T0, 3, NUMBERS).calls().size();
        int fromB = claim(b, 5, T0, 3, NUMBERS).calls().size();
        int fromOther = claim(other, 5, T0, 3, NUMBERS).calls().size();

        assertThat(fromA).isEqualTo(3);
        assertThat(fromB).isZero();
        assertThat(fromOther).isEqualTo(3);
    }

    @Test
    void eachCallHoldsItsOwnCallerNumberUntilItEnds() {
        Campaign campaign = running(create(ORG, 10, null, phones(5)));
        List<String> two = NUMBERS.subList(0, 2);

        List<CallSession> calls = claim(campaign, 10, T0, Integer.MAX_VALUE, two).calls();

        assertThat(calls).extracting(CallSession::callerNumber).containsExactlyInAnyOrderElementsOf(two);
        assertThat(claim(campaign, 10, T0, Integer.MAX_VALUE, two).calls()).isEmpty();
        record(calls.get(1), CallOutcome.BUSY, T0.plusSeconds(5));
        List<CallSession> next = claim(campaign, 10, T0.plusSeconds(5), Integer.MAX_VALUE, two).calls();
        assertThat(next).singleElement().extracting(CallSession::callerNumber).isEqualTo(calls.get(1).callerNumber());
    }

    @Test
    void freshContactsAreClaimedInFileOrderAndSessionsCarryTheContact() {
        Campaign campaign = running(create(ORG, 10, null, phones(4)));

        List<CallSession> calls = claim(campaign, 10, T0).calls();

        assertThat(calls).extracting(CallSession::phoneNumber).containsExactlyElementsOf(phones(4));
        CallSession first = calls.get(0);
        assertThat(first.status()).isEqualTo(CallSessionStatus.IN_PROGRESS);
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.startedAt()).isEqualTo(T0);
        assertThat(first.initialContext()).containsExactly(Map.entry("name", "contact 0"));
        assertThat(store.findSession(first.sessionId())).contains(first);
    }

    @Test
    void dueRetriesComeBeforeFreshContactsOldestFirst() {
        RetryConfig retry = new RetryConfig(true, 3, 60, true, true, true);
        Campaign campaign = running(create(ORG, 2, retry, phones(6)));
        List<CallSession> firstTwo = claim(campaign, 2, T0).calls();
        record(firstTwo.get(1), CallOutcome.BUSY, T0.plusSeconds(10));      // due at +70
        record(firstTwo.get(0), CallOutcome.NO_ANSWER, T0.plusSeconds(20));  // due at +80

        ClaimResult beforeDue = claim(campaign, 1, T0.plusSeconds(30));
        assertThat(beforeDue.calls()).extracting(CallSession::phoneNumber).containsExactly(phones(6).get(2));
        assertThat(beforeDue.nextRetryAt()).isEqualTo(T0.plusSeconds(70));
        record(beforeDue.calls().get(0), CallOutcome.COMPLETED, T0.plusSeconds(40));

        List<CallSession> due = claim(campaign, 2, T0.plusSeconds(90)).calls();
        assertThat(due).extracting(CallSession::phoneNumber)
                .containsExactly(firstTwo.get(1).phoneNumber(), firstTwo.get(0).phoneNumber());
        assertThat(due).extracting(CallSession::attempt).containsExactly(2, 2);
    }

    /**
     * Threads claim from two campaigns of one organisation at once and hold each call across a few more claims
     * before reporting it, so that calls pile up against every cap: each campaign's {@code max_concurrency} (below
     * the thread count), the organisation limit (below the two campaigns' caps together) and exclusive caller
     * numbers. What the threads observe is checked, not what the store says: a call counts as in flight from the
     * moment its claim returned until just before its outcome is reported, an interval inside the one the store
     * holds its slots, so an observed excess is a real one.
     */
    @Test
    void concurrentClaimsNeverTakeAContactTwiceNorExceedTheCaps() throws Exception {
        int campaignCap = 3;
        int orgLimit = 5;
        // Every round checks that no cap was exceeded. That the threads pushed against the caps at all (the test's
        // own precondition) is asked of the best of three rounds: the observer sees a call only between its
        // claim's return and its report, so a thread descheduled at the wrong moment on a loaded machine can hide
        // the organisation's last place from it for a whole round (seen once in a CI run: a peak of 4, not 5).
        int peakOfOrganisation = 0;
        int peakOfACampaign = 0;
        for (int round = 0; round < 3 && (peakOfOrganisation < orgLimit || peakOfACampaign < campaignCap);
                round++) {
            InFlightCalls inFlight = claimConcurrentlyAndCheckTheCaps(round, campaignCap, orgLimit);
            peakOfOrganisation = Math.max(peakOfOrganisation, inFlight.peakOfOrganisation());
            peakOfACampaign = Math.max(peakOfACampaign, Collections.max(inFlight.peakPerCampaign().values()));
        }
        assertThat(peakOfOrganisation).as("the test must have pushed against the organisation limit")
                .isEqualTo(orgLimit);
        assertThat(peakOfACampaign).as("the test must have pushed against a campaign's cap").isEqualTo(campaignCap);
    }

    /** One round of {@link #concurrentClaimsNeverTakeAContactTwiceNorExceedTheCaps}, on two campaigns of its own. */
    private InFlightCalls claimConcurrentlyAndCheckTheCaps(int round, int campaignCap, int orgLimit)
            throws Exception {
        int threads = 4;
        int contacts = 40;
        List<String> callerNumbers = NUMBERS.subList(0, 6);
        List<Campaign> campaigns = List.of(running(create(ORG, campaignCap, null, phones(contacts, 1000 * round))),
                running(create(ORG, campaignCap, null, phones(contacts, 1000 * round + 100))));
        InFlightCalls inFlight = new InFlightCalls();
        ConcurrentLinkedQueue<HeldCall> held = new ConcurrentLinkedQueue<>();
        AtomicInteger claims = new AtomicInteger();
        AtomicInteger recorded = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Random random = new Random(w);
            String node = "node-" + w;
            workers.add(pool.submit(() -> {
                go.await();
                for (int turn = 0; turn < 20_000 && recorded.get() < 2 * contacts; turn++) {
                    Campaign campaign = campaigns.get(random.nextInt(campaigns.size()));
                    List<CallSession> claimed = store.claim(new ClaimRequest(campaign.id(), node, T0,
                            T0.plus(Duration.ofHours(1)), 1 + random.nextInt(3), orgLimit, callerNumbers)).calls();
                    int claimsSoFar = claims.incrementAndGet();
                    for (CallSession call : claimed) {
                        inFlight.started(call);
                        held.add(new HeldCall(call, claimsSoFar + 25 + random.nextInt(15)));
                    }
                    // Calls end after some more claims (by any thread), in whatever order they fall due: long
                    // enough that calls pile up against the caps however the threads happen to be scheduled. (Ten
                    // to twenty claims was too short on a loaded 2-core machine: a thread descheduled between its
                    // claim and marking the call started hid the organisation's last place from the observer.)
                    for (HeldCall call : held) {
                        if (call.endsAfterClaim() <= claims.get() && held.remove(call)) {
                            inFlight.ending(call.session());
                            record(call.session(), CallOutcome.COMPLETED, T0.plusSeconds(10));
                            recorded.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        go.countDown();
        try {
            for (Future<?> worker : workers) {
                worker.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(inFlight.violations()).isEmpty();
        assertThat(inFlight.claimedContacts()).hasSize(2 * contacts);
        assertThat(inFlight.peakPerCampaign()).hasSize(2)
                .allSatisfy((id, peak) -> assertThat(peak).as("calls in flight of campaign %d", id)
                        .isLessThanOrEqualTo(campaignCap));
        assertThat(inFlight.peakOfOrganisation()).as("calls in flight of the organisation")
                .isLessThanOrEqualTo(orgLimit);
        assertThat(held).isEmpty();
        for (Campaign campaign : campaigns) {
            Campaign done = store.findCampaign(ORG, campaign.id()).orElseThrow();
            assertThat(done.progress().completed()).isEqualTo(contacts);
            assertThat(done.progress().inProgress()).isZero();
            assertThat(done.status()).isEqualTo(CampaignStatus.COMPLETED);
        }
        return inFlight;
    }

    /** A call claimed and not yet reported, to be reported once the claims made so far reach a count. */
    private record HeldCall(CallSession session, int endsAfterClaim) {
    }

    /** What the claiming threads observe: calls in flight per campaign and organisation, caller numbers held. */
    private static final class InFlightCalls {
        private final Map<Long, Integer> perCampaign = new java.util.HashMap<>();
        private final Map<Long, Integer> peakPerCampaign = new java.util.HashMap<>();
        private final Set<String> numbersInCalls = new HashSet<>();
        private final Set<String> claimedContacts = new HashSet<>();
        private final List<String> violations = new ArrayList<>();
        private int organisation;
        private int peakOfOrganisation;

        synchronized void started(CallSession call) {
            if (!claimedContacts.add(call.campaignId() + "/" + call.phoneNumber())) {
                violations.add("contact claimed twice: " + call.phoneNumber());
            }
            if (!numbersInCalls.add(call.callerNumber())) {
                violations.add("caller number in two calls at once: " + call.callerNumber());
            }
            int now = perCampaign.merge(call.campaignId(), 1, Integer::sum);
            peakPerCampaign.merge(call.campaignId(), now, Math::max);
            organisation++;
            peakOfOrganisation = Math.max(peakOfOrganisation, organisation);
        }

        synchronized void ending(CallSession call) {
            perCampaign.merge(call.campaignId(), -1, Integer::sum);
            organisation--;
            numbersInCalls.remove(call.callerNumber());
        }

        synchronized List<String> violations() {
            return List.copyOf(violations);
        }

        synchronized Set<String> claimedContacts() {
            return Set.copyOf(claimedContacts);
        }

        synchronized Map<Long, Integer> peakPerCampaign() {
            return Map.copyOf(peakPerCampaign);
        }

        synchronized int peakOfOrganisation() {
            return peakOfOrganisation;
        }
    }

    // ---------------------------------------------------------------- outcomes

    @Test
    void anOutcomeReportedTwiceIsRecordedOnce() {
        Campaign campaign = running(create(ORG, 2, null, phones(2)));
        CallSession call = claim(campaign, 1, T0).calls().get(0);

        RecordResult first = record(call, CallOutcome.COMPLETED, T0.plusSeconds(30));
        RecordResult second = record(call, CallOutcome.FAILED, T0.plusSeconds(40));

        assertThat(first.kind()).isEqualTo(RecordResult.Kind.RECORDED);
        assertThat(second.kind()).isEqualTo(RecordResult.Kind.DUPLICATE);
        CallSession stored = store.findSession(call.sessionId()).orElseThrow();
        assertThat(stored.outcome()).isEqualTo(CallOutcome.COMPLETED);
        assertThat(stored.durationSeconds()).isEqualTo(30);
        assertThat(progress(campaign)).isEqualTo(CampaignProgress.of(CampaignStatus.RUNNING, 1, 0, 0, 1, 0, 1));
    }

    @Test
    void anUnknownSessionIsNotFound() {
        assertThatThrownBy(() -> store.recordOutcome(new OutcomeReport("no-such-session",
                CallResult.of(CallOutcome.COMPLETED), T0, PLANNER, 0)))
                .isInstanceOfSatisfying(CampaignException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void outcomesMoveContactsAndCountersAsTheSessionsSay() {
        RetryConfig retry = new RetryConfig(true, 1, 60, true, true, false);
        Campaign campaign = running(create(ORG, 10, retry, phones(6)));
        List<CallSession> calls = claim(campaign, 10, T0).calls();
        CallOutcome[] outcomes = {CallOutcome.COMPLETED, CallOutcome.BUSY, CallOutcome.VOICEMAIL,
                CallOutcome.FAILED, CallOutcome.INVALID_NUMBER};
        for (int i = 0; i < outcomes.length; i++) {
            record(calls.get(i), outcomes[i], T0.plusSeconds(20));
        }

        CampaignProgress progress = progress(campaign);

        // completed 1, busy -> retry, voicemail (flag off) -> failed, failed, invalid -> failed; one in flight
        assertThat(progress).isEqualTo(CampaignProgress.of(CampaignStatus.RUNNING, 0, 1, 1, 1, 3, 1));
        assertRecount(campaign);
    }

    @Test
    void aRetryIsScheduledByThePlannerAndTheLastAttemptIsFinal() {
        RetryConfig retry = new RetryConfig(true, 1, 120, true, true, true);
        Campaign campaign = running(create(ORG, 1, retry, phones(1)));

        CallSession first = claim(campaign, 1, T0).calls().get(0);
        record(first, CallOutcome.NO_ANSWER, T0.plusSeconds(30));
        assertThat(claim(campaign, 1, T0.plusSeconds(149)).calls()).isEmpty();
        CallSession second = claim(campaign, 1, T0.plusSeconds(150)).calls().get(0);
        RecordResult last = record(second, CallOutcome.NO_ANSWER, T0.plusSeconds(200));

        assertThat(second.attempt()).isEqualTo(2);
        assertThat(last.campaign().progress()).isEqualTo(CampaignProgress.of(CampaignStatus.COMPLETED, 0, 0, 0, 0, 1, 0));
        assertThat(last.campaign().completedAt()).isEqualTo(T0.plusSeconds(200));
    }

    @Test
    void aRunningCampaignWithNothingLeftCompletesOnClaim() {
        Campaign empty = running(create(ORG, 1, null, List.of()));

        ClaimResult result = claim(empty, 1, T0);

        assertThat(result.campaign().status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(store.findCampaign(ORG, empty.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void repeatedTechnicalFailuresPauseTheCampaignWithAReason() {
        Campaign campaign = running(create(ORG, 10, null, phones(10)));
        List<CallSession> calls = claim(campaign, 10, T0).calls();
        record(calls.get(0), CallOutcome.FAILED, T0, 3);
        record(calls.get(1), CallOutcome.NO_ANSWER, T0, 3);
        record(calls.get(2), CallOutcome.FAILED, T0, 3);
        record(calls.get(3), CallOutcome.FAILED, T0, 3);
        assertThat(progress(campaign).status()).isEqualTo(CampaignStatus.RUNNING);

        RecordResult third = record(calls.get(4), CallOutcome.FAILED, T0, 3);

        assertThat(third.campaign().status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(third.campaign().statusReason()).contains("3 technical failures in a row");
    }

    @Test
    void outcomesRecordedTogetherDoWhatEachWouldAlone() {
        Campaign campaign = running(create(ORG, 6, new RetryConfig(true, 2, 60, true, true, true), phones(7)));
        List<CallSession> calls = claim(campaign, 6, T0).calls();
        calls.forEach(this::handOver);
        record(calls.get(0), CallOutcome.COMPLETED, T0.plusSeconds(10));
        store.recordOutcome(new OutcomeReport(calls.get(1).sessionId(), CallResult.failed("dial timed out"),
                T0.plusSeconds(10), PLANNER, 0, true));

        Map<String, RecordResult> results = store.recordOutcomes(List.of(
                report(calls.get(0).sessionId(), CallOutcome.NO_ANSWER, T0.plusSeconds(20)),
                report(calls.get(1).sessionId(), CallOutcome.COMPLETED, T0.plusSeconds(20)),
                report(calls.get(2).sessionId(), CallOutcome.COMPLETED, T0.plusSeconds(20)),
                report(calls.get(3).sessionId(), CallOutcome.BUSY, T0.plusSeconds(20)),
                report(calls.get(4).sessionId(), CallOutcome.FAILED, T0.plusSeconds(20)),
                report("no-such-session", CallOutcome.COMPLETED, T0.plusSeconds(20))));

        assertThat(results).doesNotContainKey("no-such-session").hasSize(5);
        assertThat(results.get(calls.get(0).sessionId()).kind()).isEqualTo(RecordResult.Kind.DUPLICATE);
        assertThat(results.get(calls.get(1).sessionId()).kind()).isEqualTo(RecordResult.Kind.LATE);
        assertThat(results.get(calls.get(2).sessionId()).kind()).isEqualTo(RecordResult.Kind.RECORDED);
        assertThat(results.get(calls.get(3).sessionId()).kind()).isEqualTo(RecordResult.Kind.RECORDED);
        assertThat(results.get(calls.get(3).sessionId()).session().outcome()).isEqualTo(CallOutcome.BUSY);
        assertThat(results.get(calls.get(4).sessionId()).kind()).isEqualTo(RecordResult.Kind.RECORDED);
        assertThat(store.findSession(calls.get(0).sessionId()).orElseThrow().outcome())
                .isEqualTo(CallOutcome.COMPLETED);
        assertThat(store.findSession(calls.get(5).sessionId()).orElseThrow().inProgress()).isTrue();
        // Completed: 0, 2 and 1 (late, reached); waiting: 3 (busy); failed: 4 (not retried); in flight: 5.
        assertThat(progress(campaign)).isEqualTo(CampaignProgress.of(CampaignStatus.RUNNING, 1, 1, 1, 3, 1, 3));
        assertRecount(campaign);
    }

    @Test
    void aGroupNamingOneSessionTwiceIsRefusedAndRecordsNothing() {
        Campaign campaign = running(create(ORG, 2, null, phones(2)));
        CallSession call = claim(campaign, 1, T0).calls().get(0);
        handOver(call);

        assertThatThrownBy(() -> store.recordOutcomes(List.of(
                report(call.sessionId(), CallOutcome.COMPLETED, T0.plusSeconds(20)),
                report(call.sessionId(), CallOutcome.BUSY, T0.plusSeconds(20)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(call.sessionId());
        assertThat(store.findSession(call.sessionId()).orElseThrow().inProgress()).isTrue();
    }

    @Test
    void progressReadAloneIsTheCampaignsProgressAndOnlyForItsOrganisation() {
        Campaign campaign = running(create(ORG, 3, new RetryConfig(true, 2, 60, true, true, true), phones(4)));
        List<CallSession> calls = claim(campaign, 3, T0).calls();
        calls.forEach(this::handOver);
        record(calls.get(0), CallOutcome.COMPLETED, T0.plusSeconds(10));
        record(calls.get(1), CallOutcome.BUSY, T0.plusSeconds(10));

        assertThat(store.findProgress(ORG, campaign.id())).contains(progress(campaign))
                .contains(CampaignProgress.of(CampaignStatus.RUNNING, 1, 1, 1, 1, 0, 1));
        assertThat(store.findProgress("org-2", campaign.id())).isEmpty();
        assertThat(store.findProgress(ORG, campaign.id() + 1000)).isEmpty();
    }

    // ---------------------------------------------------------------- leases

    @Test
    void aSessionWhoseLeaseExpiredIsClosedAndItsLateOutcomeStillRecorded() {
        Campaign campaign = running(create(ORG, 2, null, phones(2)));
        CallSession lost = claim(campaign, 1, T0).calls().get(0);      // lease until T0 + 2 min
        handOver(lost);

        assertThat(store.recoverExpiredSessions(T0.plusSeconds(119), 100)).isZero();
        assertThat(store.recoverExpiredSessions(T0.plusSeconds(121), 100)).isEqualTo(1);

        CallSession closed = store.findSession(lost.sessionId()).orElseThrow();
        assertThat(closed.status()).isEqualTo(CallSessionStatus.ENDED);
        assertThat(closed.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(closed.failureReason()).contains("lease");
        assertThat(progress(campaign)).isEqualTo(CampaignProgress.of(CampaignStatus.RUNNING, 1, 0, 0, 0, 1, 0));

        RecordResult late = record(lost, CallOutcome.COMPLETED, T0.plusSeconds(200));
        assertThat(late.kind()).isEqualTo(RecordResult.Kind.LATE);
        assertThat(store.findSession(lost.sessionId()).orElseThrow().outcome()).isEqualTo(CallOutcome.COMPLETED);
        assertThat(progress(campaign)).isEqualTo(CampaignProgress.of(CampaignStatus.RUNNING, 1, 0, 0, 1, 0, 1));
        assertThat(record(lost, CallOutcome.COMPLETED, T0.plusSeconds(201)).kind())
                .isEqualTo(RecordResult.Kind.DUPLICATE);
        assertThat(claim(campaign, 2, T0.plusSeconds(300)).calls()).extracting(CallSession::phoneNumber)
                .containsExactly(phones(2).get(1));
    }

    @Test
    void aLateOutcomeKeepsWhenAndWhyTheEngineClosedTheSession() {
        Campaign campaign = running(create(ORG, 2, null, phones(2)));
        List<CallSession> calls = claim(campaign, 2, T0).calls();     // lease until T0 + 2 min
        calls.forEach(this::handOver);
        store.recordOutcome(new OutcomeReport(calls.get(1).sessionId(), CallResult.failed("dial timed out"),
                T0.plusSeconds(30), PLANNER, 0, true));
        store.recoverExpiredSessions(T0.plusSeconds(121), 100);
        CallSession closed = store.findSession(calls.get(0).sessionId()).orElseThrow();

        record(calls.get(0), CallOutcome.BUSY, T0.plusSeconds(200));
        record(calls.get(1), CallOutcome.COMPLETED, T0.plusSeconds(210));

        assertThat(closed.engineEndedAt()).isEqualTo(T0.plusSeconds(121));
        assertThat(closed.engineEndReason()).startsWith("lease expired: node ").isEqualTo(closed.failureReason());
        CallSession late = store.findSession(calls.get(0).sessionId()).orElseThrow();
        assertThat(late.outcome()).isEqualTo(CallOutcome.BUSY);
        assertThat(late.endedAt()).isEqualTo(T0.plusSeconds(200));
        assertThat(late.engineEndedAt()).isEqualTo(T0.plusSeconds(121));
        assertThat(late.engineEndReason()).isEqualTo(closed.engineEndReason());
        CallSession timedOut = store.findSession(calls.get(1).sessionId()).orElseThrow();
        assertThat(timedOut.outcome()).isEqualTo(CallOutcome.COMPLETED);
        assertThat(timedOut.engineEndedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(timedOut.engineEndReason()).isEqualTo("dial timed out");
        assertThat(store.sessions(campaign.id(), query(SessionQuery.Filter.none(), SessionQuery.Sort.STARTED_AT,
                false, 1, 50)).items()).extracting(CallSession::engineEndReason)
                .containsExactlyInAnyOrder(closed.engineEndReason(), "dial timed out");
    }

    @Test
    void anOutcomeTheCarrierReportedLeavesNoEngineEnd() {
        Campaign campaign = running(create(ORG, 1, null, phones(1)));
        CallSession call = claim(campaign, 1, T0).calls().get(0);
        handOver(call);

        record(call, CallOutcome.COMPLETED, T0.plusSeconds(40));

        CallSession ended = store.findSession(call.sessionId()).orElseThrow();
        assertThat(ended.engineEndedAt()).isNull();
        assertThat(ended.engineEndReason()).isNull();
    }

    @Test
    void renewedLeasesAreNotRecoveredAndOnlyTheOwnersAreRenewed() {
        Campaign campaign = running(create(ORG, 4, null, phones(4)));
        store.claim(new ClaimRequest(campaign.id(), "node-a", T0, T0.plusSeconds(60), 2, Integer.MAX_VALUE, NUMBERS))
                .calls().forEach(this::handOver);
        store.claim(new ClaimRequest(campaign.id(), "node-b", T0, T0.plusSeconds(60), 2, Integer.MAX_VALUE, NUMBERS))
                .calls().forEach(this::handOver);

        assertThat(store.renewLeases("node-a", T0.plusSeconds(180))).isEqualTo(2);
        int recovered = store.recoverExpiredSessions(T0.plusSeconds(120), 100);

        assertThat(recovered).isEqualTo(2);
        assertThat(progress(campaign).inProgress()).isEqualTo(2);
        assertThat(progress(campaign).failed()).isEqualTo(2);
    }


    // ---------------------------------------------------------------- handover and return

    @Test
    void aSessionIsHandedOverOnceAndKeepsItsClaimInstant() {
        Campaign campaign = running(create(ORG, 3, null, phones(3)));
        List<CallSession> calls = claim(campaign, 3, T0).calls();
        List<String> ids = calls.stream().map(CallSession::sessionId).toList();

        HandOverResult first = store.handOver(new HandOverRequest(ids.subList(0, 2), T0.plusSeconds(2), null));
        HandOverResult again = store.handOver(new HandOverRequest(ids, T0.plusSeconds(3), null));

        assertThat(first.handedOver()).containsExactlyElementsOf(ids.subList(0, 2));
        assertThat(first.pacedUntil()).isNull();
        assertThat(again.handedOver()).containsExactly(ids.get(2));
        assertThat(store.findSession(ids.get(0)).orElseThrow().startedAt()).isEqualTo(T0);
        assertThat(store.findSession(ids.get(2)).orElseThrow()).isEqualTo(calls.get(2));
        assertThat(store.returnUndialled(ids)).isZero();
        assertThat(progress(campaign).inProgress()).isEqualTo(3);
    }

    @Test
    void aReturnedSessionLeavesNoTraceAndItsContactIsNextInFileOrder() {
        Campaign campaign = running(create(ORG, 2, null, phones(4)));
        List<CallSession> calls = claim(campaign, 2, T0).calls();
        handOver(calls.get(1));

        int returned = store.returnUndialled(List.of(calls.get(0).sessionId(), calls.get(1).sessionId(),
                "no-such-session"));

        assertThat(returned).isEqualTo(1);
        assertThat(store.findSession(calls.get(0).sessionId())).isEmpty();
        assertThat(progress(campaign)).isEqualTo(CampaignProgress.of(CampaignStatus.RUNNING, 3, 1, 0, 0, 0, 0));
        assertThat(store.sessions(campaign.id(), query(SessionQuery.Filter.none(), SessionQuery.Sort.STARTED_AT,
                false, 1, 50)).total()).isEqualTo(1);
        CallSession again = claim(campaign, 1, T0.plusSeconds(2)).calls().get(0);
        assertThat(again.phoneNumber()).isEqualTo(calls.get(0).phoneNumber());
        assertThat(again.attempt()).isEqualTo(1);
        assertThat(again.sessionId()).isNotEqualTo(calls.get(0).sessionId());
        assertRecount(campaign);
    }

    @Test
    void aReturnedRetryWaitsAgainAtItsOwnDueInstantWithItsAttemptUncounted() {
        RetryConfig retry = new RetryConfig(true, 3, 60, true, true, true);
        Campaign campaign = running(create(ORG, 1, retry, phones(2)));
        CallSession first = claim(campaign, 1, T0).calls().get(0);
        handOver(first);
        record(first, CallOutcome.BUSY, T0.plusSeconds(10));                 // due at +70
        CallSession retried = claim(campaign, 1, T0.plusSeconds(80)).calls().get(0);
        assertThat(retried.attempt()).isEqualTo(2);

        store.returnUndialled(List.of(retried.sessionId()));

        assertThat(progress(campaign)).isEqualTo(CampaignProgress.of(CampaignStatus.RUNNING, 1, 0, 1, 0, 0, 0));
        ClaimResult early = claim(campaign, 1, T0.plusSeconds(60));
        assertThat(early.calls()).extracting(CallSession::phoneNumber).containsExactly(phones(2).get(1));
        assertThat(early.nextRetryAt()).isEqualTo(T0.plusSeconds(70));
        assertThat(claim(campaign, 1, T0.plusSeconds(90)).calls()).isEmpty();  // the fresh call holds the slot
        record(early.calls().get(0), CallOutcome.COMPLETED, T0.plusSeconds(95));
        CallSession again = claim(campaign, 1, T0.plusSeconds(96)).calls().get(0);
        assertThat(again.phoneNumber()).isEqualTo(first.phoneNumber());
        assertThat(again.attempt()).isEqualTo(2);
    }

    @Test
    void leavingRunningReturnsEveryUndialledSessionSoNoneCanBeHandedOverAfter() {
        Campaign campaign = running(create(ORG, 4, null, phones(6)));
        List<CallSession> calls = claim(campaign, 4, T0).calls();
        handOver(calls.get(0));

        Campaign paused = store.updateCampaign(ORG, campaign.id(),
                c -> CampaignChange.none(c).toStatus(CampaignStatus.PAUSED, null, T0.plusSeconds(1)));
        HandOverResult after = store.handOver(new HandOverRequest(
                calls.stream().map(CallSession::sessionId).toList(), T0.plusSeconds(2), null));

        assertThat(paused.progress()).isEqualTo(CampaignProgress.of(CampaignStatus.PAUSED, 5, 1, 0, 0, 0, 0));
        assertThat(after.handedOver()).isEmpty();
        assertThat(store.findSession(calls.get(1).sessionId())).isEmpty();
        assertThat(store.findSession(calls.get(0).sessionId())).isPresent();
        store.updateCampaign(ORG, campaign.id(), c -> CampaignChange.none(c).toStatus(CampaignStatus.RUNNING, null, T0.plusSeconds(3)));
        assertThat(claim(campaign, 4, T0.plusSeconds(3)).calls()).extracting(CallSession::phoneNumber)
                .containsExactlyElementsOf(phones(6).subList(1, 4));
    }

    @Test
    void aPauseAfterRepeatedFailuresReturnsTheUndialledSessionsToo() {
        Campaign campaign = running(create(ORG, 3, null, phones(5)));
        List<CallSession> calls = claim(campaign, 3, T0).calls();
        handOver(calls.get(0));

        RecordResult paused = record(calls.get(0), CallOutcome.FAILED, T0.plusSeconds(1), 1);

        assertThat(paused.campaign().status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(paused.campaign().progress()).isEqualTo(
                CampaignProgress.of(CampaignStatus.PAUSED, 4, 0, 0, 0, 1, 0));
        assertThat(store.findSession(calls.get(1).sessionId())).isEmpty();
    }

    @Test
    void anExpiredSessionNeverHandedOverIsReturnedNotFailed() {
        Campaign campaign = running(create(ORG, 2, null, phones(2)));
        List<CallSession> calls = claim(campaign, 2, T0).calls();           // lease until T0 + 2 min
        handOver(calls.get(1));

        assertThat(store.recoverExpiredSessions(T0.plusSeconds(121), 100)).isEqualTo(2);

        assertThat(store.findSession(calls.get(0).sessionId())).isEmpty();
        assertThat(store.findSession(calls.get(1).sessionId()).orElseThrow().outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(progress(campaign)).isEqualTo(CampaignProgress.of(CampaignStatus.RUNNING, 1, 0, 0, 0, 1, 0));
        assertThat(claim(campaign, 2, T0.plusSeconds(122)).calls()).extracting(CallSession::phoneNumber)
                .containsExactly(phones(2).get(0));
    }

    @Test
    void anOutcomeRecordedAsLostTakesOneLateReport() {
        Campaign campaign = running(create(ORG, 1, new RetryConfig(true, 3, 60, true, true, true), phones(1)));
        CallSession call = claim(campaign, 1, T0).calls().get(0);
        handOver(call);

        RecordResult timedOut = store.recordOutcome(new OutcomeReport(call.sessionId(),
                CallResult.failed("dial timed out"), T0.plusSeconds(30), PLANNER, 0, true));
        RecordResult late = record(call, CallOutcome.COMPLETED, T0.plusSeconds(90));

        assertThat(timedOut.kind()).isEqualTo(RecordResult.Kind.RECORDED);
        assertThat(timedOut.session().failureReason()).isEqualTo("dial timed out");
        assertThat(late.kind()).isEqualTo(RecordResult.Kind.LATE);
        assertThat(progress(campaign)).isEqualTo(CampaignProgress.of(CampaignStatus.COMPLETED, 0, 0, 0, 1, 0, 1));
        assertThat(record(call, CallOutcome.BUSY, T0.plusSeconds(95)).kind()).isEqualTo(RecordResult.Kind.DUPLICATE);
    }

    @Test
    void pacedHandoversAreOnePerIntervalAcrossNodes() {
        Campaign a = running(create(ORG, 4, null, phones(4)));
        Campaign b = running(create(ORG, 4, null, phones(4, 100)));
        DialPacing pacing = new DialPacing(ORG, null, Duration.ofMillis(500));
        List<String> fromA = claim(a, 4, T0).calls().stream().map(CallSession::sessionId).toList();
        List<String> fromB = store.claim(new ClaimRequest(b.id(), "node-2", T0, T0.plusSeconds(120), 4,
                Integer.MAX_VALUE, NUMBERS)).calls().stream().map(CallSession::sessionId).toList();

        HandOverResult first = store.handOver(new HandOverRequest(fromA, T0, pacing));
        HandOverResult tooSoon = store.handOver(new HandOverRequest(fromB, T0.plusMillis(499), pacing));
        HandOverResult next = store.handOver(new HandOverRequest(fromB, T0.plusMillis(500), pacing));
        HandOverResult otherConfiguration = store.handOver(new HandOverRequest(fromB.subList(1, 2),
                T0.plusMillis(600), new DialPacing(ORG, 7L, Duration.ofSeconds(1))));
        HandOverResult otherOrganisation = store.handOver(new HandOverRequest(fromA.subList(1, 2),
                T0.plusMillis(600), new DialPacing("org-2", null, Duration.ofSeconds(1))));

        assertThat(first.handedOver()).containsExactly(fromA.get(0));
        assertThat(first.pacedUntil()).isEqualTo(T0.plusMillis(500));
        assertThat(tooSoon.handedOver()).isEmpty();
        assertThat(tooSoon.pacedUntil()).isEqualTo(T0.plusMillis(500));
        assertThat(next.handedOver()).containsExactly(fromB.get(0));
        assertThat(otherConfiguration.handedOver()).containsExactly(fromB.get(1));
        assertThat(otherOrganisation.handedOver()).containsExactly(fromA.get(1));
    }

    @Test
    void sharedCallerNumbersCarryUpToTheirLimitLeastUsedFirst() {
        Campaign campaign = running(create(ORG, 10, null, phones(8)));
        List<String> two = NUMBERS.subList(0, 2);

        List<CallSession> calls = store.claim(new ClaimRequest(campaign.id(), "node-1", T0, T0.plusSeconds(120), 3,
                Integer.MAX_VALUE, two, 2)).calls();
        List<CallSession> more = store.claim(new ClaimRequest(campaign.id(), "node-1", T0, T0.plusSeconds(120), 5,
                Integer.MAX_VALUE, two, 2)).calls();

        assertThat(calls).hasSize(3);
        Map<String, Integer> uses = new java.util.HashMap<>();
        for (CallSession call : calls) {
            uses.merge(call.callerNumber(), 1, Integer::sum);
        }
        assertThat(uses).containsOnlyKeys(two).allSatisfy((n, count) -> assertThat(count).isBetween(1, 2));
        assertThat(more).singleElement();
        record(calls.get(0), CallOutcome.COMPLETED, T0.plusSeconds(5));
        assertThat(store.claim(new ClaimRequest(campaign.id(), "node-1", T0, T0.plusSeconds(120), 5,
                Integer.MAX_VALUE, two, 2)).calls()).singleElement().extracting(CallSession::callerNumber)
                .isEqualTo(calls.get(0).callerNumber());
    }

    // ---------------------------------------------------------------- queries

    @Test
    void runsAreFilteredSortedAndPaged() {
        RetryConfig retry = new RetryConfig(true, 2, 10, true, true, true);
        Campaign campaign = running(create(ORG, 10, retry, phones(5)));
        List<CallSession> first = claim(campaign, 10, T0).calls();
        for (int i = 0; i < first.size(); i++) {
            record(first.get(i), i % 2 == 0 ? CallOutcome.BUSY : CallOutcome.COMPLETED, T0.plusSeconds(5 + i));
        }
        List<CallSession> retries = claim(campaign, 10, T0.plusSeconds(100)).calls();

        Page<CallSession> busy = store.sessions(campaign.id(), query(new SessionQuery.Filter(CallOutcome.BUSY, null,
                null, null, null, null), SessionQuery.Sort.PHONE_NUMBER, false, 1, 2));
        assertThat(busy.total()).isEqualTo(3);
        assertThat(busy.items()).extracting(CallSession::phoneNumber)
                .containsExactly(phones(5).get(0), phones(5).get(2));

        Page<CallSession> newestFirst = store.sessions(campaign.id(), query(SessionQuery.Filter.none(),
                SessionQuery.Sort.STARTED_AT, true, 1, 50));
        assertThat(newestFirst.total()).isEqualTo(8);
        assertThat(newestFirst.items().subList(0, 3)).extracting(CallSession::attempt).containsOnly(2);

        Page<CallSession> secondAttempts = store.sessions(campaign.id(), query(new SessionQuery.Filter(null, null, 2,
                null, null, null), SessionQuery.Sort.STARTED_AT, false, 1, 50));
        assertThat(secondAttempts.items()).extracting(CallSession::sessionId)
                .containsExactlyElementsOf(retries.stream().map(CallSession::sessionId).toList());

        Page<CallSession> answeredOnOne = store.sessions(campaign.id(), query(new SessionQuery.Filter(null,
                phones(5).get(1), null, true, T0, T0.plusSeconds(1)), SessionQuery.Sort.DURATION_SECONDS, true, 1, 50));
        assertThat(answeredOnOne.items()).singleElement().extracting(CallSession::sessionId)
                .isEqualTo(first.get(1).sessionId());

        Page<CallSession> beyond = store.sessions(campaign.id(), query(SessionQuery.Filter.none(),
                SessionQuery.Sort.ENDED_AT, false, 3, 5));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(8);
    }

    @Test
    void everySortFieldOrdersTheSessionsAndBreaksTiesByCreation() {
        Campaign campaign = running(create(ORG, 10, null, phones(4)));
        List<CallSession> calls = claim(campaign, 10, T0).calls();
        record(calls.get(0), CallOutcome.VOICEMAIL, T0.plusSeconds(40));
        record(calls.get(1), CallOutcome.BUSY, T0.plusSeconds(10));
        record(calls.get(2), CallOutcome.COMPLETED, T0.plusSeconds(30));

        for (SessionQuery.Sort sort : SessionQuery.Sort.values()) {
            List<CallSession> ascending = store.sessions(campaign.id(), query(SessionQuery.Filter.none(), sort, false,
                    1, 50)).items();
            List<CallSession> descending = store.sessions(campaign.id(), query(SessionQuery.Filter.none(), sort, true,
                    1, 50)).items();
            assertThat(ascending).as("sorted by %s", sort).hasSize(4);
            List<CallSession> reversed = new ArrayList<>(descending);
            Collections.reverse(reversed);
            assertThat(reversed).as("descending by %s is ascending reversed", sort)
                    .extracting(CallSession::sessionId)
                    .containsExactlyElementsOf(ascending.stream().map(CallSession::sessionId).toList());
        }
        List<CallSession> byEnd = store.sessions(campaign.id(), query(SessionQuery.Filter.none(),
                SessionQuery.Sort.DURATION_SECONDS, false, 1, 50)).items();
        assertThat(byEnd.subList(byEnd.size() - 3, byEnd.size())).extracting(CallSession::durationSeconds)
                .containsExactly(10L, 30L, 40L);
    }

    @Test
    void theReportStreamsEndedSessionsInTheStartRangeOldestFirst() {
        Campaign campaign = running(create(ORG, 1, null, phones(3)));
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CallSession call = claim(campaign, 1, T0.plusSeconds(100L * i)).calls().get(0);
            order.add(call.sessionId());
            if (i < 2) {
                record(call, CallOutcome.COMPLETED, T0.plusSeconds(100L * i + 50));
            }
        }

        List<String> all = new ArrayList<>();
        store.forEachEndedSession(campaign.id(), null, null, s -> all.add(s.sessionId()));
        List<String> fromSecond = new ArrayList<>();
        store.forEachEndedSession(campaign.id(), T0.plusSeconds(100), T0.plusSeconds(300),
                s -> fromSecond.add(s.sessionId()));
        List<String> beforeSecond = new ArrayList<>();
        store.forEachEndedSession(campaign.id(), null, T0.plusSeconds(100), s -> beforeSecond.add(s.sessionId()));

        assertThat(all).containsExactly(order.get(0), order.get(1));
        assertThat(fromSecond).containsExactly(order.get(1));
        assertThat(beforeSecond).containsExactly(order.get(0));
    }

    @Test
    void redialCandidatesAreTheContactsNeverReachedWhoseLastOutcomeWasAsked() {
        RetryConfig retry = new RetryConfig(true, 1, 10, true, true, true);
        Campaign campaign = running(create(ORG, 10, retry, phones(5)));
        List<CallSession> first = claim(campaign, 10, T0).calls();
        record(first.get(0), CallOutcome.BUSY, T0.plusSeconds(1));          // retried, then completed
        record(first.get(1), CallOutcome.BUSY, T0.plusSeconds(1));          // retried, then no answer
        record(first.get(2), CallOutcome.VOICEMAIL, T0.plusSeconds(1));     // retried, then busy
        record(first.get(3), CallOutcome.INVALID_NUMBER, T0.plusSeconds(1));
        record(first.get(4), CallOutcome.FAILED, T0.plusSeconds(1));
        Map<String, CallOutcome> second = Map.of(phones(5).get(0), CallOutcome.COMPLETED,
                phones(5).get(1), CallOutcome.NO_ANSWER, phones(5).get(2), CallOutcome.BUSY);
        for (CallSession call : claim(campaign, 10, T0.plusSeconds(60)).calls()) {
            record(call, second.get(call.phoneNumber()), T0.plusSeconds(70));
        }

        List<StoredContact> candidates = new ArrayList<>();
        store.forEachRedialContact(campaign.id(), EnumSet.of(CallOutcome.NO_ANSWER, CallOutcome.BUSY), candidates::add);

        assertThat(candidates).extracting(StoredContact::phoneNumber)
                .containsExactly(phones(5).get(1), phones(5).get(2));
        assertThat(candidates.get(0).values()).containsExactly("contact 1");
        assertThat(candidates).extracting(StoredContact::lastOutcome)
                .containsExactly(CallOutcome.NO_ANSWER, CallOutcome.BUSY);
    }

    // ---------------------------------------------------------------- contact rules: suppression

    @Test
    void suppressionsAreAddedOnceKeepTheirFirstReasonAndArePerOrganisation() {
        Instant later = T0.plusSeconds(60);

        int first = store.addSuppressions(ORG, List.of(suppression("+14155550003", "asked by letter", T0),
                suppression("+14155550001", "complaint", T0), suppression("+14155550002", null, T0)));
        int second = store.addSuppressions(ORG, List.of(suppression("+14155550001", "second reason", later),
                suppression("+14155550004", "new", later)));
        store.addSuppressions("org-2", List.of(suppression("+14155550009", "other organisation", T0)));

        assertThat(first).isEqualTo(3);
        assertThat(second).as("only the number not on the list before is new").isEqualTo(1);
        assertThat(store.findSuppression(ORG, "+14155550001"))
                .contains(suppression("+14155550001", "complaint", T0));
        assertThat(store.findSuppression(ORG, "+14155550002").orElseThrow().reason()).isEqualTo("suppressed");
        assertThat(store.findSuppression(ORG, "+14155550009")).isEmpty();
        assertThat(store.findSuppression("org-2", "+14155550001")).isEmpty();
        Page<Suppression> page = store.suppressions(ORG, new PageRequest(2, 2));
        assertThat(page.total()).isEqualTo(4);
        assertThat(page.items()).extracting(Suppression::phoneNumber).containsExactly("+14155550003", "+14155550004");
        assertThat(store.suppressions("org-2", PageRequest.first()).items()).extracting(Suppression::phoneNumber)
                .containsExactly("+14155550009");

        assertThat(store.removeSuppression(ORG, "+14155550001")).isTrue();
        assertThat(store.removeSuppression(ORG, "+14155550001")).isFalse();
        assertThat(store.removeSuppression(ORG, "+14155550009")).as("another organisation's number").isFalse();
        assertThat(store.findSuppression(ORG, "+14155550001")).isEmpty();
        assertThat(store.findSuppression("org-2", "+14155550009")).isPresent();
        assertThat(store.suppressions(ORG, PageRequest.first()).total()).isEqualTo(3);
    }

    @Test
    void aSuppressedNumberIsSkippedWithItsReasonAndTheCampaignCompletesWhenOnlySkippedRemain() {
        List<String> numbers = phones(3);
        Campaign campaign = running(create(ORG, 10, null, numbers));
        store.addSuppressions(ORG, List.of(suppression(numbers.get(1), "do not call", T0)));

        ClaimResult claimed = claim(campaign, 10, T0, SUPPRESSION);

        assertThat(claimed.calls()).extracting(CallSession::phoneNumber)
                .containsExactly(numbers.get(0), numbers.get(2));
        assertThat(claimed.setAside()).isEqualTo(1);
        assertThat(claimed.campaign().progress()).isEqualTo(CampaignProgress.of(CampaignStatus.RUNNING,
                0, 2, 0, 0, 0, 1, 0));
        assertPartition(campaign);
        assertThat(skipped(campaign)).containsExactly(new SkippedContact(2, numbers.get(1), "suppressed: do not call",
                List.of("contact 1")));
        assertThat(claimed.skipped()).as("the claim says whom it skipped").isEqualTo(skipped(campaign));
        claimed.calls().forEach(c -> record(c, CallOutcome.COMPLETED, T0.plusSeconds(30)));
        assertThat(claim(campaign, 10, T0.plusSeconds(31), SUPPRESSION).campaign().status())
                .isEqualTo(CampaignStatus.COMPLETED);
        assertThat(progress(campaign)).isEqualTo(CampaignProgress.of(CampaignStatus.COMPLETED, 0, 0, 0, 2, 0, 1, 2));
        assertThat(progress(campaign).dialled()).isEqualTo(2);
    }

    @Test
    void aCampaignWhoseEveryNumberIsSuppressedCompletesWithoutACall() {
        List<String> numbers = phones(2);
        Campaign campaign = running(create(ORG, 10, null, numbers));
        store.addSuppressions(ORG, numbers.stream().map(n -> suppression(n, "opted out", T0)).toList());

        ClaimResult first = claim(campaign, 10, T0, SUPPRESSION);
        ClaimResult second = claim(campaign, 10, T0.plusSeconds(1), SUPPRESSION);

        assertThat(first.calls()).isEmpty();
        assertThat(first.setAside()).isEqualTo(2);
        assertThat(second.calls()).isEmpty();
        assertThat(second.campaign().status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(progress(campaign)).isEqualTo(CampaignProgress.of(CampaignStatus.COMPLETED, 0, 0, 0, 0, 0, 2, 0));
    }

    @Test
    void aClaimThatDoesNotRespectSuppressionDialsASuppressedNumber() {
        List<String> numbers = phones(2);
        Campaign campaign = running(create(ORG, 10, null, numbers));
        store.addSuppressions(ORG, List.of(suppression(numbers.get(0), "do not call", T0)));

        ClaimResult claimed = claim(campaign, 10, T0, new ClaimRules(List.of(), List.of(), false));

        assertThat(claimed.calls()).extracting(CallSession::phoneNumber).containsExactlyElementsOf(numbers);
        assertThat(claimed.setAside()).isZero();
        assertThat(skipped(campaign)).isEmpty();
    }

    @Test
    void aNumberSuppressedAfterItsClaimIsRefusedAtTheHandoverAndSkippedByTheNextClaim() {
        List<String> numbers = phones(3);
        Campaign campaign = running(create(ORG, 10, null, numbers));
        List<String> ids = claim(campaign, 3, T0, SUPPRESSION).calls().stream().map(CallSession::sessionId).toList();
        store.addSuppressions(ORG, List.of(suppression(numbers.get(1), "opted out", T0.plusSeconds(1))));

        HandOverResult result = store.handOver(new HandOverRequest(ids, T0.plusSeconds(2), null, true));

        assertThat(result.handedOver()).containsExactly(ids.get(0), ids.get(2));
        assertThat(result.refused()).containsExactly(ids.get(1));
        assertThat(store.findSession(ids.get(1)).orElseThrow().inProgress()).as("refused, still claimed").isTrue();
        assertThat(store.returnUndialled(result.refused())).isEqualTo(1);
        ClaimResult next = claim(campaign, 10, T0.plusSeconds(3), SUPPRESSION);
        assertThat(next.calls()).isEmpty();
        assertThat(skipped(campaign)).containsExactly(new SkippedContact(2, numbers.get(1), "suppressed: opted out",
                List.of("contact 1")));
        assertThat(progress(campaign)).isEqualTo(CampaignProgress.of(CampaignStatus.RUNNING, 0, 2, 0, 0, 0, 1, 0));
        assertPartition(campaign);
    }

    @Test
    void aHandoverThatDoesNotRespectSuppressionHandsOverASuppressedNumber() {
        List<String> numbers = phones(2);
        Campaign campaign = running(create(ORG, 10, null, numbers));
        List<String> ids = claim(campaign, 2, T0, new ClaimRules(List.of(), List.of(), false)).calls().stream()
                .map(CallSession::sessionId).toList();
        store.addSuppressions(ORG, List.of(suppression(numbers.get(0), "opted out", T0.plusSeconds(1))));
        store.addSuppressions("org-2", List.of(suppression(numbers.get(1), "another organisation's", T0)));

        HandOverResult result = store.handOver(new HandOverRequest(ids.subList(0, 1), T0.plusSeconds(2), null,
                false));
        HandOverResult other = store.handOver(new HandOverRequest(ids.subList(1, 2), T0.plusSeconds(2), null, true));

        assertThat(result.handedOver()).containsExactly(ids.get(0));
        assertThat(result.refused()).isEmpty();
        assertThat(other.handedOver()).as("suppressed by another organisation only").containsExactly(ids.get(1));
    }

    @Test
    void aNumberSuppressedMidCampaignIsNeverDialledByALaterClaimNotEvenForItsRetry() {
        RetryConfig retry = new RetryConfig(true, 3, 60, true, true, true);
        List<String> numbers = phones(4);
        Campaign campaign = running(create(ORG, 10, retry, numbers));
        CallSession first = claim(campaign, 1, T0, SUPPRESSION).calls().get(0);
        record(first, CallOutcome.BUSY, T0.plusSeconds(10));                  // due at +70

        store.addSuppressions(ORG, List.of(suppression(numbers.get(0), "asked by email", T0.plusSeconds(20)),
                suppression(numbers.get(1), "asked by email", T0.plusSeconds(20))));
        ClaimResult later = claim(campaign, 10, T0.plusSeconds(80), SUPPRESSION);

        assertThat(later.calls()).extracting(CallSession::phoneNumber).containsExactly(numbers.get(2), numbers.get(3));
        assertThat(later.setAside()).isEqualTo(2);
        assertThat(later.nextRetryAt()).isNull();
        assertThat(progress(campaign)).isEqualTo(CampaignProgress.of(CampaignStatus.RUNNING, 0, 2, 0, 0, 0, 2, 0));
        assertThat(skipped(campaign)).extracting(SkippedContact::seq).containsExactly(1L, 2L);
        assertPartition(campaign);
    }

    @Test
    void anOptedOutOutcomeSuppressesTheNumberInTheSameOperation() {
        List<String> numbers = phones(3);
        Campaign campaign = running(create(ORG, 10, null, numbers));
        List<CallSession> calls = claim(campaign, 3, T0).calls();
        calls.forEach(this::handOver);

        RecordResult optedOut = store.recordOutcome(new OutcomeReport(calls.get(0).sessionId(),
                CallResult.of(CallOutcome.COMPLETED).withOptOut(), T0.plusSeconds(30), PLANNER, 0));
        store.recordOutcomes(List.of(new OutcomeReport(calls.get(1).sessionId(),
                        CallResult.of(CallOutcome.COMPLETED).withOptOut(), T0.plusSeconds(40), PLANNER, 0),
                report(calls.get(2).sessionId(), CallOutcome.COMPLETED, T0.plusSeconds(40))));

        assertThat(optedOut.kind()).isEqualTo(RecordResult.Kind.RECORDED);
        Suppression added = store.findSuppression(ORG, numbers.get(0)).orElseThrow();
        assertThat(added.reason()).contains("opted out").contains(calls.get(0).sessionId());
        assertThat(added.createdAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(store.findSuppression(ORG, numbers.get(1))).as("opted out in a group of outcomes").isPresent();
        assertThat(store.findSuppression(ORG, numbers.get(2))).isEmpty();
        assertThat(store.findSuppression("org-2", numbers.get(0))).isEmpty();
        assertThat(progress(campaign).completed()).as("an opt-out is recorded as its outcome").isEqualTo(3);
    }

    @Test
    void anOptOutReportedLateStillSuppressesTheNumberAndKeepsAnEarlierEntry() {
        List<String> numbers = phones(2);
        Campaign campaign = running(create(ORG, 10, null, numbers));
        List<CallSession> calls = claim(campaign, 2, T0).calls();           // leases until T0 + 2 min
        calls.forEach(this::handOver);
        store.addSuppressions(ORG, List.of(suppression(numbers.get(1), "listed before", T0)));
        assertThat(store.recoverExpiredSessions(T0.plusSeconds(121), 100)).isEqualTo(2);

        RecordResult late = store.recordOutcome(new OutcomeReport(calls.get(0).sessionId(),
                CallResult.of(CallOutcome.COMPLETED).withOptOut(), T0.plusSeconds(200), PLANNER, 0));
        store.recordOutcomes(List.of(new OutcomeReport(calls.get(1).sessionId(),
                CallResult.of(CallOutcome.COMPLETED).withOptOut(), T0.plusSeconds(200), PLANNER, 0)));

        assertThat(late.kind()).isEqualTo(RecordResult.Kind.LATE);
        assertThat(store.findSuppression(ORG, numbers.get(0))).isPresent();
        assertThat(store.findSuppression(ORG, numbers.get(1)))
                .contains(suppression(numbers.get(1), "listed before", T0));
        assertThat(store.suppressions(ORG, PageRequest.first()).total()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- contact rules: zones

    @Test
    void aClosedZonesContactsWaitWhileTheOpenZonesAreClaimedInFileOrder() {
        List<String> numbers = phones(6);
        Campaign campaign = running(createZoned(ORG, numbers, new int[] {0, 1, 0, 1, 2, 0}, ContactRules.DEFAULT));
        Instant opens = T0.plus(Duration.ofHours(3));
        ClaimRules zoneOneClosed = new ClaimRules(List.of(ClaimRules.ZoneRule.OPEN,
                ClaimRules.ZoneRule.closedUntil(opens, List.of(), "09:00-21:00 America/Los_Angeles")),
                List.of(), true);

        ClaimResult open = claim(campaign, 10, T0, zoneOneClosed);
        ClaimResult again = claim(campaign, 10, T0.plusSeconds(60), zoneOneClosed);

        assertThat(open.calls()).extracting(CallSession::phoneNumber)
                .containsExactly(numbers.get(0), numbers.get(2), numbers.get(4), numbers.get(5));
        assertThat(open.setAside()).isZero();
        assertThat(again.calls()).isEmpty();
        assertThat(progress(campaign)).isEqualTo(CampaignProgress.of(CampaignStatus.RUNNING, 2, 4, 0, 0, 0, 0, 0));
        ClaimResult opened = claim(campaign, 10, opens, SUPPRESSION);
        assertThat(opened.calls()).extracting(CallSession::phoneNumber)
                .containsExactly(numbers.get(1), numbers.get(3));
        assertPartition(campaign);
    }

    @Test
    void aZonesContactsAreClaimedInFileOrderAcrossClaimsWhileAnotherZoneIsClosed() {
        List<String> numbers = phones(6);
        Campaign campaign = running(createZoned(ORG, numbers, new int[] {1, 0, 1, 0, 1, 0}, ContactRules.DEFAULT));
        ClaimRules zoneOneClosed = new ClaimRules(List.of(ClaimRules.ZoneRule.OPEN,
                ClaimRules.ZoneRule.closedUntil(T0.plusSeconds(3600), List.of(), null)), List.of(), false);
        ClaimRules zeroClosed = new ClaimRules(List.of(
                ClaimRules.ZoneRule.closedUntil(T0.plusSeconds(3600), List.of(), null)), List.of(), false);

        List<String> order = new ArrayList<>();
        for (ClaimRules rules : List.of(zoneOneClosed, zeroClosed, zoneOneClosed, zeroClosed, ClaimRules.NONE)) {
            claim(campaign, 1, T0, rules).calls().forEach(c -> {
                order.add(c.phoneNumber());
                record(c, CallOutcome.COMPLETED, T0);
            });
        }

        assertThat(order).containsExactly(numbers.get(1), numbers.get(0), numbers.get(3), numbers.get(2),
                numbers.get(4));
    }

    @Test
    void aContactReturnedAfterItsZoneRanOutIsClaimedAgainWhileAnotherZoneIsClosed() {
        List<String> numbers = phones(4);
        Campaign campaign = running(createZoned(ORG, numbers, new int[] {0, 1, 0, 1}, ContactRules.DEFAULT));
        ClaimRules zoneOneClosed = new ClaimRules(List.of(ClaimRules.ZoneRule.OPEN,
                ClaimRules.ZoneRule.closedUntil(T0.plusSeconds(3600), List.of(), null)), List.of(), false);

        List<CallSession> first = claim(campaign, 10, T0, zoneOneClosed).calls();
        assertThat(first).extracting(CallSession::phoneNumber).containsExactly(numbers.get(0), numbers.get(2));
        assertThat(claim(campaign, 10, T0.plusSeconds(1), zoneOneClosed).calls()).as("zone 0 has nothing left")
                .isEmpty();
        assertThat(store.returnUndialled(List.of(first.get(1).sessionId()))).isEqualTo(1);

        assertThat(claim(campaign, 10, T0.plusSeconds(2), zoneOneClosed).calls())
                .extracting(CallSession::phoneNumber).containsExactly(numbers.get(2));
        assertThat(claim(campaign, 10, T0.plusSeconds(3), ClaimRules.NONE).calls())
                .extracting(CallSession::phoneNumber).containsExactly(numbers.get(1), numbers.get(3));
        assertPartition(campaign);
    }

    @Test
    void aSkippedZonesContactsAreFinalWithTheZonesReasonAndStreamInFileOrder() {
        List<String> numbers = phones(5);
        Campaign campaign = running(createZoned(ORG, numbers, new int[] {0, 1, 0, 1, 0}, ContactRules.DEFAULT));
        store.addSuppressions(ORG, List.of(suppression(numbers.get(2), "complaint", T0)));
        ClaimRules zoneOneUnknown = new ClaimRules(List.of(ClaimRules.ZoneRule.OPEN,
                ClaimRules.ZoneRule.skipped("local time unknown under us")), List.of(), true);

        ClaimResult claimed = claim(campaign, 10, T0, zoneOneUnknown);

        assertThat(claimed.calls()).extracting(CallSession::phoneNumber).containsExactly(numbers.get(0), numbers.get(4));
        assertThat(claimed.setAside()).isEqualTo(3);
        assertThat(skipped(campaign)).containsExactly(
                new SkippedContact(2, numbers.get(1), "local time unknown under us", List.of("contact 1")),
                new SkippedContact(3, numbers.get(2), "suppressed: complaint", List.of("contact 2")),
                new SkippedContact(4, numbers.get(3), "local time unknown under us", List.of("contact 3")));
        assertThat(progress(campaign)).isEqualTo(CampaignProgress.of(CampaignStatus.RUNNING, 0, 2, 0, 0, 0, 3, 0));
    }

    @Test
    void setAsideCandidatesAreBoundedByTheClaimsBatchSoMoreMayBeDue() {
        List<String> numbers = phones(6);
        Campaign campaign = running(create(ORG, 10, null, numbers));
        store.addSuppressions(ORG, numbers.subList(0, 4).stream().map(n -> suppression(n, "dnc", T0)).toList());

        ClaimResult first = claim(campaign, 2, T0, SUPPRESSION);
        ClaimResult second = claim(campaign, 2, T0, SUPPRESSION);
        ClaimResult third = claim(campaign, 2, T0, SUPPRESSION);

        assertThat(first.calls().size() + first.setAside()).isLessThanOrEqualTo(2);
        assertThat(first.setAside()).isPositive();
        List<String> called = new ArrayList<>();
        for (ClaimResult r : List.of(first, second, third)) {
            r.calls().forEach(c -> called.add(c.phoneNumber()));
        }
        assertThat(called).containsExactly(numbers.get(4), numbers.get(5));
        assertThat(progress(campaign).skipped()).isEqualTo(4);
    }

    @Test
    void aDueRetryInAClosedZoneWaitsForTheZonesOpening() {
        RetryConfig retry = new RetryConfig(true, 3, 60, true, true, true);
        List<String> numbers = phones(2);
        Campaign campaign = running(createZoned(ORG, numbers, new int[] {1, 0}, ContactRules.DEFAULT, retry));
        CallSession first = claim(campaign, 1, T0).calls().get(0);
        record(first, CallOutcome.BUSY, T0.plusSeconds(10));                 // due at +70
        Instant opens = T0.plus(Duration.ofHours(2));
        ClaimRules zoneOneClosed = new ClaimRules(List.of(ClaimRules.ZoneRule.OPEN,
                ClaimRules.ZoneRule.closedUntil(opens, List.of(), null)), List.of(), true);

        ClaimResult closed = claim(campaign, 10, T0.plusSeconds(90), zoneOneClosed);

        assertThat(closed.calls()).extracting(CallSession::phoneNumber).containsExactly(numbers.get(1));
        assertThat(closed.nextRetryAt()).isEqualTo(opens);
        assertThat(progress(campaign)).isEqualTo(CampaignProgress.of(CampaignStatus.RUNNING, 0, 1, 1, 0, 0, 0, 0));
        assertThat(claim(campaign, 10, opens.minusSeconds(1), SUPPRESSION).calls())
                .as("the retry was moved to the zone's opening, whatever the next claim's rules").isEmpty();
        CallSession retried = claim(campaign, 10, opens, SUPPRESSION).calls().get(0);
        assertThat(retried.phoneNumber()).isEqualTo(numbers.get(0));
        assertThat(retried.attempt()).isEqualTo(2);
    }

    @Test
    void waitingContactsAreCountedByWhyTheyWait() {
        RetryConfig retry = new RetryConfig(true, 3, 60, true, true, true);
        List<String> numbers = phones(5);
        Campaign campaign = running(createZoned(ORG, numbers, new int[] {1, 0, 1, 0, 0}, ContactRules.DEFAULT, retry));
        Instant opens = T0.plus(Duration.ofHours(2));
        ClaimRules zoneOneClosed = new ClaimRules(List.of(ClaimRules.ZoneRule.OPEN,
                ClaimRules.ZoneRule.closedUntil(opens, List.of(), null)), List.of(new AttemptLimit(1, 24)), true);
        // Another campaign dialled numbers 3 and 4 already: both wait for the limit here.
        Campaign other = running(create(ORG, 10, null, List.of(numbers.get(3), numbers.get(4))));
        assertThat(claim(other, 10, T0.minusSeconds(60)).calls()).hasSize(2);

        ClaimResult claimed = claim(campaign, 10, T0, zoneOneClosed);

        assertThat(claimed.calls()).extracting(CallSession::phoneNumber).containsExactly(numbers.get(1));
        assertThat(store.countWaiting(campaign.id(), Set.of(1)))
                .isEqualTo(new WaitingContacts(2, 2, null));
        assertThat(store.countWaiting(campaign.id(), Set.of())).as("zone 1 open again")
                .isEqualTo(new WaitingContacts(0, 2, null));
        assertThat(store.countWaiting(other.id(), Set.of(1))).isEqualTo(new WaitingContacts(0, 0, null));
    }

    @Test
    void contactRulesAndZonesAreKeptWithTheCampaignAndRulesCanBeChanged() {
        ContactRules rules = ContactRules.of(Jurisdiction.US).withTimezoneColumn("tz")
                .withAttemptLimits(new AttemptLimit(3, 24), new AttemptLimit(5, 168)).withRespectSuppression(false);
        Campaign created = createZoned(ORG, phones(2), new int[] {0, 1}, rules);

        assertThat(created.contactRules()).isEqualTo(rules);
        assertThat(created.contactZones()).containsExactly(ZONE_KEYS.get(0), ZONE_KEYS.get(1));
        Campaign found = store.findCampaign(ORG, created.id()).orElseThrow();
        assertThat(found).isEqualTo(created);

        ContactRules changed = ContactRules.of(Jurisdiction.FR).withTimezoneColumn("tz");
        Campaign updated = store.updateCampaign(ORG, created.id(),
                c -> CampaignChange.none(c).toContactRules(changed, T0.plusSeconds(5)));

        assertThat(updated.contactRules()).isEqualTo(changed);
        assertThat(updated.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(store.findCampaign(ORG, created.id()).orElseThrow()).isEqualTo(updated);
        assertThat(store.listCampaigns(ORG, PageRequest.first()).items().get(0).contactRules()).isEqualTo(changed);
        assertThat(create(ORG, 1, null, phones(1)).contactRules()).isEqualTo(ContactRules.DEFAULT);
    }

    // ---------------------------------------------------------------- contact rules: attempt limits

    @Test
    void anAttemptLimitCountsTheOrganisationsDialsToANumberAcrossItsCampaigns() {
        List<String> numbers = phones(2);
        Campaign a = running(create(ORG, 10, null, numbers));
        Campaign b = running(create(ORG, 10, null, phones(1)));
        Campaign otherOrg = running(create("org-2", 10, null, phones(1)));
        ClaimRules onePerDay = new ClaimRules(List.of(), List.of(new AttemptLimit(1, 24)), true);
        handOver(claim(a, 1, T0, onePerDay).calls().get(0));

        ClaimResult held = claim(b, 10, T0.plus(Duration.ofHours(1)), onePerDay);

        assertThat(held.calls()).isEmpty();
        assertThat(held.setAside()).isEqualTo(1);
        assertThat(held.nextRetryAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(held.campaign().progress()).isEqualTo(
                CampaignProgress.of(CampaignStatus.RUNNING, 0, 0, 1, 0, 0, 0, 0));
        assertThat(claim(otherOrg, 10, T0.plus(Duration.ofHours(1)), onePerDay).calls())
                .as("another organisation's dials do not count").hasSize(1);
        assertThat(claim(a, 10, T0.plus(Duration.ofHours(1)), onePerDay).calls()).extracting(CallSession::phoneNumber)
                .as("another number is free").containsExactly(numbers.get(1));
        assertThat(claim(b, 10, T0.plus(Duration.ofHours(24)).minusSeconds(1), onePerDay).calls()).isEmpty();
        CallSession freed = claim(b, 10, T0.plus(Duration.ofHours(24)), onePerDay).calls().get(0);
        assertThat(freed.phoneNumber()).isEqualTo(numbers.get(0));
        assertThat(freed.attempt()).as("being held is not an attempt").isEqualTo(1);
        assertPartition(b);
    }

    @Test
    void aClaimReturnedUndialledIsNotADialForTheAttemptLimit() {
        Campaign a = running(create(ORG, 10, null, phones(1)));
        Campaign b = running(create(ORG, 10, null, phones(1)));
        ClaimRules onePerDay = new ClaimRules(List.of(), List.of(new AttemptLimit(1, 24)), true);
        CallSession returned = claim(a, 1, T0, onePerDay).calls().get(0);
        assertThat(store.returnUndialled(List.of(returned.sessionId()))).isEqualTo(1);

        ClaimResult claimed = claim(b, 10, T0.plusSeconds(10), onePerDay);

        assertThat(claimed.calls()).hasSize(1);
        assertThat(claimed.setAside()).isZero();
        assertThat(claim(a, 10, T0.plusSeconds(20), onePerDay).setAside())
                .as("now the number has had its one dial").isEqualTo(1);
    }

    @Test
    void aZonesAttemptLimitAppliesOnlyToThatZonesContacts() {
        List<String> numbers = phones(2);
        Campaign earlier = running(create(ORG, 10, null, numbers));
        claim(earlier, 10, T0).calls().forEach(c -> record(c, CallOutcome.NO_ANSWER, T0.plusSeconds(30)));
        Campaign campaign = running(createZoned(ORG, numbers, new int[] {0, 1}, ContactRules.DEFAULT));
        ClaimRules zoneOneLimited = new ClaimRules(List.of(ClaimRules.ZoneRule.OPEN,
                ClaimRules.ZoneRule.open(List.of(new AttemptLimit(1, 24)), "Florida")), List.of(), true);

        ClaimResult claimed = claim(campaign, 10, T0.plusSeconds(60), zoneOneLimited);

        assertThat(claimed.calls()).extracting(CallSession::phoneNumber).containsExactly(numbers.get(0));
        assertThat(claimed.setAside()).isEqualTo(1);
        assertThat(claimed.nextRetryAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(progress(campaign)).isEqualTo(CampaignProgress.of(CampaignStatus.RUNNING, 0, 1, 1, 0, 0, 0, 0));
    }

    /**
     * Threads claim from two campaigns of one organisation with the same numbers at once, under a limit of one dial
     * per number a day: however the claims interleave, each number is dialled once in all, and the other campaign's
     * contact for it waits.
     */
    @Test
    void concurrentClaimsNeverDialANumberOverItsAttemptLimit() throws Exception {
        int threads = 4;
        int contacts = 12;
        List<Campaign> campaigns = List.of(running(create(ORG, 4, null, phones(contacts))),
                running(create(ORG, 4, null, phones(contacts))));
        ClaimRules onePerDay = new ClaimRules(List.of(), List.of(new AttemptLimit(1, 24)), true);
        ConcurrentLinkedQueue<CallSession> dialled = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Random random = new Random(w);
            String node = "node-" + w;
            workers.add(pool.submit(() -> {
                go.await();
                for (int round = 0; round < 10_000 && !allWaitingOrDone(campaigns); round++) {
                    Campaign campaign = campaigns.get(random.nextInt(campaigns.size()));
                    List<CallSession> claimed = store.claim(new ClaimRequest(campaign.id(), node, T0,
                            T0.plus(Duration.ofHours(1)), 1 + random.nextInt(3), Integer.MAX_VALUE, NUMBERS, 10,
                            onePerDay)).calls();
                    for (CallSession call : claimed) {
                        dialled.add(call);
                        record(call, CallOutcome.NO_ANSWER, T0.plusSeconds(10));
                    }
                }
                return null;
            }));
        }
        go.countDown();
        try {
            for (Future<?> worker : workers) {
                worker.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, Long> perNumber = dialled.stream().collect(java.util.stream.Collectors.groupingBy(
                CallSession::phoneNumber, java.util.stream.Collectors.counting()));
        assertThat(perNumber).as("dials per number").hasSize(contacts).allSatisfy((number, count) ->
                assertThat(count).as("dials to %s", number).isEqualTo(1));
        long held = campaigns.stream().mapToLong(c -> progress(c).retryScheduled()).sum();
        assertThat(held).as("the other campaign's contact for each number waits").isEqualTo(contacts);
        campaigns.forEach(this::assertPartition);
    }

    private boolean allWaitingOrDone(List<Campaign> campaigns) {
        return campaigns.stream().map(this::progress).allMatch(p -> p.pending() == 0 && p.inProgress() == 0);
    }

    // ---------------------------------------------------------------- helpers

    /** Claim rules that only skip suppressed numbers: what a campaign's default contact rules ask. */
    private static final ClaimRules SUPPRESSION = new ClaimRules(List.of(), List.of(), true);
    /** The local-time facts of imports with zones, as the importer would resolve them. */
    private static final List<String> ZONE_KEYS = List.of("America/New_York", "America/Los_Angeles",
            "America/Chicago");

    private ClaimResult claim(Campaign campaign, int max, Instant now, ClaimRules rules) {
        return store.claim(new ClaimRequest(campaign.id(), "node-1", now, now.plus(Duration.ofMinutes(2)), max,
                Integer.MAX_VALUE, NUMBERS, 1, rules));
    }

    private static Suppression suppression(String number, String reason, Instant at) {
        return new Suppression(number, reason, at);
    }

    private List<SkippedContact> skipped(Campaign campaign) {
        List<SkippedContact> skipped = new ArrayList<>();
        store.forEachSkippedContact(campaign.id(), skipped::add);
        return skipped;
    }

    /** Every contact is in exactly one state: the counters add up to the contacts imported. */
    private void assertPartition(Campaign campaign) {
        CampaignProgress p = progress(campaign);
        assertThat(p.pending() + p.inProgress() + p.retryScheduled() + p.completed() + p.failed() + p.skipped())
                .as("pending + in_progress + retry_scheduled + completed + failed + skipped of %s", p)
                .isEqualTo(campaign.importSummary().accepted());
        assertThat(p.totalContacts()).isEqualTo(campaign.importSummary().accepted());
    }

    private Campaign createZoned(String org, List<String> numbers, int[] zones, ContactRules rules) {
        return createZoned(org, numbers, zones, rules, null);
    }

    /** A campaign whose contact {@code i} is in zone {@code zones[i]} of {@link #ZONE_KEYS}. */
    private Campaign createZoned(String org, List<String> numbers, int[] zones, ContactRules rules,
                                 RetryConfig retry) {
        NewCampaign campaign = new NewCampaign(org, "zoned campaign", 247, "contacts.csv", 10, null, retry, null,
                null, T0, rules);
        int zoneCount = java.util.Arrays.stream(zones).max().orElse(-1) + 1;
        return store.createCampaign(campaign, sink -> {
            List<ImportedContact> batch = new ArrayList<>();
            for (int i = 0; i < numbers.size(); i++) {
                batch.add(new ImportedContact(i + 1, numbers.get(i), List.of("contact " + i), zones[i]));
            }
            sink.accept(batch);
            return new ContactSource.ImportResult(List.of("name"),
                    new ImportSummary(numbers.size(), numbers.size(), 0, 0, List.of()),
                    ZONE_KEYS.subList(0, zoneCount));
        });
    }


    /** Counters equal what the sessions say: a recount per contact from its latest session. */
    private void assertRecount(Campaign campaign) {
        List<CallSession> all = store.sessions(campaign.id(), query(SessionQuery.Filter.none(),
                SessionQuery.Sort.STARTED_AT, false, 1, 500)).items();
        Map<String, CallSession> latest = new java.util.HashMap<>();
        Set<String> answered = new HashSet<>();
        for (CallSession s : all) {
            latest.merge(s.phoneNumber(), s, (a, b) -> a.attempt() >= b.attempt() ? a : b);
            if (s.answered()) {
                answered.add(s.phoneNumber());
            }
        }
        Map<CallSessionStatus, Integer> byStatus = new EnumMap<>(CallSessionStatus.class);
        latest.values().forEach(s -> byStatus.merge(s.status(), 1, Integer::sum));
        long reached = latest.values().stream().filter(s -> s.outcome() == CallOutcome.COMPLETED).count();
        CampaignProgress progress = progress(campaign);
        assertThat(progress.dialled()).isEqualTo(latest.size());
        assertThat(progress.inProgress()).isEqualTo(byStatus.getOrDefault(CallSessionStatus.IN_PROGRESS, 0).longValue());
        assertThat(progress.completed()).isEqualTo(reached);
        assertThat(progress.answered()).isEqualTo(answered.size());
        assertThat(progress.retryScheduled() + progress.failed() + progress.completed())
                .isEqualTo(byStatus.getOrDefault(CallSessionStatus.ENDED, 0).longValue());
    }

    // ---------------------------------------------------------------- activity over time

    @Test
    void activityCountsStartsAndEndsPerBucketAndWhatWasInFlightBeforeTheWindow() {
        Campaign campaign = running(create(ORG, 10, null, phones(6)));
        Campaign other = running(create(ORG, 10, null, phones(3, 100)));
        List<CallSession> early = claim(campaign, 2, T0).calls();            // before the window, in flight at its start
        CallSession endedBefore = claim(campaign, 1, T0.plusSeconds(10)).calls().get(0);
        record(endedBefore, CallOutcome.NO_ANSWER, T0.plusSeconds(30));      // before the window: not in flight
        List<CallSession> inWindow = claim(campaign, 2, T0.plusSeconds(65)).calls();
        claim(other, 3, T0.plusSeconds(70));                                 // another campaign: never counted
        record(early.get(0), CallOutcome.COMPLETED, T0.plusSeconds(60));     // at the window's start: bucket 0
        record(inWindow.get(0), CallOutcome.BUSY, T0.plusSeconds(119));      // bucket 0
        record(early.get(1), CallOutcome.VOICEMAIL, T0.plusSeconds(130));    // bucket 1
        CallSession atTheEnd = claim(campaign, 1, T0.plusSeconds(180)).calls().get(0);   // at "to": outside
        record(inWindow.get(1), CallOutcome.FAILED, T0.plusSeconds(180));    // at "to": outside

        SessionActivity activity = store.sessionActivity(campaign.id(), T0.plusSeconds(60), T0.plusSeconds(180),
                Duration.ofMinutes(1), 2);

        assertThat(activity.inFlightAtFrom()).isEqualTo(2);
        assertThat(activity.started()).containsExactly(2L, 0L);
        assertThat(activity.ended().get(0)).isEqualTo(Map.of(CallOutcome.COMPLETED, 1L, CallOutcome.BUSY, 1L));
        assertThat(activity.ended().get(1)).isEqualTo(Map.of(CallOutcome.VOICEMAIL, 1L));
        assertThat(activity.lastStartedAt()).isEqualTo(atTheEnd.startedAt());
        assertThat(activity.lastEndedAt()).isEqualTo(T0.plusSeconds(180));
        assertThat(activity).as("the SPI's default reads the same as the store's own")
                .isEqualTo(defaultActivity(campaign.id(), T0.plusSeconds(60), T0.plusSeconds(180),
                        Duration.ofMinutes(1), 2));
    }

    @Test
    void aShortLastBucketAndACampaignWithoutCallsAreCountedToo() {
        Campaign idle = create(ORG, 10, null, phones(2));
        SessionActivity none = store.sessionActivity(idle.id(), T0, T0.plusSeconds(90), Duration.ofMinutes(1), 2);
        assertThat(none).isEqualTo(new SessionActivity(0, List.of(0L, 0L), List.of(Map.of(), Map.of()), null, null));

        Campaign campaign = running(create(ORG, 10, null, phones(3)));
        claim(campaign, 1, T0.plusSeconds(89));                               // in the half-length last bucket
        SessionActivity activity = store.sessionActivity(campaign.id(), T0, T0.plusSeconds(90),
                Duration.ofMinutes(1), 2);
        assertThat(activity.started()).containsExactly(0L, 1L);
        assertThat(activity.inFlightAtFrom()).isZero();
    }

    /** The SPI's default method, run over this store's other operations. */
    private SessionActivity defaultActivity(long campaignId, Instant from, Instant to, Duration bucket, int buckets) {
        return spiDefault("sessionActivity", 5).sessionActivity(campaignId, from, to, bucket, buckets);
    }

    /** This store, but with the SPI's default of the method named, of that many parameters, in place of its own. */
    private CampaignStore spiDefault(String methodName, int parameters) {
        return (CampaignStore) java.lang.reflect.Proxy.newProxyInstance(
                CampaignStore.class.getClassLoader(), new Class<?>[]{CampaignStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals(methodName) && method.getParameterCount() == parameters) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static SessionQuery query(SessionQuery.Filter filter, SessionQuery.Sort sort, boolean desc, int page,
                                      int limit) {
        return new SessionQuery(filter, sort, desc, new PageRequest(page, limit));
    }

    private CampaignProgress progress(Campaign campaign) {
        return store.findCampaign(campaign.orgId(), campaign.id()).orElseThrow().progress();
    }

    private RecordResult record(CallSession call, CallOutcome outcome, Instant at) {
        return record(call, outcome, at, 0);
    }

    private RecordResult record(CallSession call, CallOutcome outcome, Instant at, int pauseAfter) {
        CallResult result = new CallResult(outcome, null, null, at, null, null, null,
                outcome == CallOutcome.FAILED ? "carrier error" : null);
        return store.recordOutcome(new OutcomeReport(call.sessionId(), result, at, PLANNER, pauseAfter));
    }

    private static OutcomeReport report(String sessionId, CallOutcome outcome, Instant at) {
        return new OutcomeReport(sessionId, new CallResult(outcome, null, null, at, null, null, null,
                outcome == CallOutcome.FAILED ? "carrier error" : null), at, PLANNER, 0);
    }

    private void handOver(CallSession call) {
        assertThat(store.handOver(new HandOverRequest(List.of(call.sessionId()), call.startedAt(), null))
                .handedOver()).containsExactly(call.sessionId());
    }

    private ClaimResult claim(Campaign campaign, int max, Instant now) {
        return claim(campaign, max, now, Integer.MAX_VALUE, NUMBERS);
    }

    private ClaimResult claim(Campaign campaign, int max, Instant now, int orgLimit, List<String> numbers) {
        return store.claim(new ClaimRequest(campaign.id(), "node-1", now, now.plus(Duration.ofMinutes(2)), max,
                orgLimit, numbers));
    }

    private Campaign running(Campaign campaign) {
        return withStatus(campaign, CampaignStatus.RUNNING);
    }

    private Campaign withStatus(Campaign campaign, CampaignStatus status) {
        return store.updateCampaign(campaign.orgId(), campaign.id(),
                c -> CampaignChange.none(c).toStatus(status, null, T0));
    }

    private Campaign create(String org, int maxConcurrency, RetryConfig retry, List<String> numbers) {
        return store.createCampaign(newCampaign(org, maxConcurrency, retry), contacts(numbers));
    }

    private static NewCampaign newCampaign(String org, int maxConcurrency, RetryConfig retry) {
        return new NewCampaign(org, "contract campaign", 247, "contacts.csv", maxConcurrency, null, retry, null,
                null, T0);
    }

    /** Distinct valid-looking numbers, {@code count} of them from {@code offset}. */
    private static List<String> phones(int count, int offset) {
        return IntStream.range(offset, offset + count).mapToObj(i -> String.format("+1415555%04d", i)).toList();
    }

    private static List<String> phones(int count) {
        return phones(count, 0);
    }

    private static ContactSource contacts(List<String> numbers) {
        return sink -> {
            List<ImportedContact> batch = new ArrayList<>();
            for (int i = 0; i < numbers.size(); i++) {
                batch.add(new ImportedContact(i + 1, numbers.get(i), List.of("contact " + i)));
                if (batch.size() == 3) {
                    sink.accept(List.copyOf(batch));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                sink.accept(batch);
            }
            return new ContactSource.ImportResult(List.of("name"),
                    new ImportSummary(numbers.size(), numbers.size(), 0, 0, List.of()));
        };
    }
}
