package io.outbound.campaign.engine;

import static io.outbound.campaign.engine.Scenarios.ORG;
import static io.outbound.campaign.engine.Scenarios.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallingHours;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.RedialCampaignRequest;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.Slot;
import io.outbound.campaign.testkit.CampaignTestKit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedialScenarioTest {

    @Test
    void redialTakesExactlyTheNumbersNeverReachedWhoseLastOutcomeWasAskedFor() throws IOException {
        CampaignTestKit kit = CampaignTestKit.builder()
                .telephonyConfigs((org, id) -> Optional.of(List.of("+15550000001", "+15550000002"))).build();
        List<String> n = numbers(6);
        kit.telephony()
                .script(n.get(0), CallOutcome.COMPLETED)
                .script(n.get(1), CallOutcome.BUSY, CallOutcome.COMPLETED)       // reached on a retry
                .script(n.get(2), CallOutcome.NO_ANSWER, CallOutcome.NO_ANSWER)  // never reached: no_answer
                .script(n.get(3), CallOutcome.NO_ANSWER, CallOutcome.BUSY)       // never reached: busy
                .script(n.get(4), CallOutcome.VOICEMAIL, CallOutcome.VOICEMAIL)  // voicemail: not asked
                .script(n.get(5), CallOutcome.INVALID_NUMBER);
        CallingHours hours = CallingHours.of("UTC", Slot.of("monday", "00:00", "24:00"),
                Slot.of("tuesday", "00:00", "24:00"));
        RetryConfig retry = new RetryConfig(true, 1, 60, true, true, true);
        kit.putCsv("parent.csv", "phone_number,name,notes\n" + String.join("\n",
                n.stream().map(p -> p + ",Name " + p.substring(8) + ",\"likes, commas\"").toList()) + "\n");
        Campaign parent = kit.campaigns().create(ORG, CreateCampaignRequest.of("parent", 247, "parent.csv", 3)
                .withCallingHours(hours).withRetryConfig(retry).withTelephonyConfigurationId(7L));
        kit.campaigns().start(ORG, parent.id());
        kit.runUntilIdle();

        Campaign child = kit.campaigns().redial(ORG, parent.id(),
                new RedialCampaignRequest("parent - redial", List.of(CallOutcome.NO_ANSWER, CallOutcome.BUSY)));

        assertThat(child.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(child.parentCampaignId()).isEqualTo(parent.id());
        assertThat(child.progress().totalContacts()).isEqualTo(2);
        assertThat(child.workflowId()).isEqualTo(247);
        assertThat(child.maxConcurrency()).isEqualTo(3);
        assertThat(child.callingHours()).isEqualTo(hours);
        assertThat(child.retryConfig()).isEqualTo(retry);
        assertThat(child.telephonyConfigurationId()).isEqualTo(7L);
        assertThat(child.contactColumns()).containsExactly("name", "notes");
        String source;
        try (InputStream in = kit.files().open(child.contactsFileKey())) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(source).isEqualTo("phone_number,name,notes\r\n"
                + n.get(2) + ",Name " + n.get(2).substring(8) + ",\"likes, commas\"\r\n"
                + n.get(3) + ",Name " + n.get(3).substring(8) + ",\"likes, commas\"\r\n");
        assertThat(kit.campaigns().sourceDownloadUrl(ORG, child.id()).url().toString())
                .contains(child.contactsFileKey());

        kit.campaigns().start(ORG, child.id());
        kit.runUntilIdle();
        assertThat(kit.telephony().dialsTo(n.get(2))).hasSize(3);
        assertThat(kit.telephony().dialsTo(n.get(1))).hasSize(2);
    }

    @Test
    void aRedialOfAPausedCampaignSkipsContactsNeverDialled() {
        CampaignTestKit kit = CampaignTestKit.builder().build();
        kit.telephony().defaultOutcome(CallOutcome.NO_ANSWER);
        Campaign parent = Scenarios.started(kit, ORG, numbers(5), 2, null);
        kit.advance(java.time.Duration.ofSeconds(1));
        kit.campaigns().pause(ORG, parent.id());
        kit.runUntilIdle();

        Campaign child = kit.campaigns().redial(ORG, parent.id(),
                new RedialCampaignRequest("again", List.of(CallOutcome.NO_ANSWER)));

        assertThat(child.progress().totalContacts()).isEqualTo(2);
    }
}
