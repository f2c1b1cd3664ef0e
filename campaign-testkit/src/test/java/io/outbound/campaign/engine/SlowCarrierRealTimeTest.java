package io.outbound.campaign.engine;

import static io.outbound.campaign.engine.Scenarios.ORG;
import static io.outbound.campaign.engine.Scenarios.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.CampaignService;
import io.outbound.campaign.RunsQuery;
import io.outbound.campaign.spi.CallerPool;
import io.outbound.campaign.spi.TelephonyConfigs;
import io.outbound.campaign.testkit.FakeTelephony;
import io.outbound.campaign.memory.InMemoryCampaignStore;
import io.outbound.campaign.memory.InMemoryFileStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dial runtime on real threads and the system clock, with a carrier whose API is slow or hangs: the
 * point of these tests is threads, so they wait on conditions with deadlines.
 */
class SlowCarrierRealTimeTest {
    private final Clock clock = Clock.systemUTC();
    private final InMemoryCampaignStore store = new InMemoryCampaignStore();
    private final InMemoryFileStore files = new InMemoryFileStore(clock);
    private final FakeTelephony telephony = new FakeTelephony(clock);
    private CampaignEngine engine;
    private CampaignService service;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        telephony.stopRealTime();
    }

    @ParameterizedTest(name = "async dials: {0}")
    @ValueSource(booleans = {false, true})
    void aCarrierTaking100msPerDialStillFillsFortyConcurrentCalls(boolean async) {
        telephony.startRealTime(Duration.ofSeconds(2), Duration.ofSeconds(2), 11).dialLatency(Duration.ofMillis(100))
                .asyncDials(async);
        start(b -> { });
        Campaign campaign = createAndStart(numbers(120), 40);

        awaitStatus(campaign, CampaignStatus.COMPLETED, Duration.ofSeconds(60));

        assertThat(telephony.maxConcurrentCalls(campaign.id())).isBetween(30, 40);
        assertThat(telephony.dials()).hasSize(120);
        assertThat(telephony.overlappingCallsToOneNumber()).isZero();
    }

    @Test
    void aHungCarrierStopsNeitherAnotherCampaignNorPauseNorLeaseRenewal() {
        telephony.startRealTime(Duration.ofMillis(50), Duration.ofMillis(150), 5);
        start(b -> b.leaseTimeout(Duration.ofSeconds(2)).shutdownTimeout(Duration.ofMillis(200)));
        Campaign hung = create(numbers(60), 40);
        telephony.hangDials(hung.id(), Duration.ofSeconds(15));
        engine.campaigns().start(ORG, hung.id());
        await(() -> telephony.dials().size() >= 32, Duration.ofSeconds(10));   // the whole pool is hung
        long before = System.nanoTime();
        long leasesWouldHaveExpired = before + Duration.ofSeconds(5).toNanos();
        Campaign healthy = createAndStart(numbers(20, 500), 5);

        awaitStatus(healthy, CampaignStatus.COMPLETED, Duration.ofSeconds(10));
        long healthyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
        long pauseStarted = System.nanoTime();
        Campaign paused = engine.campaigns().pause(ORG, hung.id());
        long pauseMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pauseStarted);

        assertThat(healthyMillis).isLessThan(10_000);
        assertThat(engine.campaigns().progress(ORG, healthy.id()).completed()).isEqualTo(20);
        assertThat(pauseMillis).isLessThan(500);
        assertThat(paused.status()).isEqualTo(CampaignStatus.PAUSED);
        // Two lease timeouts go by with every hung dial still in progress: none may be taken for lost.
        await(() -> System.nanoTime() > leasesWouldHaveExpired, Duration.ofSeconds(10));
        assertThat(telephony.inFlight()).isZero();
        assertThat(sessions(hung)).noneMatch(s -> s.failureReason() != null && s.failureReason().contains("lease"));
        assertThat(paused.progress().inProgress()).isEqualTo(sessions(hung).size());
    }

    @Test
    void closeGivesBackClaimedCallsNotYetDialledAndWaitsForDialsHandedOver() {
        telephony.startRealTime(Duration.ofMinutes(5), Duration.ofMinutes(5), 3).dialLatency(Duration.ofMillis(600));
        start(b -> b.dialConcurrency(2));
        Campaign campaign = createAndStart(numbers(10), 10);
        await(() -> telephony.dials().size() >= 2, Duration.ofSeconds(10));

        engine.close();
        engine = null;

        Set<String> dialled = telephony.dials().stream().map(d -> d.request().sessionId()).collect(Collectors.toSet());
        List<CallSession> left = sessions(campaign);
        assertThat(left).isNotEmpty().allSatisfy(s -> assertThat(dialled).contains(s.sessionId()));
        CampaignProgress progress = store.findCampaign(ORG, campaign.id()).orElseThrow().progress();
        assertThat(progress.inProgress()).isEqualTo(left.size());
        assertThat(progress.pending()).isEqualTo(10 - left.size());
        assertThat(telephony.inFlight()).isEqualTo(left.size());      // every dial handed over was accepted
    }

    @Test
    void aDialThatNeverReturnsTimesOutAndIsInterrupted() {
        telephony.startRealTime(Duration.ofMillis(50), Duration.ofMillis(50), 9);
        String stuck = numbers(1).get(0);
        telephony.hangDialsTo(stuck, Duration.ofMinutes(10));
        start(b -> b.dialTimeout(Duration.ofMillis(700)));
        Campaign campaign = createAndStart(List.of(stuck, numbers(1, 1).get(0)), 2);

        awaitStatus(campaign, CampaignStatus.COMPLETED, Duration.ofSeconds(10));

        CallSession timedOut = sessions(campaign).stream().filter(s -> s.phoneNumber().equals(stuck)).findFirst()
                .orElseThrow();
        assertThat(timedOut.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(timedOut.failureReason()).isEqualTo("dial timed out");
        assertThat(telephony.inFlight()).isZero();         // the interrupted dial was never accepted
    }

    @Test
    void aPacedConfigurationDialsAtItsRateOnRealThreadsNeitherFasterNorSlower() {
        telephony.startRealTime(Duration.ofMillis(20), Duration.ofMillis(60), 13);
        start(b -> { }, TelephonyConfigs.pooled((org, id) -> Optional.of(
                CallerPool.exclusive(callers()).withCallsPerSecond(5))));
        Campaign campaign = createAndStart(numbers(21), 10);

        awaitStatus(campaign, CampaignStatus.COMPLETED, Duration.ofSeconds(30));

        List<FakeTelephony.Dial> dials = telephony.dials();
        assertThat(dials).hasSize(21);
        assertThat(telephony.maxDialsPerSecond()).isLessThanOrEqualTo(5);
        // 20 intervals of 1.05 s / 5: about 4.2 s; a dial left waiting past its slot would stretch it.
        assertThat(Duration.between(dials.get(0).at(), dials.get(20).at()))
                .isBetween(Duration.ofMillis(4_100), Duration.ofMillis(5_500));
    }

    private void start(Consumer<CampaignEngine.Builder> settings) {
        start(settings, TelephonyConfigs.defaultNumbers(callers()));
    }

    private static List<String> callers() {
        return IntStream.range(0, 100).mapToObj(i -> String.format("+1555000%04d", i)).toList();
    }

    private void start(Consumer<CampaignEngine.Builder> settings, TelephonyConfigs configs) {
        CampaignEngine.Builder builder = CampaignEngine.builder().store(store).files(files).telephony(telephony)
                .telephonyConfigs(configs).clock(clock)
                .pollInterval(Duration.ofMillis(200));
        settings.accept(builder);
        engine = builder.build();
        service = engine.campaigns();
        telephony.connect(engine.calls());
        engine.start();
    }

    private Campaign create(List<String> contacts, int maxConcurrency) {
        String key = "c" + System.nanoTime() + ".csv";
        files.put(key, new ByteArrayInputStream(Scenarios.csv(contacts).getBytes(StandardCharsets.UTF_8)));
        return engine.campaigns().create(ORG, CreateCampaignRequest.of("slow carrier", 247, key, maxConcurrency));
    }

    private Campaign createAndStart(List<String> contacts, int maxConcurrency) {
        return engine.campaigns().start(ORG, create(contacts, maxConcurrency).id());
    }

    private List<CallSession> sessions(Campaign campaign) {
        return service.runs(ORG, campaign.id(), new RunsQuery(1, 500, null, null, null)).items();
    }

    private void awaitStatus(Campaign campaign, CampaignStatus status, Duration timeout) {
        await(() -> store.findCampaign(ORG, campaign.id()).orElseThrow().status() == status, timeout);
    }

    /** Waits for the condition, checking it every 10 ms, up to the timeout. */
    private static void await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
