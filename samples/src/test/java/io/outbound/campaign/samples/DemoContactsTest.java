package io.outbound.campaign.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.testkit.CampaignTestKit;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoContactsTest {

    @Test
    void everyMadeUpContactIsAcceptedByTheImporterAsAValidDistinctNumber() {
        CampaignTestKit kit = CampaignTestKit.builder().build();
        kit.putCsv("demo.csv", DemoContacts.csv(20_000));
        Campaign campaign = kit.campaigns().create("org", CreateCampaignRequest.of("Demo", 1, "demo.csv", 5));
        assertThat(campaign.importSummary().rows()).isEqualTo(20_000);
        assertThat(campaign.importSummary().accepted()).isEqualTo(20_000);
        assertThat(campaign.contactColumns()).containsExactly("name", "company", "notes");
    }

    @Test
    void theFirstTenThousandAreInSanFranciscoAndTheRestInNewYork() {
        assertThat(DemoContacts.phoneNumber(0)).isEqualTo("+14155550000");
        assertThat(DemoContacts.phoneNumber(9_999)).isEqualTo("+14155559999");
        assertThat(DemoContacts.phoneNumber(10_000)).isEqualTo("+12125550000");
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            numbers.add(DemoContacts.phoneNumber(i));
        }
        assertThat(numbers).hasSize(20_000);
        assertThatThrownBy(() -> DemoContacts.phoneNumber(20_000)).hasMessageContaining("20000");
    }
}
