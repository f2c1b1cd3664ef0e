package io.outbound.campaign.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CallOutcome;
import java.util.EnumMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class OutcomeMixTest {

    @Test
    void theRealisticMixIsSixtyFifteenTenTenFivePercent() {
        Map<CallOutcome, Integer> counts = new EnumMap<>(CallOutcome.class);
        int points = 10_000;
        for (int i = 0; i < points; i++) {
            counts.merge(OutcomeMix.realistic().pick((i + 0.5) / points), 1, Integer::sum);
        }
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(CallOutcome.COMPLETED, 6_000,
                CallOutcome.NO_ANSWER, 1_500, CallOutcome.BUSY, 1_000, CallOutcome.VOICEMAIL, 1_000,
                CallOutcome.FAILED, 500));
    }

    @Property
    void evenlySpreadPointsFallOnEachOutcomeInProportionToItsWeight(@ForAll @IntRange(max = 20) int completed,
                                                                   @ForAll @IntRange(max = 20) int busy,
                                                                   @ForAll @IntRange(min = 1, max = 20) int failed) {
        OutcomeMix mix = new OutcomeMix(Map.of(CallOutcome.COMPLETED, completed, CallOutcome.BUSY, busy,
                CallOutcome.FAILED, failed));
        int total = completed + busy + failed;
        int perWeight = 7;
        Map<CallOutcome, Integer> counts = new EnumMap<>(CallOutcome.class);
        for (int i = 0; i < total * perWeight; i++) {
            counts.merge(mix.pick((i + 0.5) / (total * perWeight)), 1, Integer::sum);
        }
        assertThat(counts.getOrDefault(CallOutcome.COMPLETED, 0)).isEqualTo(completed * perWeight);
        assertThat(counts.getOrDefault(CallOutcome.BUSY, 0)).isEqualTo(busy * perWeight);
        assertThat(counts.getOrDefault(CallOutcome.FAILED, 0)).isEqualTo(failed * perWeight);
    }

    @Test
    void aMixNeedsSomeWeightAndNoNegativeOne() {
        assertThatThrownBy(() -> new OutcomeMix(Map.of(CallOutcome.BUSY, 0))).hasMessageContaining("more than 0");
        assertThatThrownBy(() -> new OutcomeMix(Map.of(CallOutcome.BUSY, -1, CallOutcome.FAILED, 3)))
                .hasMessageContaining("busy").hasMessageContaining("-1");
        assertThatThrownBy(() -> OutcomeMix.realistic().pick(1.0)).hasMessageContaining("1.0");
    }
}
