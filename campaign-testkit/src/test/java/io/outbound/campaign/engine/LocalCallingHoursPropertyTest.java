package io.outbound.campaign.engine;

import static io.outbound.campaign.engine.Scenarios.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ContactRules;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.Jurisdiction;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.testkit.CampaignTestKit;
import io.outbound.campaign.testkit.FakeTelephony;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * For random lists of numbers across zones, random start instants over several years (daylight-saving changes
 * included) and random outcomes with retries, no dial the engine makes falls outside the called person's local
 * window. The oracle is written here from the law's numbers, apart from the engine's rule table: each number's zone
 * and state are stated by hand for the few area codes used.
 */
class LocalCallingHoursPropertyTest {

    /** A number, its zone, and the local window in which the law allows a call (hours, days). */
    private record Line(String number, ZoneId zone, LocalTime opens, LocalTime closes, boolean weekdaysOnly,
                        LocalTime weekendOpens, LocalTime weekendCloses) {
    }

    private static final List<Line> US = List.of(
            new Line("+1212555%04d", ZoneId.of("America/New_York"), LocalTime.of(8, 0), LocalTime.of(21, 0), false,
                    null, null),
            new Line("+1312555%04d", ZoneId.of("America/Chicago"), LocalTime.of(8, 0), LocalTime.of(21, 0), false,
                    null, null),
            new Line("+1303555%04d", ZoneId.of("America/Denver"), LocalTime.of(8, 0), LocalTime.of(21, 0), false,
                    null, null),
            new Line("+1213555%04d", ZoneId.of("America/Los_Angeles"), LocalTime.of(8, 0), LocalTime.of(21, 0),
                    false, null, null),
            // Florida: 08:00-20:00 (and 3 calls per 24 hours).
            new Line("+1305555%04d", ZoneId.of("America/New_York"), LocalTime.of(8, 0), LocalTime.of(20, 0), false,
                    null, null));

    private static final List<Line> CA = List.of(
            new Line("+1416555%04d", ZoneId.of("America/Toronto"), LocalTime.of(9, 0), LocalTime.of(21, 30), false,
                    LocalTime.of(10, 0), LocalTime.of(18, 0)),
            new Line("+1604555%04d", ZoneId.of("America/Vancouver"), LocalTime.of(9, 0), LocalTime.of(21, 30), false,
                    LocalTime.of(10, 0), LocalTime.of(18, 0)));

    @Provide
    Arbitrary<Instant> starts() {
        // 2025 to 2029, any second: across several daylight-saving changes.
        return Arbitraries.longs().between(1_735_689_600L, 1_861_920_000L).map(Instant::ofEpochSecond);
    }

