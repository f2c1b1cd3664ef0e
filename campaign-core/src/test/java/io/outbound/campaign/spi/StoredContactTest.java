package io.outbound.campaign.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which contacts of a campaign a redial calls again. */
class StoredContactTest {
    private static final Set<CallOutcome> UNANSWERED = EnumSet.of(CallOutcome.NO_ANSWER, CallOutcome.BUSY);

    private static StoredContact contact(CallOutcome lastOutcome, boolean reached) {
        return new StoredContact(1, "+14155550100", List.of("Ada"), lastOutcome, reached);
    }

    @Test
    void aContactNeverReachedWhoseLatestOutcomeWasAskedForIsRedialled() {
        assertThat(contact(CallOutcome.BUSY, false).isRedialFor(UNANSWERED)).isTrue();
        assertThat(contact(CallOutcome.VOICEMAIL, false).isRedialFor(UNANSWERED)).isFalse();
    }

    @Test
    void aContactOnceReachedIsNeverRedialledWhateverItsLatestOutcome() {
        assertThat(contact(CallOutcome.BUSY, true).isRedialFor(UNANSWERED)).isFalse();
    }

    @Test
    void aContactNeverDialledHasNoOutcomeToRedialFor() {
        assertThat(contact(null, false).isRedialFor(UNANSWERED)).isFalse();
        assertThat(contact(CallOutcome.BUSY, false).isRedialFor(Set.of())).isFalse();
    }
}
