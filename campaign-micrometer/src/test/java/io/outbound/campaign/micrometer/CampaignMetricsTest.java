package io.outbound.campaign.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.events.StoreOperation;
import io.outbound.campaign.memory.InMemoryCampaignStore;
import io.outbound.campaign.testkit.CampaignTestKit;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CampaignMetricsTest {
    private static final String ORG = "org-1";
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static List<String> numbers(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("+1415555%04d", i)).toList();
    }

    private static Campaign start(CampaignTestKit kit, List<String> numbers, int maxConcurrency) {
        kit.putCsv("contacts.csv", "phone_number\n" + String.join("\n", numbers) + "\n");
        Campaign c = kit.campaigns().create(ORG, CreateCampaignRequest.of("Metrics", 247, "contacts.csv",
                maxConcurrency));
        return kit.campaigns().start(ORG, c.id());
    }

    private CampaignTestKit kitWith(CampaignMetrics.Builder metrics) {
        CampaignMetrics[] built = new CampaignMetrics[1];
        return CampaignTestKit.builder().engine(e -> {
            built[0] = metrics.build();
            e.listener(built[0]).observer(built[0]);
        }).build();
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void dialsOutcomesStatusChangesAndLatenciesAreCountedWithBoundedTags() throws InterruptedException {
        CampaignTestKit kit = kitWith(CampaignMetrics.builder(registry));
        List<String> n = numbers(4);
        kit.telephony().script(n.get(0), CallOutcome.BUSY);
        kit.telephony().script(n.get(1), CallOutcome.VOICEMAIL);
        kit.telephony().refuseDials(n.get(2));
        start(kit, n, 2);
        kit.runUntilIdle();
        assertThat(kit.engine().awaitEvents(DEADLINE)).isTrue();

        assertThat(count(CampaignMetrics.CALLS_DIALLED)).isEqualTo(4);
        assertThat(count(CampaignMetrics.CALLS_ENDED, "outcome", "busy", "late", "false")).isEqualTo(1);
        assertThat(count(CampaignMetrics.CALLS_ENDED, "outcome", "voicemail", "late", "false")).isEqualTo(1);
        assertThat(count(CampaignMetrics.CALLS_ENDED, "outcome", "completed", "late", "false")).isEqualTo(1);
        assertThat(count(CampaignMetrics.CALLS_ENDED, "outcome", "failed", "late", "false")).isZero();
        assertThat(count(CampaignMetrics.DIALS_FAILED, "reason", "failed")).isEqualTo(1);
        assertThat(count(CampaignMetrics.STATUS_CHANGES, "status", "running")).isEqualTo(1);
        assertThat(count(CampaignMetrics.STATUS_CHANGES, "status", "completed")).isEqualTo(1);
        assertThat(registry.get(CampaignMetrics.DIAL_LATENCY).tags("result", "accepted").timer().count()).isEqualTo(3);
        assertThat(registry.get(CampaignMetrics.DIAL_LATENCY).tags("result", "error").timer().count()).isEqualTo(1);
        for (StoreOperation op : StoreOperation.values()) {
            String name = op.name().toLowerCase(java.util.Locale.ROOT);
            assertThat(registry.get(CampaignMetrics.STORE_LATENCY).tags("operation", name, "result", "ok").timer()
                    .count()).as(name).isPositive();
            assertThat(count(CampaignMetrics.STORE_ERRORS, "operation", name)).as(name).isZero();
        }

        List<String> tagValues = registry.getMeters().stream().map(Meter::getId)
                .flatMap(id -> id.getTags().stream()).map(Tag::getValue).distinct().collect(Collectors.toList());
        assertThat(tagValues).noneMatch(v -> v.startsWith("+") || v.contains("1415555") || v.equals(ORG));
    }

    @Test
    void storeErrorsAreCountedByOperation() {
        CampaignMetrics metrics = CampaignMetrics.builder(registry).build();
        metrics.storeOperation(StoreOperation.CLAIM, Duration.ofMillis(3),
                new CampaignException(ErrorCode.STORE_UNAVAILABLE, "database away"));
        metrics.storeOperation(StoreOperation.CLAIM, Duration.ofMillis(2), null);

        assertThat(count(CampaignMetrics.STORE_ERRORS, "operation", "claim")).isEqualTo(1);
        assertThat(registry.get(CampaignMetrics.STORE_LATENCY).tags("operation", "claim", "result", "error").timer()
                .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(3);
        assertThat(registry.get(CampaignMetrics.STORE_LATENCY).tags("operation", "claim", "result", "ok").timer()
                .count()).isEqualTo(1);
    }

    @Test
    void callsInFlightAreAGaugePerRunningCampaignThatGoesWhenItStopsRunning() throws InterruptedException {
        InMemoryCampaignStore store = new InMemoryCampaignStore();
        CampaignMetrics metrics = CampaignMetrics.builder(registry).store(store).build();
        CampaignTestKit k = CampaignTestKit.builder().store(store).engine(e -> e.listener(metrics).observer(metrics))
                .build();
        k.telephony().callDuration(Duration.ofMinutes(2));
        Campaign campaign = start(k, numbers(5), 3);
        k.advance(Duration.ofSeconds(10));
        metrics.refreshInFlight();

        assertThat(registry.get(CampaignMetrics.CALLS_IN_FLIGHT).tags("campaign", Long.toString(campaign.id()))
                .gauge().value()).isEqualTo(3);

        k.runUntilIdle();
        assertThat(k.engine().awaitEvents(DEADLINE)).isTrue();
        assertThat(registry.find(CampaignMetrics.CALLS_IN_FLIGHT).gauges()).isEmpty();
    }

    @Test
    void aRefreshIntervalMustBePositive() {
        assertThatThrownBy(() -> CampaignMetrics.builder(registry).inFlightRefresh(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inFlightRefresh must be positive, was PT0S");
    }
}
