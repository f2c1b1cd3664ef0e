package io.outbound.campaign.internal.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.internal.calendar.CallingHoursArbitraries.CalendarCase;
import io.outbound.campaign.Slot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link CallingCalendar} over random calling hours, zones and instants, checked
 * against {@link BruteForceCalendar}, which scans wall-clock minutes the obvious way.
 */
class CallingCalendarPropertyTest {

    @Provide
    Arbitrary<CalendarCase> cases() {
        return CallingHoursArbitraries.cases();
    }

    @Property(tries = 1000)
    void the_next_opening_is_never_before_the_instant_asked_about(@ForAll("cases") CalendarCase c) {
        Instant next = CallingCalendar.of(c.hours()).nextOpening(c.t());

        if (next != null) {
            assertThat(next).isAfterOrEqualTo(c.t());
        }
    }

    @Property(tries = 1000)
    void the_next_opening_is_open_whenever_any_slot_exists(@ForAll("cases") CalendarCase c) {
        CallingCalendar calendar = CallingCalendar.of(c.hours());
        Instant next = calendar.nextOpening(c.t());

        if (c.hours().slots().isEmpty()) {
            assertThat(next).isNull();
        } else {
            assertThat(next).isNotNull();
            assertThat(calendar.isOpen(next)).isTrue();
            assertThat(new BruteForceCalendar(c.hours()).isOpen(next)).isTrue();
        }
    }

    @Property(tries = 1000)
    void no_minute_between_an_instant_and_its_next_opening_is_open(@ForAll("cases") CalendarCase c) {
        BruteForceCalendar oracle = new BruteForceCalendar(c.hours());
        Instant next = CallingCalendar.of(c.hours()).nextOpening(c.t());

        if (oracle.isOpen(c.t())) {
            assertThat(next).isEqualTo(c.t());
        } else {
            // The oracle's first open minute after t is the next opening exactly: nothing open
            // in between, and no later minute reported in its place.
            assertThat(next).isEqualTo(oracle.firstOpenMinuteAfter(c.t()));
        }
    }

    @Property(tries = 1000)
    void a_call_may_start_exactly_when_the_brute_force_oracle_says_so(@ForAll("cases") CalendarCase c) {
        assertThat(CallingCalendar.of(c.hours()).isOpen(c.t()))
                .isEqualTo(new BruteForceCalendar(c.hours()).isOpen(c.t()));
    }

    @Property(tries = 1000)
    void at_slot_boundaries_of_the_local_day_a_call_may_start_exactly_when_the_oracle_says_so(
            @ForAll("cases") CalendarCase c) {
        // Random instants rarely land on a boundary; these are the instants where windows open
        // and close (or would, were it not for a gap or an overlap).
        CallingCalendar calendar = CallingCalendar.of(c.hours());
        BruteForceCalendar oracle = new BruteForceCalendar(c.hours());
        ZoneId zone = ZoneId.of(c.hours().timezone());
        LocalDate day = c.t().atZone(zone).toLocalDate();
        for (Slot slot : c.hours().slots()) {
            for (String time : new String[] {slot.start(), slot.end()}) {
                Instant boundary = time.equals("24:00")
                        ? day.plusDays(1).atStartOfDay(zone).toInstant()
                        : day.atTime(LocalTime.parse(time)).atZone(zone).toInstant();
                for (Instant t : new Instant[] {boundary.minusSeconds(60), boundary.minusNanos(1), boundary}) {
                    assertThat(calendar.isOpen(t)).as("open at %s", t).isEqualTo(oracle.isOpen(t));
                }
            }
        }
    }
}
