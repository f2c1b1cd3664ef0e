package io.outbound.campaign.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ContactRules;
import io.outbound.campaign.ImportSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The campaign a store returns from {@code createCampaign}. */
class NewCampaignTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void aCreatedCampaignIsADraftWithTheImportsColumnsAndEveryContactPending() {
        NewCampaign asked = new NewCampaign("org-1", "Spring renewals", 42, "contacts/spring.csv", 10, null, null,
                3L, 5L, T0, null);
        ImportSummary summary = new ImportSummary(4, 3, 1, 0, List.of());
        ContactSource.ImportResult imported = new ContactSource.ImportResult(List.of("name", "city"), summary,
                List.of("Europe/Paris"));

        Campaign created = asked.created(7, imported, 3);

        assertThat(created.id()).isEqualTo(7);
        assertThat(created.orgId()).isEqualTo("org-1");
        assertThat(created.name()).isEqualTo("Spring renewals");
        assertThat(created.workflowId()).isEqualTo(42);
        assertThat(created.maxConcurrency()).isEqualTo(10);
        assertThat(created.telephonyConfigurationId()).isEqualTo(3L);
        assertThat(created.parentCampaignId()).isEqualTo(5L);
        assertThat(created.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(created.statusReason()).isNull();
        assertThat(created.createdAt()).isEqualTo(T0);
        assertThat(created.updatedAt()).isEqualTo(T0);
        assertThat(created.startedAt()).isNull();
        assertThat(created.completedAt()).isNull();
        assertThat(created.contactColumns()).containsExactly("name", "city");
        assertThat(created.importSummary()).isEqualTo(summary);
        assertThat(created.contactZones()).containsExactly("Europe/Paris");
        assertThat(created.contactRules()).isEqualTo(ContactRules.DEFAULT);
        assertThat(created.progress().totalContacts()).isEqualTo(3);
        assertThat(created.progress().pending()).isEqualTo(3);
        assertThat(created.progress().dialled()).isZero();
        assertThat(created.progress().status()).isEqualTo(CampaignStatus.DRAFT);
    }
}
