package io.outbound.campaign.engine;

import static io.outbound.campaign.engine.Scenarios.ORG;
import static io.outbound.campaign.engine.Scenarios.csv;
import static io.outbound.campaign.engine.Scenarios.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.AttemptLimit;
import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ContactRules;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.FieldError;
import io.outbound.campaign.ImportSummary;
import io.outbound.campaign.Jurisdiction;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.ReportQuery;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.Suppression;
import io.outbound.campaign.UpdateCampaignRequest;
import io.outbound.campaign.events.CampaignListener;
import io.outbound.campaign.events.ContactSkipped;
import io.outbound.campaign.testkit.CampaignTestKit;
import io.outbound.campaign.testkit.FakeTelephony;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The suppression list, opt-outs and attempt limits, through the engine on the test kit's store and clock. */
class SuppressionAndLimitsScenarioTest {

    private final CampaignTestKit kit = CampaignTestKit.builder().build();

    private Campaign start(List<String> numbers, int concurrency, RetryConfig retry, ContactRules rules) {
        String key = "uploads/" + System.nanoTime() + ".csv";
        kit.putCsv(key, csv(numbers));
        Campaign campaign = kit.campaigns().create(ORG, CreateCampaignRequest.of("Rules", 247, key, concurrency)
                .withRetryConfig(retry).withContactRules(rules));
        return kit.campaigns().start(ORG, campaign.id());
    }

