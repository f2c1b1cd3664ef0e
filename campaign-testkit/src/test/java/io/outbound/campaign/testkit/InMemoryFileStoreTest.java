package io.outbound.campaign.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.PresignedUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
