package io.outbound.campaign.internal.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.Jurisdiction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Properties of {@link JurisdictionRules}' windows over random jurisdictions, regions, zone sets and instants,
 * checked against {@link LocalRulesOracle}, which applies the rules to each zone's local time directly.
 */
class JurisdictionRulesPropertyTest {

    /** Real zones: the four US mainland zones, Arizona, Alaska, Hawaii, Canada's half-hour Newfoundland and
     * DST-less Saskatchewan, Europe, India and Lord Howe's half-hour DST. */
    private static final List<String> ZONES = List.of("America/New_York", "America/Chicago", "America/Denver",
            "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/St_Johns",
            "America/Halifax", "America/Regina", "Europe/Paris", "Europe/London", "Asia/Kolkata",
            "Australia/Lord_Howe");

    private static final long FROM = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2031-12-20T00:00:00Z").getEpochSecond();

    /** A contact, a jurisdiction and an instant to ask about. */
    record Case(Jurisdiction jurisdiction, ContactZone zone, Instant t) {
    }

    @Provide
    Arbitrary<Case> cases() {
        // France most often: its holidays make the most dates to get wrong.
        Arbitrary<Jurisdiction> jurisdiction = Arbitraries.frequency(Tuple.of(1, Jurisdiction.NONE),
                Tuple.of(3, Jurisdiction.US), Tuple.of(2, Jurisdiction.CA), Tuple.of(4, Jurisdiction.FR));
        Arbitrary<String> region = Arbitraries.of("", "US", "US-FL", "US-OK", "US-MD", "CA", "FR", "GB");
        Arbitrary<List<String>> zones = Arbitraries.of(ZONES).list().ofMinSize(1).ofMaxSize(3).uniqueElements();
        Arbitrary<Long> anySecond = Arbitraries.longs().between(FROM, TO);
        // Half of the instants near a zone's offset transition or a French holiday, where rules are easiest to get
        // wrong; the rest anywhere. Exactly on a minute half of the time: where windows open and close.
        Arbitrary<Integer> near = Arbitraries.of(0, 1, 2, 2, 2);
        Arbitrary<Integer> minutesAway = Arbitraries.integers().between(-2880, 2880);
        Arbitrary<Integer> seconds = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(0, 59)));
        Arbitrary<Integer> nanos = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(0, 999_999_999)));
        return Combinators.combine(jurisdiction, region, zones, anySecond, near, minutesAway, seconds, nanos)
                .as((j, r, z, second, kind, away, s, n) -> new Case(j, new ContactZone(r, z),
                        instant(z.get(0), second, kind, away).plusSeconds(s).plusNanos(n)));
    }

    private static Instant instant(String zone, long epochSecond, int kind, int minutesAway) {
        Instant base = Instant.ofEpochSecond(epochSecond - Math.floorMod(epochSecond, 60L));
        if (kind == 1) {
            ZoneOffsetTransition transition = ZoneId.of(zone).getRules().nextTransition(base);
            if (transition != null) {
                return transition.getInstant().plusSeconds(minutesAway * 60L);
            }
        } else if (kind == 2) {
            // One of the year's holidays, each as likely as the others (the next one after a random date would
            // favour those after a long gap).
            int year = base.atZone(ZoneId.of(zone)).getYear();
            List<LocalDate> holidays = LocalDate.of(year, 1, 1).datesUntil(LocalDate.of(year + 1, 1, 1))
                    .filter(LocalRulesOracle::isFrenchHoliday).toList();
            LocalDate day = holidays.get((int) Math.floorMod(epochSecond / 60, (long) holidays.size()));
            return day.atStartOfDay(ZoneId.of(zone)).toInstant().plusSeconds(minutesAway * 60L);
        }
        return base;
    }

    @Property(tries = 1000)
    void a_call_may_start_exactly_when_the_oracle_says_the_rules_allow_it(@ForAll("cases") Case c) {
        LocalWindow window = JurisdictionRules.window(c.jurisdiction(), c.zone());

        assertThat(window.isOpen(c.t()))
                .isEqualTo(LocalRulesOracle.isOpen(c.jurisdiction(), c.zone().region(), c.zone().zones(), c.t()));
    }

    @Property(tries = 200)
    void the_next_opening_is_the_first_instant_the_oracle_allows(@ForAll("cases") Case c) {
        Instant next = JurisdictionRules.window(c.jurisdiction(), c.zone()).nextOpening(c.t());
        Instant expected = LocalRulesOracle.nextOpening(c.jurisdiction(), c.zone().region(), c.zone().zones(), c.t());

        if (expected != null) {
            assertThat(next).isEqualTo(expected);
        } else {
            // Nothing within the oracle's horizon: the windows never meet, or meet later than it looks.
            assertThat(next == null || next.isAfter(c.t().plus(LocalRulesOracle.HORIZON)))
                    .as("next opening %s", next).isTrue();
        }
    }
}
