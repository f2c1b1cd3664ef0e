package io.outbound.campaign.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.CallSessionStatus;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.HandOverRequest;
import io.outbound.campaign.spi.HandOverResult;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.spi.RecordResult;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit of outcomes and handovers, on real threads: who records what, and what each caller gets back. */
class GroupCommitTest {
    private static final Instant T0 = Instant.parse("2026-06-01T13:00:00Z");

    private final ExecutorService threads = Executors.newCachedThreadPool();
    /** Each store call: the session ids it recorded. */
    private final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private volatile boolean blockFirst;
    private volatile RuntimeException groupFailure;

    @AfterEach
    void stop() {
        releaseFirst.countDown();
        threads.shutdownNow();
    }

    /** A store that records every report it is given, knows no session named "missing", and may hold the first. */
    private CampaignStore store() {
        return (CampaignStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {CampaignStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "recordOutcome" -> {
                        OutcomeReport report = (OutcomeReport) args[0];
                        boolean first = calls.isEmpty();
                        calls.add(List.of(report.sessionId()));
                        if (first && blockFirst) {
                            releaseFirst.await(30, TimeUnit.SECONDS);
                        }
                        if (report.sessionId().equals("missing")) {
                            throw new CampaignException(ErrorCode.NOT_FOUND, "no such session");
                        }
                        yield recorded(report);
                    }
                    case "recordOutcomes" -> {
                        @SuppressWarnings("unchecked")
                        List<OutcomeReport> reports = (List<OutcomeReport>) args[0];
                        calls.add(reports.stream().map(OutcomeReport::sessionId).toList());
                        if (groupFailure != null) {
                            throw groupFailure;
                        }
                        Map<String, RecordResult> results = new LinkedHashMap<>();
                        reports.stream().filter(r -> !r.sessionId().equals("missing"))
                                .forEach(r -> results.put(r.sessionId(), recorded(r)));
                        yield results;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static RecordResult recorded(OutcomeReport report) {
        CallSession session = new CallSession(report.sessionId(), 1, "+14155550100", 1, CallSessionStatus.ENDED,
                report.result().outcome(), false, "+15550000001", T0, null, T0, 0L, null, null, Map.of(), null);
        return new RecordResult(RecordResult.Kind.RECORDED, session, null);
    }

    private static OutcomeReport report(String sessionId) {
        return new OutcomeReport(sessionId, CallResult.of(CallOutcome.BUSY), T0, (c, o, a, e) -> null, 0);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(1);
        }
    }

    @Test
    void a_lone_report_is_recorded_at_once_on_its_own() {
        GroupCommit<OutcomeReport, RecordResult> groups = new GroupCommit<>(new OutcomeRecorder.Outcomes(store()));

        assertThat(groups.run(report("s1")).session().sessionId()).isEqualTo("s1");
        assertThat(calls).containsExactly(List.of("s1"));
        assertThat(groups.waiting()).isZero();
    }

    @Test
    void reports_arriving_while_one_is_recorded_go_together_in_the_next_store_call_and_each_gets_its_own()
            throws Exception {
        blockFirst = true;
        GroupCommit<OutcomeReport, RecordResult> groups = new GroupCommit<>(new OutcomeRecorder.Outcomes(store()));
        Future<RecordResult> first = threads.submit(() -> groups.run(report("s0")));
        await(() -> calls.size() == 1);
        List<Future<RecordResult>> later = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String id = "s" + i;
            later.add(threads.submit(() -> groups.run(report(id))));
        }
        await(() -> groups.waiting() == 5);

        releaseFirst.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).session().sessionId()).isEqualTo("s0");
        for (int i = 1; i <= 5; i++) {
            assertThat(later.get(i - 1).get(10, TimeUnit.SECONDS).session().sessionId()).isEqualTo("s" + i);
        }
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1)).containsExactlyInAnyOrder("s1", "s2", "s3", "s4", "s5");
        assertThat(groups.waiting()).isZero();
    }

    @Test
    void in_a_group_an_unknown_session_is_not_found_for_its_caller_only_and_a_store_failure_reaches_every_caller()
            throws Exception {
        blockFirst = true;
        GroupCommit<OutcomeReport, RecordResult> groups = new GroupCommit<>(new OutcomeRecorder.Outcomes(store()));
        Future<RecordResult> first = threads.submit(() -> groups.run(report("s0")));
        await(() -> calls.size() == 1);
        Future<RecordResult> known = threads.submit(() -> groups.run(report("s1")));
        Future<RecordResult> unknown = threads.submit(() -> groups.run(report("missing")));
        await(() -> groups.waiting() == 2);
        releaseFirst.countDown();

        first.get(10, TimeUnit.SECONDS);
        assertThat(known.get(10, TimeUnit.SECONDS).kind()).isEqualTo(RecordResult.Kind.RECORDED);
        assertThatThrownBy(() -> unknown.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CampaignException.class)
                .cause().satisfies(e -> assertThat(((CampaignException) e).code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("missing");
    }

    @Test
    void a_group_the_store_cannot_record_fails_for_each_of_its_callers() throws Exception {
        blockFirst = true;
        groupFailure = CampaignException.storeUnavailable("recording 2 outcomes", new IllegalStateException("database down"));
        GroupCommit<OutcomeReport, RecordResult> groups = new GroupCommit<>(new OutcomeRecorder.Outcomes(store()));
        Future<RecordResult> first = threads.submit(() -> groups.run(report("s0")));
        await(() -> calls.size() == 1);
        Future<RecordResult> a = threads.submit(() -> groups.run(report("s1")));
        Future<RecordResult> b = threads.submit(() -> groups.run(report("s2")));
        await(() -> groups.waiting() == 2);
        releaseFirst.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).kind()).isEqualTo(RecordResult.Kind.RECORDED);
        for (Future<RecordResult> each : List.of(a, b)) {
            assertThatThrownBy(() -> each.get(10, TimeUnit.SECONDS)).cause().isSameAs(groupFailure);
        }
    }

    @Test
    void two_reports_of_one_session_never_share_a_group() throws Exception {
        blockFirst = true;
        GroupCommit<OutcomeReport, RecordResult> groups = new GroupCommit<>(new OutcomeRecorder.Outcomes(store()));
        Future<RecordResult> first = threads.submit(() -> groups.run(report("s0")));
        await(() -> calls.size() == 1);
        Future<RecordResult> a = threads.submit(() -> groups.run(report("s1")));
        await(() -> groups.waiting() == 1);
        Future<RecordResult> again = threads.submit(() -> groups.run(report("s1")));
        Future<RecordResult> other = threads.submit(() -> groups.run(report("s2")));
        await(() -> groups.waiting() == 3);
        releaseFirst.countDown();

        for (Future<RecordResult> each : List.of(first, a, again, other)) {
            each.get(10, TimeUnit.SECONDS);
        }
        assertThat(calls.get(1)).containsExactly("s1", "s2");
        assertThat(calls.get(2)).containsExactly("s1");
    }

    /**
     * Handovers that respect suppression and those that do not are never one group: a group is one store
     * operation, so a store failure reaches exactly the requests it did not hand over.
     */
    @Test
    void handovers_that_respect_suppression_and_those_that_do_not_never_share_a_group() throws Exception {
        List<List<String>> handOvers = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> respected = Collections.synchronizedList(new ArrayList<>());
        CampaignStore store = (CampaignStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CampaignStore.class}, (proxy, method, args) -> {
                    HandOverRequest request = (HandOverRequest) args[0];
                    boolean first = handOvers.isEmpty();
                    handOvers.add(request.sessionIds());
                    respected.add(request.respectSuppression());
                    if (first) {
                        releaseFirst.await(30, TimeUnit.SECONDS);
                    }
                    if (request.sessionIds().contains("fails")) {
                        throw new CampaignException(ErrorCode.STORE_UNAVAILABLE, "database away");
                    }
                    return new HandOverResult(request.sessionIds(), null);
                });
        GroupCommit<HandOverRequest, HandOverResult> groups = new GroupCommit<>(new HandOvers(store));
        Future<HandOverResult> first = threads.submit(() -> groups.run(new HandOverRequest(List.of("s0"), T0, null)));
        await(() -> handOvers.size() == 1);
        Future<HandOverResult> a = threads.submit(() -> groups.run(new HandOverRequest(List.of("a"), T0, null, true)));
        await(() -> groups.waiting() == 1);
        Future<HandOverResult> b = threads.submit(() -> groups.run(new HandOverRequest(List.of("b", "fails"), T0,
                null, false)));
        await(() -> groups.waiting() == 2);
        Future<HandOverResult> c = threads.submit(() -> groups.run(new HandOverRequest(List.of("c"), T0, null, true)));
        await(() -> groups.waiting() == 3);
        releaseFirst.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).handedOver()).containsExactly("s0");
        assertThat(a.get(10, TimeUnit.SECONDS).handedOver()).containsExactly("a");
        assertThat(c.get(10, TimeUnit.SECONDS).handedOver()).containsExactly("c");
        assertThatThrownBy(() -> b.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(CampaignException.class);
        assertThat(handOvers).containsExactly(List.of("s0"), List.of("a", "c"), List.of("b", "fails"));
        assertThat(respected).containsExactly(true, true, false);
    }
}
