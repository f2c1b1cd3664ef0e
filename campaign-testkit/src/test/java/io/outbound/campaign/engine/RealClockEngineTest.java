package io.outbound.campaign.engine;

import static io.outbound.campaign.engine.Scenarios.ORG;
import static io.outbound.campaign.engine.Scenarios.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallReports;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.Telephony;
import io.outbound.campaign.spi.TelephonyConfigs;
import io.outbound.campaign.testkit.FakeTelephony;
import io.outbound.campaign.memory.InMemoryCampaignStore;
import io.outbound.campaign.memory.InMemoryFileStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The engine on the system clock with its own threads, as a host runs it. */
class RealClockEngineTest {

    @Test
    void twoThousandContactsAtConcurrencySevenNeverExceedSevenAndAllEndFinal() throws Exception {
        Clock clock = Clock.systemUTC();
        InMemoryCampaignStore store = new InMemoryCampaignStore();
        InMemoryFileStore files = new InMemoryFileStore(clock);
        FakeTelephony telephony = new FakeTelephony(clock).startRealTime(Duration.ofMillis(1), Duration.ofMillis(4), 7);
        List<String> callers = IntStream.range(0, 20).mapToObj(i -> String.format("+1555000%04d", i)).toList();
        List<String> contacts = numbers(2000);
        for (int i = 0; i < contacts.size(); i += 5) {
            telephony.script(contacts.get(i), CallOutcome.BUSY, CallOutcome.COMPLETED);
        }
        try (CampaignEngine engine = CampaignEngine.builder().store(store).files(files).telephony(telephony)
                .telephonyConfigs(TelephonyConfigs.defaultNumbers(callers)).clock(clock)
                .pollInterval(Duration.ofMillis(50)).build()) {
            telephony.connect(engine.calls());
            files.put("c.csv", new ByteArrayInputStream(Scenarios.csv(contacts).getBytes(StandardCharsets.UTF_8)));
            Campaign campaign = engine.campaigns().create(ORG, CreateCampaignRequest.of("real", 247, "c.csv", 7)
                    .withRetryConfig(new RetryConfig(true, 1, 0, true, true, true)));
            engine.start();
            engine.campaigns().start(ORG, campaign.id());

            CampaignProgress done = awaitCompletion(engine, campaign.id());

            assertThat(done).isEqualTo(new CampaignProgress(2000, 2000, 2000, 2000, 0, 0, 0,
                    CampaignStatus.COMPLETED, 0));
            assertThat(telephony.maxConcurrentCalls()).isLessThanOrEqualTo(7).isGreaterThan(1);
            assertThat(telephony.dials()).hasSize(2400);
            assertThat(telephony.overlappingCallsToOneNumber()).isZero();
        } finally {
            telephony.stopRealTime();
        }
    }

    /**
     * A campaign whose claims are never held back by a cap (a carrier that completes each call as it is dialled,
     * so that few calls are ever in flight): calls ending one after another wake the dispatcher only when the
     * node's line of claimed calls is down to its top-up level, so it lists the running campaigns about once per
     * top-up (a line of 200 topped up at 100: about 30 times for 3,000 calls, 48 when written), not once per ended
     * dial and outcome (495 before).
     */
    @Test
    void dialsEndingOneAfterAnotherWakeTheDispatcherOncePerTopUpNotPerDial() throws Exception {
        Clock clock = Clock.systemUTC();
        InMemoryCampaignStore store = new InMemoryCampaignStore();
        java.util.concurrent.atomic.AtomicInteger listings = new java.util.concurrent.atomic.AtomicInteger();
        CampaignStore counting = (CampaignStore) java.lang.reflect.Proxy.newProxyInstance(
                CampaignStore.class.getClassLoader(), new Class<?>[] {CampaignStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("runningCampaigns")) {
                        listings.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        InMemoryFileStore files = new InMemoryFileStore(clock);
        java.util.concurrent.atomic.AtomicReference<CallReports> reports =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger dials = new java.util.concurrent.atomic.AtomicInteger();
        Telephony instant = request -> {
            dials.incrementAndGet();
            reports.get().report(request.sessionId(), CallResult.of(CallOutcome.COMPLETED));
        };
        List<String> contacts = numbers(3000);
        try (CampaignEngine engine = CampaignEngine.builder().store(counting).files(files).telephony(instant)
                .telephonyConfigs(TelephonyConfigs.defaultNumbers(numbers(1000, 5000))).clock(clock)
                .dialConcurrency(4).claimBatchSize(200).build()) {
            reports.set(engine.calls());
            files.put("c.csv", new ByteArrayInputStream(Scenarios.csv(contacts).getBytes(StandardCharsets.UTF_8)));
            Campaign campaign = engine.campaigns().create(ORG, CreateCampaignRequest.of("long", 247, "c.csv", 1000));
            engine.start();
            engine.campaigns().start(ORG, campaign.id());

            CampaignProgress done = awaitCompletion(engine, campaign.id());

            assertThat(done.status()).isEqualTo(CampaignStatus.COMPLETED);
            assertThat(done.completed()).isEqualTo(3000);
            assertThat(dials.get()).isEqualTo(3000);
            assertThat(listings.get()).as("running campaigns listed").isLessThan(200);
        }
    }

    /** Checks progress every 20 ms from a scheduler and waits on the result, up to a minute. */
    private static CampaignProgress awaitCompletion(CampaignEngine engine, long id) throws Exception {
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        CompletableFuture<CampaignProgress> finished = new CompletableFuture<>();
        poller.scheduleWithFixedDelay(() -> {
            CampaignProgress progress = engine.campaigns().progress(ORG, id);
            if (progress.status() != CampaignStatus.RUNNING) {
                finished.complete(progress);
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        try {
            return finished.get(60, TimeUnit.SECONDS);
        } finally {
            poller.shutdownNow();
        }
    }
}
