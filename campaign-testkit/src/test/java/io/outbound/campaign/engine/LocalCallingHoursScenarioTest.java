package io.outbound.campaign.engine;

import static io.outbound.campaign.engine.Scenarios.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ContactRules;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.Jurisdiction;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.WaitingContacts;
import io.outbound.campaign.testkit.CampaignTestKit;
import io.outbound.campaign.testkit.FakeTelephony;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calls under a jurisdiction start only inside the law's hours in the called person's local time, whatever the zone
 * the campaign was started in: each number's zone comes from the number (or the CSV's zone column).
 */
class LocalCallingHoursScenarioTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String NY = "+12125550101";
    private static final String LA = "+12135550101";
    private static final String MIAMI = "+13055550101";

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    private static Campaign start(CampaignTestKit kit, String csv, ContactRules rules, RetryConfig retry) {
        String key = "uploads/" + System.nanoTime() + ".csv";
        kit.putCsv(key, csv);
        Campaign campaign = kit.campaigns().create(ORG, CreateCampaignRequest.of("Local", 247, key, 10)
                .withContactRules(rules).withRetryConfig(retry));
        return kit.campaigns().start(ORG, campaign.id());
    }

    private static Instant firstDial(CampaignTestKit kit, String number) {
        List<FakeTelephony.Dial> dials = kit.telephony().dialsTo(number);
        assertThat(dials).as("dials to %s", number).isNotEmpty();
        return dials.get(0).at();
    }

    @Test
    void underUsLosAngelesWaitsForEightPacificWhileNewYorkAndMiamiAreCalledAtOnce() {
        // Wednesday 3 March 2027, 08:30 in New York: 05:30 in Los Angeles.
        CampaignTestKit kit = CampaignTestKit.builder().startAt(at("2027-03-03T08:30", NEW_YORK)).build();
        Campaign campaign = start(kit, "phone_number\n" + NY + "\n" + LA + "\n" + MIAMI + "\n",
                ContactRules.of(Jurisdiction.US), null);

        kit.advance(Duration.ofMinutes(10));
        assertThat(kit.telephony().dialsTo(LA)).isEmpty();
        assertThat(kit.campaigns().get(ORG, campaign.id()).statusReason()).isEqualTo("waiting for local calling "
                + "hours: contacts of 1 of 3 time zones; the next opens at " + at("2027-03-03T08:00", LOS_ANGELES));
        assertThat(kit.campaigns().waiting(ORG, campaign.id()))
                .isEqualTo(new WaitingContacts(1, 0, at("2027-03-03T08:00", LOS_ANGELES)));
        assertThat(firstDial(kit, NY)).isEqualTo(at("2027-03-03T08:30", NEW_YORK));
        assertThat(firstDial(kit, MIAMI)).isEqualTo(at("2027-03-03T08:30", NEW_YORK));

        kit.runUntilIdle();
        assertThat(firstDial(kit, LA)).isEqualTo(at("2027-03-03T08:00", LOS_ANGELES));
        assertThat(kit.campaigns().get(ORG, campaign.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    /**
     * Miami's calls claimed before 20:00 Eastern but still waiting for a slow carrier at 20:00 are given back, not
     * dialled; New York's go on, claimed again, until nine.
     */
    @Test
    void queuedCallsOfAZoneThatClosesAreNotDialledWhileAnotherZonesGoOn() {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(at("2027-03-03T19:59:50", NEW_YORK))
                .engine(e -> e.dialConcurrency(2)).build();
        kit.telephony().dialLatency(Duration.ofSeconds(4)).callDuration(Duration.ofSeconds(20));
        StringBuilder csv = new StringBuilder("phone_number\n");
        List<String> miami = new java.util.ArrayList<>();
        List<String> newYork = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            miami.add(String.format("+1305555%04d", 200 + i));
            newYork.add(String.format("+1212555%04d", 200 + i));
            csv.append(miami.get(i)).append('\n').append(newYork.get(i)).append('\n');
        }
        Campaign campaign = start(kit, csv.toString(), ContactRules.of(Jurisdiction.US), null);

        kit.advance(Duration.ofMinutes(10));

        Instant eight = at("2027-03-03T20:00", NEW_YORK);
        List<FakeTelephony.Dial> miamiToday = kit.telephony().dials().stream()
                .filter(d -> miami.contains(d.request().toNumber())).toList();
        assertThat(miamiToday).isNotEmpty().allSatisfy(d -> assertThat(d.at()).isBefore(eight));
        assertThat(miamiToday.size()).as("some of Miami's calls were still queued at eight").isLessThan(10);
        assertThat(kit.telephony().dials().stream().filter(d -> newYork.contains(d.request().toNumber())))
                .hasSize(10).anySatisfy(d -> assertThat(d.at()).isAfter(eight));

        kit.runUntilIdle();

        List<FakeTelephony.Dial> miamiLater = kit.telephony().dials().stream()
                .filter(d -> miami.contains(d.request().toNumber())).skip(miamiToday.size()).toList();
        assertThat(miamiLater).hasSize(10 - miamiToday.size()).allSatisfy(d -> {
            assertThat(d.at()).isAfterOrEqualTo(at("2027-03-04T08:00", NEW_YORK));
            assertThat(d.request().attempt()).isEqualTo(1);
        });
        assertThat(kit.campaigns().progress(ORG, campaign.id()).completed()).isEqualTo(20);
    }

    /** A jurisdiction set by an update at 21:30 Eastern: New York calls claimed before it do not start. */
    @Test
    void aJurisdictionAddedMidRunStopsTheCallsClaimedBeforeIt() {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(at("2027-03-03T21:30", NEW_YORK))
                .engine(e -> e.dialConcurrency(1)).build();
        kit.telephony().dialLatency(Duration.ofSeconds(4)).callDuration(Duration.ofSeconds(20));
        StringBuilder csv = new StringBuilder("phone_number\n");
        for (int i = 0; i < 8; i++) {
            csv.append(String.format("+1212555%04d", 300 + i)).append('\n');
        }
        Campaign campaign = start(kit, csv.toString(), null, null);
        kit.advance(Duration.ofSeconds(2));
        int before = kit.telephony().dials().size();
        assertThat(before).isBetween(1, 7);

        Instant changed = kit.clock().instant();
        kit.campaigns().update(ORG, campaign.id(), io.outbound.campaign.UpdateCampaignRequest.builder()
                .contactRules(ContactRules.of(Jurisdiction.US)).build());
        kit.advance(Duration.ofHours(1));

        assertThat(kit.telephony().dials()).hasSize(before).allSatisfy(d -> assertThat(d.at()).isBefore(changed));
        kit.runUntilIdle();
        assertThat(kit.telephony().dials()).hasSize(8);
        assertThat(kit.telephony().dials().subList(before, 8)).allSatisfy(d -> {
            assertThat(d.at()).isAfterOrEqualTo(at("2027-03-04T08:00", NEW_YORK));
            assertThat(d.request().attempt()).isEqualTo(1);
        });
    }

    @Test
    void underUsMiamiStopsAtEightPmEasternWhileNewYorkGoesOnToNine() {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(at("2027-03-03T19:50", NEW_YORK)).build();
        kit.telephony().script(NY, CallOutcome.BUSY, CallOutcome.COMPLETED);
        kit.telephony().script(MIAMI, CallOutcome.BUSY, CallOutcome.COMPLETED);
        start(kit, "phone_number\n" + NY + "\n" + MIAMI + "\n", ContactRules.of(Jurisdiction.US),
                new RetryConfig(true, 1, 900, true, true, true));

        kit.runUntilIdle();

        List<FakeTelephony.Dial> ny = kit.telephony().dialsTo(NY);
        List<FakeTelephony.Dial> miami = kit.telephony().dialsTo(MIAMI);
        assertThat(ny).hasSize(2);
        assertThat(miami).hasSize(2);
        // The retries fall due at 20:05:30 Eastern: New York's is dialled then, Miami's waits for 08:00 the next day.
        assertThat(ny.get(1).at()).isEqualTo(at("2027-03-03T20:05:30", NEW_YORK));
        assertThat(miami.get(1).at()).isEqualTo(at("2027-03-04T08:00", NEW_YORK));
    }

    @Test
    void aZoneColumnOverridesTheNumbersZone() {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(at("2027-03-03T08:30", NEW_YORK)).build();
        start(kit, "phone_number,tz\n" + NY + ",America/Los_Angeles\n" + LA + ",not a zone\n",
                ContactRules.of(Jurisdiction.US).withTimezoneColumn("tz"), null);

        kit.runUntilIdle();

        // The New York number is said to live in Los Angeles; the Los Angeles number's bad zone falls back to its own.
        assertThat(firstDial(kit, NY)).isEqualTo(at("2027-03-03T08:00", LOS_ANGELES));
        assertThat(firstDial(kit, LA)).isEqualTo(at("2027-03-03T08:00", LOS_ANGELES));
    }

    @Test
    void onTheDayClocksGoForwardLosAngelesStillWaitsForEightLocal() {
        // Sunday 14 March 2027: clocks go forward at 02:00 in both zones.
        CampaignTestKit kit = CampaignTestKit.builder().startAt(at("2027-03-14T01:30", NEW_YORK)).build();
        start(kit, "phone_number\n" + NY + "\n" + LA + "\n", ContactRules.of(Jurisdiction.US), null);

        kit.runUntilIdle();

        assertThat(firstDial(kit, NY)).isEqualTo(at("2027-03-14T08:00", NEW_YORK));
        assertThat(firstDial(kit, LA)).isEqualTo(at("2027-03-14T08:00", LOS_ANGELES));
        assertThat(Duration.between(firstDial(kit, NY), firstDial(kit, LA))).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void underCaASaturdayCallWaitsForTenLocal() {
        // Saturday 6 March 2027, 09:30 in Toronto.
        CampaignTestKit kit = CampaignTestKit.builder().startAt(at("2027-03-06T09:30", TORONTO)).build();
        start(kit, "phone_number\n+14165550101\n", ContactRules.of(Jurisdiction.CA), null);

        kit.runUntilIdle();

        assertThat(firstDial(kit, "+14165550101")).isEqualTo(at("2027-03-06T10:00", TORONTO));
    }

    @Test
    void underFrNoCallOnEasterMondayNorOverLunch() {
        // Easter Monday 29 March 2027, 10:30 in Paris: a public holiday.
        CampaignTestKit kit = CampaignTestKit.builder().startAt(at("2027-03-29T10:30", PARIS)).build();
        kit.telephony().script("+33142685300", CallOutcome.NO_ANSWER, CallOutcome.COMPLETED);
        start(kit, "phone_number\n+33142685300\n", ContactRules.of(Jurisdiction.FR),
                new RetryConfig(true, 1, 7200, true, true, true));

        kit.runUntilIdle();

        List<FakeTelephony.Dial> dials = kit.telephony().dialsTo("+33142685300");
        assertThat(dials).hasSize(2);
        assertThat(dials.get(0).at()).isEqualTo(at("2027-03-30T10:00", PARIS));
        // Its retry falls due at 12:00:30, inside the morning window.
        assertThat(dials.get(1).at()).isEqualTo(at("2027-03-30T12:00:30", PARIS));
    }

    @Test
    void underFrARetryDueOverLunchWaitsForTwo() {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(at("2027-03-30T12:30", PARIS)).build();
        kit.telephony().script("+33142685300", CallOutcome.BUSY, CallOutcome.COMPLETED);
        start(kit, "phone_number\n+33142685300\n", ContactRules.of(Jurisdiction.FR),
                new RetryConfig(true, 1, 1800, true, true, true));

        kit.runUntilIdle();

        List<FakeTelephony.Dial> dials = kit.telephony().dialsTo("+33142685300");
        assertThat(dials).hasSize(2);
        assertThat(dials.get(0).at()).isEqualTo(at("2027-03-30T12:30", PARIS));
        assertThat(dials.get(1).at()).isEqualTo(at("2027-03-30T14:00", PARIS));
    }

    @Test
    void aNumberWhoseZoneCannotBeKnownIsSkippedUnderAJurisdiction() {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(at("2027-03-03T12:00", NEW_YORK)).build();
        // A UK non-geographic (personal) number: no zone of its own, but the UK has one zone; an international
        // shared-cost number (+800) has no region at all.
        Campaign campaign = start(kit, "phone_number\n+80012345678\n" + NY + "\n", ContactRules.of(Jurisdiction.US),
                null);

        kit.runUntilIdle();

        assertThat(kit.telephony().dialsTo("+80012345678")).isEmpty();
        assertThat(kit.campaigns().progress(ORG, campaign.id()).skipped()).isEqualTo(1);
        assertThat(kit.campaigns().get(ORG, campaign.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
    }
}
