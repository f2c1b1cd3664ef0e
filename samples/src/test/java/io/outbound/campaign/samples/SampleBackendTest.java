package io.outbound.campaign.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.CreateCampaignRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleBackendTest {

    @TempDir
    Path dir;

    @Test
    void campaignsInTheFileDatabaseOutliveTheBackendThatCreatedThem() {
        long id;
        try (SampleBackend first = SampleBackend.builder(dir.resolve("files"))
                .database(SampleDatabase.file(dir)).build()) {
            first.files().put("contacts.csv", DemoContacts.stream(5));
            id = first.campaigns().create("org", CreateCampaignRequest.of("Kept", 1, "contacts.csv", 2)).id();
            assertThat(first.storeDescription()).contains(dir.resolve("campaigns.mv.db").toString());
        }
        try (SampleBackend second = SampleBackend.builder(dir.resolve("files"))
                .database(SampleDatabase.file(dir)).build()) {
            Campaign kept = second.campaigns().get("org", id);
            assertThat(kept.name()).isEqualTo("Kept");
            assertThat(kept.status()).isEqualTo(CampaignStatus.DRAFT);
            assertThat(kept.progress().totalContacts()).isEqualTo(5);
        }
    }

    @Test
    void eachInMemoryBackendStartsEmpty() {
        for (int i = 0; i < 2; i++) {
            try (SampleBackend backend = SampleBackend.builder(dir.resolve("files" + i)).build()) {
                assertThat(backend.campaigns().list("org", io.outbound.campaign.PageRequest.first()).total()).isZero();
                backend.files().put("contacts.csv", DemoContacts.stream(3));
                backend.campaigns().create("org", CreateCampaignRequest.of("One", 1, "contacts.csv", 1));
            }
        }
    }
}
