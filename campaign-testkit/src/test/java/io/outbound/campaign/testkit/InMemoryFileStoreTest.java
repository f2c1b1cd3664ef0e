package io.outbound.campaign.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.PresignedUrl;
import io.outbound.campaign.memory.InMemoryFileStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryFileStoreTest {

    private final Instant now = Instant.parse("2030-01-02T03:04:05Z");
    private final InMemoryFileStore store = new InMemoryFileStore(Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void presignedUrlsNameTheKeyMethodAndExpiryByTheGivenClock() {
        PresignedUrl url = store.presignUpload("campaigns/7/contacts list.csv", Duration.ofMinutes(10));

        assertThat(url.expiresAt()).isEqualTo(now.plus(Duration.ofMinutes(10)));
        assertThat(url.url().getScheme()).isEqualTo("memory");
        assertThat(url.url().getPath()).isEqualTo("/campaigns/7/contacts list.csv");
        assertThat(url.url().getQuery())
                .isEqualTo("method=PUT&expires=" + now.plus(Duration.ofMinutes(10)).getEpochSecond());
    }

    /** Every writer is past the check for an existing file before any stores it: each waits in its first read. */
    @Test
    void ofWritersRacingForOneKeyExactlyOneWinsAndTheFileIsTheWinners() throws Exception {
        int writers = 8;
        CyclicBarrier allPastTheCheck = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                outcomes.add(pool.submit(() -> {
                    InputStream content = new SequenceInputStream(waitFor(allPastTheCheck),
                            new ByteArrayInputStream(new byte[] {(byte) writer}));
                    try {
                        store.put("race.csv", content);
                        return writer;
                    } catch (CampaignException e) {
                        assertThat(e.code()).isEqualTo(ErrorCode.FILE_EXISTS);
                        return -1;
                    }
                }));
            }
            List<Integer> winners = new ArrayList<>();
            for (Future<Integer> outcome : outcomes) {
                int writer = outcome.get(30, TimeUnit.SECONDS);
                if (writer >= 0) {
                    winners.add(writer);
                }
            }
            assertThat(winners).hasSize(1);
            try (InputStream in = store.open("race.csv")) {
                assertThat(in.readAllBytes()).containsExactly((byte) (int) winners.get(0));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDeletedKeyMayBeWrittenAgainAsANewFile() throws Exception {
        store.put("a.csv", new byte[] {1});
        store.delete("a.csv");

        store.put("a.csv", new byte[] {2});

        try (var in = store.open("a.csv")) {
            assertThat(in.readAllBytes()).containsExactly(2);
        }
    }

    /** An empty stream whose first read waits at the barrier. */
    private static InputStream waitFor(CyclicBarrier barrier) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    barrier.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IOException("the other writers never came", e);
                }
                return -1;
            }
        };
    }

    @Test
    void bytesPutDirectlyCanBeOpenedAndDeleted() throws Exception {
        store.put("a.csv", new byte[] {1, 2, 3});

        try (var in = store.open("a.csv")) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        store.delete("a.csv");
        assertThat(store.exists("a.csv")).isFalse();
    }
}