    /**
     * A number suppressed after its contact was claimed, while the call waits for a dial place (a slow carrier
     * API), is not dialled: the handover refuses it, and the contact ends skipped.
     */
    @Test
    void aNumberSuppressedWhileItsClaimedCallWaitsForADialPlaceIsNeverDialled() {
        CampaignTestKit slow = CampaignTestKit.builder().engine(e -> e.dialConcurrency(1)).build();
        slow.telephony().dialLatency(Duration.ofSeconds(5)).callDuration(Duration.ofSeconds(10));
        List<String> n = numbers(4);
        slow.putCsv("c.csv", csv(n));
        Campaign draft = slow.campaigns().create(ORG, CreateCampaignRequest.of("Rules", 247, "c.csv", 4));
        Campaign campaign = slow.campaigns().start(ORG, draft.id());
        slow.advance(Duration.ofMillis(500));
        assertThat(slow.telephony().dials()).hasSize(1);
        assertThat(slow.campaigns().progress(ORG, campaign.id()).inProgress()).as("all four claimed").isEqualTo(4);

        slow.suppressions().add(ORG, n.get(3), "opted out by text message");
        slow.runUntilIdle();

        assertThat(slow.telephony().dialsTo(n.get(3))).isEmpty();
        assertThat(slow.telephony().dials()).hasSize(3);
        CampaignProgress end = slow.campaigns().progress(ORG, campaign.id());
        assertThat(end.status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(end.completed()).isEqualTo(3);
        assertThat(end.skipped()).isEqualTo(1);
    }

    @Test
    void aSuppressedNumberIsSkippedNeverDialledAndReportedWithItsReason() throws IOException {
        List<String> n = numbers(3);
        kit.suppressions().add(ORG, n.get(1), "asked by email");

        Campaign campaign = start(n, 2, null, null);
        kit.runUntilIdle();

        assertThat(kit.telephony().dialsTo(n.get(1))).isEmpty();
        assertThat(kit.telephony().dials()).hasSize(2);
        CampaignProgress progress = kit.campaigns().progress(ORG, campaign.id());
        assertThat(progress).isEqualTo(new CampaignProgress(3, 2, 2, 2, 0, 0, 0, CampaignStatus.COMPLETED, 0, 1));
        List<CSVRecord> rows = report(campaign);
        assertThat(rows).hasSize(3);
        CSVRecord skipped = rows.get(2);
        assertThat(skipped.get("phone_number")).isEqualTo(n.get(1));
        assertThat(skipped.get("name")).isEqualTo("Contact 1");
        assertThat(skipped.get("outcome")).isEqualTo("skipped");
        assertThat(skipped.get("session_id")).isEmpty();
        assertThat(skipped.get("skip_reason")).isEqualTo("suppressed: asked by email");
    }

    @Test
    void listenersAreToldOfEachSkippedContactWithItsReason() throws InterruptedException {
        List<ContactSkipped> told = new CopyOnWriteArrayList<>();
        CampaignTestKit listened = CampaignTestKit.builder().engine(e -> e.listener(new CampaignListener() {
            @Override
            public void contactSkipped(ContactSkipped event) {
                told.add(event);
            }
        })).build();
        List<String> n = numbers(3);
        listened.suppressions().add(ORG, n.get(2), "complaint");
        listened.putCsv("c.csv", csv(n));
        Campaign campaign = listened.campaigns().create(ORG, CreateCampaignRequest.of("Told", 247, "c.csv", 3));
        listened.campaigns().start(ORG, campaign.id());
        listened.runUntilIdle();

        assertThat(listened.engine().awaitEvents(Duration.ofSeconds(10))).isTrue();
        assertThat(told).singleElement().satisfies(event -> {
            assertThat(event.campaignId()).isEqualTo(campaign.id());
            assertThat(event.phoneNumber()).isEqualTo(n.get(2));
            assertThat(event.reason()).isEqualTo("suppressed: complaint");
        });
    }

    @Test
    void aCampaignThatDoesNotRespectSuppressionDialsTheNumber() {
        List<String> n = numbers(2);
        kit.suppressions().add(ORG, n.get(0), null);

        Campaign campaign = start(n, 2, null, ContactRules.DEFAULT.withRespectSuppression(false));
        kit.runUntilIdle();

        assertThat(kit.telephony().dialsTo(n.get(0))).hasSize(1);
        assertThat(kit.campaigns().progress(ORG, campaign.id()).skipped()).isZero();
    }

    @Test
    void aNumberSuppressedMidCampaignIsNeverDialledAfterwards() {
        List<String> n = numbers(5);
        kit.telephony().callDuration(Duration.ofMinutes(5));
        Campaign campaign = start(n, 1, null, null);
        kit.advance(Duration.ofMinutes(1));
        assertThat(kit.telephony().dials()).hasSize(1);

        kit.suppressions().add(ORG, n.get(3), "complaint");
        kit.runUntilIdle();

        assertThat(kit.telephony().dialsTo(n.get(3))).isEmpty();
        assertThat(kit.telephony().dials()).hasSize(4);
        assertThat(kit.campaigns().progress(ORG, campaign.id()).skipped()).isEqualTo(1);
        assertThat(kit.campaigns().get(ORG, campaign.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void anOptOutReportedWithAnOutcomeSuppressesTheNumberSoItsRetryAndOtherCampaignsSkipIt() {
        List<String> n = numbers(2);
        kit.telephony().script(n.get(0), CallOutcome.VOICEMAIL).optOut(n.get(0));
        Campaign first = start(n, 2, new RetryConfig(true, 2, 60, true, true, true), null);
        kit.runUntilIdle();

        assertThat(kit.telephony().dialsTo(n.get(0))).hasSize(1);
        Suppression entry = kit.suppressions().find(ORG, n.get(0)).orElseThrow();
        assertThat(entry.reason()).contains("opted out", "campaign " + first.id());
        assertThat(kit.campaigns().progress(ORG, first.id()))
                .isEqualTo(new CampaignProgress(2, 1, 1, 1, 0, 0, 0, CampaignStatus.COMPLETED, 0, 1));

        Campaign second = start(n, 2, null, null);
        kit.runUntilIdle();
        assertThat(kit.telephony().dialsTo(n.get(0))).hasSize(1);
        assertThat(kit.campaigns().progress(ORG, second.id()).skipped()).isEqualTo(1);
    }

    @Test
    void anAttemptLimitCountsDialsToANumberAcrossTheOrganisationsCampaigns() {
        List<String> shared = numbers(1);
        ContactRules onePerDay = ContactRules.DEFAULT.withAttemptLimits(new AttemptLimit(1, 24));
        Campaign first = start(shared, 1, null, onePerDay);
        kit.runUntilIdle();
        assertThat(kit.telephony().dialsTo(shared.get(0))).hasSize(1);

        kit.advance(Duration.ofHours(1));
        Campaign second = start(shared, 1, null, onePerDay);
        kit.advance(Duration.ofHours(2));

        assertThat(kit.telephony().dialsTo(shared.get(0))).hasSize(1);
        CampaignProgress waiting = kit.campaigns().progress(ORG, second.id());
        assertThat(waiting.retryScheduled()).isEqualTo(1);
        assertThat(waiting.status()).isEqualTo(CampaignStatus.RUNNING);

        kit.runUntilIdle();
        List<FakeTelephony.Dial> dials = kit.telephony().dialsTo(shared.get(0));
        assertThat(dials).hasSize(2);
        assertThat(Duration.between(dials.get(0).at(), dials.get(1).at())).isGreaterThanOrEqualTo(Duration.ofHours(24));
        assertThat(kit.campaigns().get(ORG, first.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(kit.campaigns().get(ORG, second.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void anotherOrganisationsDialsDoNotCountTowardsALimit() {
        List<String> shared = numbers(1);
        ContactRules onePerDay = ContactRules.DEFAULT.withAttemptLimits(new AttemptLimit(1, 24));
        start(shared, 1, null, onePerDay);
        kit.runUntilIdle();

        String key = "uploads/other.csv";
        kit.putCsv(key, csv(shared));
        Campaign other = kit.campaigns().create("org-2", CreateCampaignRequest.of("Other", 247, key, 1)
                .withContactRules(onePerDay));
        kit.campaigns().start("org-2", other.id());
        kit.advance(Duration.ofMinutes(5));

        assertThat(kit.telephony().dialsTo(shared.get(0))).hasSize(2);
    }

    @Test
    void suppressionsValidateNumbersAndReasonsAndPageByNumber() {
        assertThatThrownBy(() -> kit.suppressions().add(ORG, "4155550100", null))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("phone_number");
                });
        assertThatThrownBy(() -> kit.suppressions().add(ORG, "+14155550100", "x".repeat(501)))
                .isInstanceOfSatisfying(CampaignException.class, e ->
                        assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("reason"));
        List<String> n = numbers(3);
        kit.suppressions().add(ORG, n.get(2), "c");
        kit.suppressions().add(ORG, n.get(0), "a");
        Suppression kept = kit.suppressions().add(ORG, n.get(0), "second reason");
        kit.suppressions().add("org-2", n.get(1), "other org");

        assertThat(kept.reason()).isEqualTo("a");
        assertThat(kit.suppressions().list(ORG, PageRequest.first()).items()).extracting(Suppression::phoneNumber)
                .containsExactly(n.get(0), n.get(2));
        assertThat(kit.suppressions().contains(ORG, n.get(1))).isFalse();
        assertThat(kit.suppressions().remove(ORG, n.get(0))).isTrue();
        assertThat(kit.suppressions().remove(ORG, n.get(0))).isFalse();
        assertThat(kit.suppressions().contains(ORG, n.get(0))).isFalse();
    }

    @Test
    void aSuppressionFileIsImportedWithTheContactImportsRulesForBadRows() {
        List<String> n = numbers(3);
        kit.putCsv("optouts.csv", "phone_number,reason\n" + n.get(0) + ",stop\n4155550000,bad\n"
                + n.get(1) + ",\n" + n.get(0) + ",again\n");

        ImportSummary summary = kit.suppressions().importFile(ORG, "optouts.csv");

        assertThat(summary.accepted()).isEqualTo(2);
        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(summary.duplicates()).isEqualTo(1);
        assertThat(kit.suppressions().find(ORG, n.get(0)).orElseThrow().reason()).isEqualTo("stop");
        assertThat(kit.suppressions().find(ORG, n.get(1)).orElseThrow().reason()).isEqualTo("imported from optouts.csv");

        kit.putCsv("broken.csv", "phone_number\n" + n.get(2) + "\n\"never closed\n");
        assertThatThrownBy(() -> kit.suppressions().importFile(ORG, "broken.csv"))
                .isInstanceOfSatisfying(CampaignException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONTACTS_REJECTED));
        assertThat(kit.suppressions().contains(ORG, n.get(2))).isFalse();
    }

    @Test
    void contactRulesAreValidatedNamingEachField() {
        kit.putCsv("c.csv", csv(numbers(1)));
        ContactRules bad = new ContactRules(Jurisdiction.US, " ", List.of(new AttemptLimit(0, 24),
                new AttemptLimit(3, 8761)), true);

        assertThatThrownBy(() -> kit.campaigns().create(ORG, CreateCampaignRequest.of("Bad", 247, "c.csv", 1)
                .withContactRules(bad)))
                .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.fieldErrors())
                        .extracting(FieldError::field).containsExactly("contact_rules.timezone_column",
                                "contact_rules.attempt_limits[0].max_attempts",
                                "contact_rules.attempt_limits[1].period_hours"));
        assertThat(kit.campaigns().list(ORG, PageRequest.first()).items()).isEmpty();
    }

    @Test
    void theZoneColumnCannotChangeAfterCreateButTheOtherRulesCan() {
        kit.putCsv("c.csv", "phone_number,tz\n" + numbers(1).get(0) + ",America/Chicago\n");
        Campaign campaign = kit.campaigns().create(ORG, CreateCampaignRequest.of("Zones", 247, "c.csv", 1)
                .withContactRules(ContactRules.of(Jurisdiction.US).withTimezoneColumn("tz")));

        assertThatThrownBy(() -> kit.campaigns().update(ORG, campaign.id(), UpdateCampaignRequest.builder()
                .contactRules(ContactRules.of(Jurisdiction.US)).build()))
                .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.fieldErrors())
                        .extracting(FieldError::field).containsExactly("contact_rules.timezone_column"));
        Campaign updated = kit.campaigns().update(ORG, campaign.id(), UpdateCampaignRequest.builder()
                .contactRules(ContactRules.of(Jurisdiction.CA).withTimezoneColumn("tz")).build());
        assertThat(updated.contactRules().jurisdiction()).isEqualTo(Jurisdiction.CA);
        Campaign reset = kit.campaigns().update(ORG, campaign.id(), UpdateCampaignRequest.builder()
                .contactRules(null).build());
        assertThat(reset.contactRules()).isEqualTo(ContactRules.DEFAULT.withTimezoneColumn("tz"));
    }

    @Test
    void aZoneColumnMissingFromTheFileRejectsTheImportNamingIt() {
        kit.putCsv("c.csv", csv(numbers(1)));
        assertThatThrownBy(() -> kit.campaigns().create(ORG, CreateCampaignRequest.of("Zones", 247, "c.csv", 1)
                .withContactRules(ContactRules.DEFAULT.withTimezoneColumn("tz"))))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONTACTS_REJECTED);
                    assertThat(e.getMessage()).contains("contact_rules.timezone_column 'tz'");
                });
    }

    private List<CSVRecord> report(Campaign campaign) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        kit.campaigns().report(ORG, campaign.id(), ReportQuery.all(), out);
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString(StandardCharsets.UTF_8))).getRecords();
    }
}