    @Property(tries = 40)
    void noDialFallsOutsideTheContactsLocalWindow(@ForAll("starts") Instant start,
                                                  @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 6)
                                                          Integer> lines,
                                                  @ForAll boolean canada,
                                                  @ForAll @IntRange(min = 60, max = 20_000) int retryDelay) {
        List<Line> table = canada ? CA : US;
        CampaignTestKit kit = CampaignTestKit.builder().startAt(start).build();
        kit.telephony().defaultOutcome(CallOutcome.NO_ANSWER);
        Map<String, Line> byNumber = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder("phone_number\n");
        for (int i = 0; i < lines.size(); i++) {
            Line line = table.get(lines.get(i) % table.size());
            String number = String.format(line.number(), 100 + i);
            byNumber.put(number, line);
            csv.append(number).append('\n');
        }
        kit.putCsv("p.csv", csv.toString());
        Campaign campaign = kit.campaigns().create(ORG, CreateCampaignRequest.of("Property", 247, "p.csv", 3)
                .withContactRules(ContactRules.of(canada ? Jurisdiction.CA : Jurisdiction.US))
                .withRetryConfig(new RetryConfig(true, 2, retryDelay, true, true, true)));
        kit.campaigns().start(ORG, campaign.id());

        kit.runUntilIdle();

        CampaignProgress progress = kit.campaigns().progress(ORG, campaign.id());
        assertThat(progress.status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(progress.failed()).isEqualTo(byNumber.size());
        for (FakeTelephony.Dial dial : kit.telephony().dials()) {
            Line line = byNumber.get(dial.request().toNumber());
            assertThat(allowed(line, dial.at())).as("dial to %s at %s (%s)", dial.request().toNumber(), dial.at(),
                    dial.at().atZone(line.zone())).isTrue();
        }
        assertThat(kit.telephony().dials()).hasSize(3 * byNumber.size());
    }

    /**
     * Started seconds before a window ends, with a slow carrier API and few dial places, so that claimed calls
     * are still waiting for a place when some zones close: none of them starts after its contact's window.
     */
    @Property(tries = 30)
    void claimedCallsStillWaitingWhenTheirWindowClosesAreNotDialled(
            @ForAll("starts") Instant day, @ForAll @IntRange(min = 0, max = 4) int line0,
            @ForAll @Size(min = 2, max = 12) List<@IntRange(min = 0, max = 4) Integer> lines,
            @ForAll @IntRange(min = 1, max = 40) int secondsBeforeTheEnd,
            @ForAll @IntRange(min = 1, max = 6) int latencySeconds, @ForAll @IntRange(min = 1, max = 3) int places) {
        Line closing = US.get(line0);
        Instant start = day.atZone(closing.zone()).toLocalDate().atTime(closing.closes()).atZone(closing.zone())
                .toInstant().minusSeconds(secondsBeforeTheEnd);
        CampaignTestKit kit = CampaignTestKit.builder().startAt(start).engine(e -> e.dialConcurrency(places)).build();
        kit.telephony().dialLatency(Duration.ofSeconds(latencySeconds)).callDuration(Duration.ofSeconds(30));
        Map<String, Line> byNumber = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder("phone_number\n");
        for (int i = 0; i < lines.size(); i++) {
            Line line = i == 0 ? closing : US.get(lines.get(i));
            String number = String.format(line.number(), 100 + i);
            byNumber.put(number, line);
            csv.append(number).append('\n');
        }
        kit.putCsv("p.csv", csv.toString());
        Campaign campaign = kit.campaigns().create(ORG, CreateCampaignRequest.of("Closing", 247, "p.csv", 12)
                .withContactRules(ContactRules.of(Jurisdiction.US)));
        kit.campaigns().start(ORG, campaign.id());

        kit.runUntilIdle();

        assertThat(kit.campaigns().progress(ORG, campaign.id()).completed()).isEqualTo(byNumber.size());
        assertThat(kit.telephony().dials()).hasSize(byNumber.size());
        for (FakeTelephony.Dial dial : kit.telephony().dials()) {
            Line line = byNumber.get(dial.request().toNumber());
            assertThat(allowed(line, dial.at())).as("dial to %s at %s (%s)", dial.request().toNumber(), dial.at(),
                    dial.at().atZone(line.zone())).isTrue();
            assertThat(dial.request().attempt()).as("a call given back is no attempt").isEqualTo(1);
        }
    }

    private static boolean allowed(Line line, Instant at) {
        ZonedDateTime local = at.atZone(line.zone());
        boolean weekend = local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
        LocalTime opens = weekend && line.weekendOpens() != null ? line.weekendOpens() : line.opens();
        LocalTime closes = weekend && line.weekendCloses() != null ? line.weekendCloses() : line.closes();
        LocalTime time = local.toLocalTime();
        return !time.isBefore(opens) && time.isBefore(closes);
    }

    @Property(tries = 10)
    void floridaNumbersTakeAtMostThreeDialsInAnyTwentyFourHours(@ForAll("starts") Instant start,
                                                               @ForAll @IntRange(min = 60, max = 3_600) int delay) {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(start).build();
        kit.telephony().defaultOutcome(CallOutcome.BUSY);
        kit.putCsv("f.csv", "phone_number\n+13055550100\n");
        Campaign campaign = kit.campaigns().create(ORG, CreateCampaignRequest.of("Florida", 247, "f.csv", 1)
                .withContactRules(ContactRules.of(Jurisdiction.US))
                .withRetryConfig(new RetryConfig(true, 6, delay, true, true, true)));
        kit.campaigns().start(ORG, campaign.id());

        kit.runUntilIdle();

        List<FakeTelephony.Dial> dials = kit.telephony().dialsTo("+13055550100");
        assertThat(dials).hasSize(7);
        for (int i = 3; i < dials.size(); i++) {
            assertThat(Duration.between(dials.get(i - 3).at(), dials.get(i).at()))
                    .as("4 dials within 24 h: %s", dials).isGreaterThanOrEqualTo(Duration.ofHours(24));
        }
    }
}
