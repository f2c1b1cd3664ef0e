package io.outbound.campaign.engine;

import static io.outbound.campaign.engine.Scenarios.ORG;
import static io.outbound.campaign.engine.Scenarios.csv;
import static io.outbound.campaign.engine.Scenarios.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.PresignedUrl;
import io.outbound.campaign.RedialCampaignRequest;
import io.outbound.campaign.memory.InMemoryFileStore;
import io.outbound.campaign.spi.FileStore;
import io.outbound.campaign.testkit.CampaignTestKit;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node imports at most {@code maxConcurrentImports} contacts files at once; one more create or redial is refused
 * at once with {@code TOO_MANY_IMPORTS}, having created and written nothing, and succeeds once a place is free.
 */
class ConcurrentImportsTest {

    private static final String HELD = "uploads/held.csv";

    /** Files whose reading stops at {@link #HELD}'s first byte until the test lets it go on. */
    private final CountDownLatch importStarted = new CountDownLatch(1);
    private final CountDownLatch letImportFinish = new CountDownLatch(1);
    private final InMemoryFileStore stored = new InMemoryFileStore();
    private final FileStore files = new FileStore() {
        @Override
        public InputStream open(String key) {
            InputStream content = stored.open(key);
            return !key.equals(HELD) ? content : new FilterInputStream(content) {
                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    importStarted.countDown();
                    await(letImportFinish);
                    return super.read(buffer, offset, length);
                }
            };
        }

        @Override
        public void put(String key, InputStream content) {
            stored.put(key, content);
        }

        @Override
        public boolean exists(String key) {
            return stored.exists(key);
        }

        @Override
        public PresignedUrl presignDownload(String key, Duration ttl) {
            return stored.presignDownload(key, ttl);
        }

        @Override
        public PresignedUrl presignUpload(String key, Duration ttl) {
            return stored.presignUpload(key, ttl);
        }
    };
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        letImportFinish.countDown();
        background.shutdownNow();
    }

    @Test
    void oneImportMoreThanTheNodeAllowsIsRefusedAtOnceAndTheNextSucceedsOnceOneHasFinished() throws Exception {
        CampaignTestKit kit = CampaignTestKit.builder().files(files).engine(e -> e.maxConcurrentImports(1)).build();
        put(HELD, csv(numbers(3)));
        put("uploads/other.csv", csv(numbers(2, 10)));
        Campaign parent = kit.campaigns().create(ORG, CreateCampaignRequest.of("parent", 247, "uploads/other.csv", 1));
        kit.telephony().defaultOutcome(CallOutcome.BUSY);
        kit.campaigns().start(ORG, parent.id());
        kit.runUntilIdle();

        CompletableFuture<Campaign> held = CompletableFuture.supplyAsync(() -> kit.campaigns().create(ORG,
                CreateCampaignRequest.of("held", 247, HELD, 1)), background);
        assertThat(importStarted.await(30, TimeUnit.SECONDS)).as("the first import is reading its file").isTrue();

        assertThatThrownBy(() -> kit.campaigns().create(ORG, CreateCampaignRequest.of("second", 247,
                "uploads/other.csv", 1))).isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_IMPORTS);
                    assertThat(e.code().httpStatus()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("maxConcurrentImports").contains("1");
                });
        assertThatThrownBy(() -> kit.campaigns().redial(ORG, parent.id(),
                new RedialCampaignRequest("again", List.of(CallOutcome.BUSY))))
                .isInstanceOfSatisfying(CampaignException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_IMPORTS));
        assertThat(kit.campaigns().list(ORG, null).total()).as("nothing created while refused").isEqualTo(1);

        letImportFinish.countDown();
        assertThat(held.get(30, TimeUnit.SECONDS).importSummary().accepted()).isEqualTo(3);
        Campaign second = kit.campaigns().create(ORG, CreateCampaignRequest.of("second", 247, "uploads/other.csv", 1));
        Campaign redial = kit.campaigns().redial(ORG, parent.id(),
                new RedialCampaignRequest("again", List.of(CallOutcome.BUSY)));

        assertThat(second.importSummary().accepted()).isEqualTo(2);
        assertThat(redial.importSummary().accepted()).isEqualTo(2);
        assertThat(kit.campaigns().list(ORG, null).total()).isEqualTo(4);
    }

    @Test
    void theDefaultAllowsSeveralImportsAndTheSettingIsChecked() {
        assertThat(CampaignEngine.Builder.DEFAULT_MAX_CONCURRENT_IMPORTS).isGreaterThan(1);
        assertThatThrownBy(() -> CampaignEngine.builder().maxConcurrentImports(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConcurrentImports must be between 1 and 1000, was 0");
    }

    private void put(String key, String csv) {
        stored.put(key, csv.getBytes(StandardCharsets.UTF_8));
    }

    private static void await(CountDownLatch latch) throws IOException {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IOException("the test never let the import finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
