package io.outbound.campaign.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A handover worked one session at a time, paced or not, as a store runs it under its lock. */
class HandOverRequestTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final DialPacing ONE_PER_SECOND = new DialPacing("org-1", null, Duration.ofSeconds(1));

    /** Sessions a store still holds claimed and undialled; the ones the handover asked about, in order. */
    private final Set<String> claimed = new java.util.HashSet<>(Set.of("b", "c", "d"));
    private final List<String> asked = new ArrayList<>();

    private boolean dial(String sessionId) {
        asked.add(sessionId);
        return claimed.remove(sessionId);
    }

    @Test
    void unpacedEverySessionStillClaimedIsHandedOverInRequestOrder() {
        HandOverResult result = new HandOverRequest(List.of("d", "a", "b"), NOW, null).handOverEach(null, this::dial);

        assertThat(result.handedOver()).containsExactly("d", "b");
        assertThat(result.refused()).containsExactly("a");
        assertThat(result.pacedUntil()).isNull();
        assertThat(new HandOverRequest(List.of("c"), NOW, null).nextSlot()).isNull();
    }

    @Test
    void pacedOnlyTheFirstSessionStillClaimedIsHandedOverAndTheNextMayFollowAnIntervalLater() {
        HandOverRequest request = new HandOverRequest(List.of("a", "b", "c"), NOW, ONE_PER_SECOND);

        HandOverResult result = request.handOverEach(NOW, this::dial);

        assertThat(result.handedOver()).containsExactly("b");
        assertThat(result.refused()).as("looked at and refused; c waits for the next slot").containsExactly("a");
        assertThat(result.pacedUntil()).isEqualTo(NOW.plusSeconds(1));
        assertThat(request.nextSlot()).isEqualTo(NOW.plusSeconds(1));
        assertThat(asked).as("no session after the one handed over is touched").containsExactly("a", "b");
        assertThat(claimed).contains("c");
    }

    @Test
    void pacedASingleSessionHandedOverHoldsNothingBack() {
        HandOverResult result = new HandOverRequest(List.of("c"), NOW, ONE_PER_SECOND).handOverEach(null,
                this::dial);

        assertThat(result.handedOver()).containsExactly("c");
        assertThat(result.pacedUntil()).isNull();
    }

    @Test
    void pacedNothingIsHandedOverBeforeTheConfigurationsNextSlot() {
        Instant slot = NOW.plusMillis(300);

        HandOverResult result = new HandOverRequest(List.of("b", "c"), NOW, ONE_PER_SECOND).handOverEach(slot,
                this::dial);

        assertThat(result.handedOver()).isEmpty();
        assertThat(result.pacedUntil()).isEqualTo(slot);
        assertThat(asked).isEmpty();
    }

    @Test
    void pacedWithNoSessionStillClaimedNothingIsHandedOverAndNothingWaits() {
        HandOverResult result = new HandOverRequest(List.of("a", "x"), NOW, ONE_PER_SECOND).handOverEach(null,
                this::dial);

        assertThat(result.handedOver()).isEmpty();
        assertThat(result.pacedUntil()).isNull();
    }
}
