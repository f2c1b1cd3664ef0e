package io.outbound.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ContactRules;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.Jurisdiction;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.memory.InMemoryFileStore;
import io.outbound.campaign.spi.TelephonyConfigs;
import io.outbound.campaign.testkit.FakeTelephony;
import io.outbound.campaign.testkit.ManualClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Florida's 3 dials per 24 hours and its 08:00-20:00 window, with two campaigns of one organisation calling the same
 * numbers from three engine nodes (each its own pool and store) on one PostgreSQL, counted by the telephony: every
 * dial any node placed, in virtual time shared by the nodes.
 */
class PostgresContactRulesClusterTest {

    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private static final ZoneId EASTERN = ZoneId.of("America/New_York");
    private static final String ORG = "org-1";
    private final List<CampaignEngine> engines = new ArrayList<>();
    private final List<FakeTelephony> telephonies = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(CampaignEngine::close);
    }

    @Test
    void threeNodesAndTwoCampaignsNeverDialAFloridaNumberAFourthTimeInADayNorAfterEightPm() {
        // Monday 1 March 2027, 09:00 in Miami.
        ManualClock clock = new ManualClock(LocalDateTime.parse("2027-03-01T09:00").atZone(EASTERN).toInstant());
        InMemoryFileStore files = new InMemoryFileStore(clock);
        DataSource first = DATABASES.postgres(4);
        List<String> callerNumbers = IntStream.range(0, 20).mapToObj(i -> String.format("+1555000%04d", i)).toList();
        for (int i = 0; i < 3; i++) {
            DataSource pool = i == 0 ? first : DATABASES.sameSchema(first, 4);
            FakeTelephony telephony = new FakeTelephony(clock).defaultOutcome(CallOutcome.BUSY)
                    .callDuration(Duration.ofSeconds(20));
            CampaignEngine engine = CampaignEngine.builder()
                    .store(JdbcCampaignStore.builder(pool).createSchemaIfMissing(true).build())
                    .files(files).telephony(telephony).clock(clock).nodeId("node-" + i)
                    .telephonyConfigs(TelephonyConfigs.defaultNumbers(callerNumbers))
                    // Longer than a step of the virtual clock: no node is taken for dead between its turns.
                    .leaseTimeout(Duration.ofHours(1))
                    .build();
            telephony.connect(engine.calls());
            engines.add(engine);
            telephonies.add(telephony);
        }
        List<String> miami = IntStream.range(0, 4).mapToObj(i -> String.format("+1305555%04d", 100 + i)).toList();
        String csv = "phone_number\n" + String.join("\n", miami) + "\n";
        files.put("miami.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        RetryConfig often = new RetryConfig(true, 5, 600, true, true, true);
        List<Campaign> campaigns = new ArrayList<>();
        for (String name : List.of("first", "second")) {
            Campaign campaign = engines.get(0).campaigns().create(ORG, CreateCampaignRequest.of(name, 247,
                    "miami.csv", 10).withRetryConfig(often).withContactRules(ContactRules.of(Jurisdiction.US)));
            campaigns.add(engines.get(0).campaigns().start(ORG, campaign.id()));
        }

        // Five days in steps of ten minutes, each node in turn (another first each step) claiming, dialling and
        // hearing its outcomes.
        Instant end = clock.instant().plus(Duration.ofDays(5));
        for (int step = 0; clock.instant().isBefore(end); step++) {
            for (int k = 0; k < engines.size(); k++) {
                int i = (step + k) % engines.size();
                engines.get(i).runOnce();
                telephonies.get(i).deliverDue(clock.instant());
            }
            clock.advance(Duration.ofMinutes(10));
        }

        List<FakeTelephony.Dial> dials = telephonies.stream().flatMap(t -> t.dials().stream())
                .sorted(Comparator.comparing(FakeTelephony.Dial::at)).toList();
        // Two campaigns of six attempts each: twelve dials per number, at most three a day.
        assertThat(dials).hasSize(12 * miami.size());
        assertThat(telephonies).allSatisfy(t -> assertThat(t.dials()).as("every node dialled").isNotEmpty());
        for (String number : miami) {
            List<Instant> times = dials.stream().filter(d -> d.request().toNumber().equals(number))
                    .map(FakeTelephony.Dial::at).toList();
            for (int i = 3; i < times.size(); i++) {
                assertThat(Duration.between(times.get(i - 3), times.get(i))).as("4 dials to %s within 24 h: %s",
                        number, times).isGreaterThanOrEqualTo(Duration.ofHours(24));
            }
            assertThat(times).allSatisfy(t -> assertThat(t.atZone(EASTERN).getHour()).as("%s", t.atZone(EASTERN))
                    .isBetween(8, 19));
        }
        assertThat(campaigns).allSatisfy(c -> assertThat(engines.get(0).campaigns().get(ORG, c.id()).status())
                .isEqualTo(CampaignStatus.COMPLETED));
    }
}
