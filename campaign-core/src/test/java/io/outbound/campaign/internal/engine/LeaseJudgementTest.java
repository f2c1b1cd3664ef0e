package io.outbound.campaign.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.CallSessionStatus;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.memory.InMemoryCampaignStore;
import io.outbound.campaign.memory.InMemoryFileStore;
import io.outbound.campaign.spi.CallRequest;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.Telephony;
import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Which calls a node keeps and which it may close: leases belong to one process life of a node (an engine
 * instance), not to its id, and a node judges other nodes' leases only once it has been in touch with the store
 * for a whole lease timeout. Engines here share one in-memory store and a clock the test moves; {@code runOnce()}
 * does each node's work inline.
 */
class LeaseJudgementTest {
    private static final String ORG = "org-1";
    private static final Instant T0 = Instant.parse("2026-06-01T13:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final List<String> CALLERS = List.of("+15550000001", "+15550000002", "+15550000003");

    private final SteppedClock clock = new SteppedClock(T0);
    private final InMemoryCampaignStore memory = new InMemoryCampaignStore();
    private final Outage outage = new Outage();
    private final CampaignStore store = outage.wrap(memory);
    private final InMemoryFileStore files = new InMemoryFileStore(clock);
    private final Carrier carrier = new Carrier();

    @Test
    void aNodeRestartedUnderItsOldIdDoesNotRenewItsPredecessorsCallsWhichExpireAndFreeTheirNumbers() {
        CampaignEngine first = engine("pod-7");
        Campaign campaign = start(first, 5, 3);
        first.runOnce();
        List<String> lost = carrier.inFlight();
        assertThat(lost).hasSize(3);                       // every caller number held by the first process
        // The process dies with its calls in flight, and the pod comes back under the same id within the lease.
        carrier.forget();
        clock.advance(Duration.ofSeconds(30));
        CampaignEngine second = engine("pod-7");
        assertThat(second.leaseOwner()).startsWith("pod-7#").isNotEqualTo(first.leaseOwner());

        for (int i = 0; i < 10; i++) {                    // renewals of the second process, every 30 s
            second.runOnce();
            clock.advance(Duration.ofSeconds(30));
        }

        for (String sessionId : lost) {
            CallSession closed = memory.findSession(sessionId).orElseThrow();
            assertThat(closed.status()).isEqualTo(CallSessionStatus.ENDED);
            assertThat(closed.failureReason()).isEqualTo("lease expired: node " + first.leaseOwner()
                    + " stopped renewing");
        }
        // Their caller numbers were free again: the second process dialled the other two contacts with them.
        assertThat(carrier.inFlight()).hasSize(2);
        carrier.endAll(second);
        second.runOnce();
        assertThat(second.campaigns().progress(ORG, campaign.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void afterAnOutageLongerThanTheLeaseNoNodeClosesAnothersLiveCalls() {
        CampaignEngine a = engine("node-a");
        CampaignEngine b = engine("node-b");
        Campaign campaign = start(a, 4, 3);
        b.runOnce();                                        // node b dials all three callers' calls
        a.runOnce();
        List<String> live = carrier.inFlight();
        assertThat(live).hasSize(3);

        outage.down = true;
        for (int i = 0; i < 12; i++) {                      // three leases without the store, both nodes trying
            clock.advance(Duration.ofSeconds(30));
            assertThatThrownBy(a::runOnce).isInstanceOf(CampaignException.class);
            assertThatThrownBy(b::runOnce).isInstanceOf(CampaignException.class);
        }
        outage.down = false;
        clock.advance(Duration.ofSeconds(1));
        // Node a is back first: b's leases ran out during the outage, but a has not been in touch for a lease.
        a.runOnce();
        clock.advance(Duration.ofSeconds(20));
        a.runOnce();
        assertThat(live).allSatisfy(id -> assertThat(memory.findSession(id).orElseThrow().inProgress()).isTrue());
        b.runOnce();                                        // node b reconnects and renews
        for (int i = 0; i < 8; i++) {
            clock.advance(Duration.ofSeconds(30));
            a.runOnce();
            b.runOnce();
        }

        assertThat(live).allSatisfy(id -> assertThat(memory.findSession(id).orElseThrow().inProgress()).isTrue());
        carrier.endAll(a);
        assertThat(live).allSatisfy(id -> assertThat(memory.findSession(id).orElseThrow().outcome())
                .isEqualTo(CallOutcome.COMPLETED));
        a.runOnce();
        carrier.endAll(a);
        assertThat(a.campaigns().progress(ORG, campaign.id()).completed()).isEqualTo(4);
    }

    @Test
    void aNodeThatStaysAwayAfterTheOutageIsTakenForDeadOnceTheOtherHasBeenInTouchForALease() {
        CampaignEngine a = engine("node-a");
        CampaignEngine b = engine("node-b");
        start(a, 2, 2);
        b.runOnce();
        List<String> bs = carrier.inFlight();
        outage.down = true;
        clock.advance(LEASE.multipliedBy(3));
        assertThatThrownBy(a::runOnce).isInstanceOf(CampaignException.class);
        outage.down = false;

        a.runOnce();                                        // back in touch: b's calls are left alone for a lease
        clock.advance(LEASE.minusSeconds(1));
        a.runOnce();
        assertThat(bs).allSatisfy(id -> assertThat(memory.findSession(id).orElseThrow().inProgress()).isTrue());
        clock.advance(Duration.ofSeconds(2));
        a.runOnce();

        assertThat(bs).allSatisfy(id -> assertThat(memory.findSession(id).orElseThrow().failureReason())
                .isEqualTo("lease expired: node " + b.leaseOwner() + " stopped renewing"));
    }

    @Test
    void aLeaseCallBlockedLongerThanARenewalIntervalCountsAsABreakInTouch() {
        CampaignEngine a = engine("node-a");
        CampaignEngine b = engine("node-b");
        start(a, 2, 2);
        b.runOnce();
        List<String> bs = carrier.inFlight();
        clock.advance(LEASE);
        a.runOnce();                                        // a first reaches the store now
        // The database goes away and comes back while a's renewal waits for a connection: no error, but 5 minutes.
        outage.blockNextRenewal = LEASE.multipliedBy(5).dividedBy(2);
        clock.advance(Duration.ofSeconds(30));
        a.runOnce();
        assertThat(bs).allSatisfy(id -> assertThat(memory.findSession(id).orElseThrow().inProgress()).isTrue());
        clock.advance(LEASE.minusSeconds(1));
        a.runOnce();
        assertThat(bs).allSatisfy(id -> assertThat(memory.findSession(id).orElseThrow().inProgress()).isTrue());
        clock.advance(Duration.ofSeconds(2));
        a.runOnce();

        assertThat(bs).allSatisfy(id -> assertThat(memory.findSession(id).orElseThrow().inProgress()).isFalse());
    }

    @Test
    void aNodeIdLongerThanALeaseOwnerCanHoldIsRefused() {
        assertThatThrownBy(() -> CampaignEngine.builder().nodeId("n".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nodeId must be at most 200 characters, was 201");
    }

    private CampaignEngine engine(String nodeId) {
        CampaignEngine engine = CampaignEngine.builder()
                .store(store)
                .files(files)
                .telephony(carrier)
                .telephonyConfigs((org, id) -> Optional.of(CALLERS))
                .clock(clock)
                .nodeId(nodeId)
                .leaseTimeout(LEASE)
                .build();
        return engine;
    }

    private Campaign start(CampaignEngine engine, int contacts, int maxConcurrency) {
        String csv = "phone_number\n" + IntStream.range(0, contacts).mapToObj(i -> String.format("+1415555%04d", i))
                .collect(Collectors.joining("\n")) + "\n";
        files.put("contacts.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        Campaign campaign = engine.campaigns().create(ORG, CreateCampaignRequest.of("Leases", 247, "contacts.csv",
                maxConcurrency));
        return engine.campaigns().start(ORG, campaign.id());
    }

    /** A store that can be unreachable, or block one renewal while time passes. */
    private final class Outage {
        volatile boolean down;
        volatile Duration blockNextRenewal;

        CampaignStore wrap(CampaignStore real) {
            return (CampaignStore) Proxy.newProxyInstance(CampaignStore.class.getClassLoader(),
                    new Class<?>[] {CampaignStore.class}, (proxy, method, args) -> {
                        if (down) {
                            throw CampaignException.storeUnavailable(method.getName(),
                                    new IllegalStateException("connection refused"));
                        }
                        if (method.getName().equals("renewLeases") && blockNextRenewal != null) {
                            clock.advance(blockNextRenewal);
                            blockNextRenewal = null;
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    /** Accepts every dial; the test ends calls. */
    private static final class Carrier implements Telephony {
        private final List<CallRequest> inFlight = new ArrayList<>();

        @Override
        public synchronized void dial(CallRequest request) {
            inFlight.add(request);
        }

        synchronized List<String> inFlight() {
            return inFlight.stream().map(CallRequest::sessionId).toList();
        }

        /** A process died: its calls are never reported. */
        synchronized void forget() {
            inFlight.clear();
        }

        void endAll(CampaignEngine engine) {
            List<CallRequest> ending;
            synchronized (this) {
                ending = List.copyOf(inFlight);
                inFlight.clear();
            }
            ending.forEach(r -> engine.calls().report(r.sessionId(), CallResult.of(CallOutcome.COMPLETED)));
        }
    }

}
