package io.outbound.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.memory.InMemoryCampaignStore;
import io.outbound.campaign.memory.InMemoryFileStore;
import org.junit.jupiter.api.Test;

/** {@link CampaignEngine#isDispatching()}: what a health check reads. */
class EngineDispatchingTest {

    @Test
    void an_engine_dispatches_only_between_start_and_close() {
        CampaignEngine engine = CampaignEngine.builder().store(new InMemoryCampaignStore())
                .files(new InMemoryFileStore()).telephony(request -> { }).build();
        try {
            assertThat(engine.isDispatching()).as("built, not started").isFalse();
            engine.runOnce();
            assertThat(engine.isDispatching()).as("driven through runOnce").isFalse();
            engine.start();
            assertThat(engine.isDispatching()).as("started").isTrue();
        } finally {
            engine.close();
        }
        assertThat(engine.isDispatching()).as("closed").isFalse();
    }
}
