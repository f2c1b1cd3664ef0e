package io.outbound.campaign.internal.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CallingHours;
import io.outbound.campaign.Slot;
import io.outbound.campaign.internal.calendar.CallingCalendar;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalWindowsTest {

    private static LocalWindow hours(String zone, Slot... slots) {
        return CallingCalendar.of(CallingHours.of(zone, slots));
    }

    private static Instant utc(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void always_is_open_at_every_instant_and_opens_at_once() {
        Instant t = utc("2027-03-14T06:59:59.999Z");

        assertThat(LocalWindows.ALWAYS.isOpen(t)).isTrue();
        assertThat(LocalWindows.ALWAYS.nextOpening(t)).isEqualTo(t);
    }

    @Test
    void all_of_no_window_is_always_open_and_all_of_one_window_is_that_window() {
        LocalWindow monday = hours("UTC", Slot.of("monday", "09:00", "10:00"));

        assertThat(LocalWindows.allOf(List.of())).isSameAs(LocalWindows.ALWAYS);
        assertThat(LocalWindows.allOf(List.of(monday))).isSameAs(monday);
    }

    @Test
    void all_of_two_overlapping_windows_is_open_only_where_both_are() {
        // New York 09:00-17:00 is 13:00-21:00 UTC in June; London 09:00-17:00 is 08:00-16:00 UTC.
        LocalWindow both = LocalWindows.allOf(List.of(
                hours("America/New_York", Slot.of("monday", "09:00", "17:00")),
                hours("Europe/London", Slot.of("monday", "09:00", "17:00"))));

        assertThat(both.isOpen(utc("2027-06-14T12:59:00Z"))).isFalse();
        assertThat(both.isOpen(utc("2027-06-14T13:00:00Z"))).isTrue();
        assertThat(both.isOpen(utc("2027-06-14T15:59:59Z"))).isTrue();
        assertThat(both.isOpen(utc("2027-06-14T16:00:00Z"))).isFalse();
        assertThat(both.nextOpening(utc("2027-06-14T08:00:00Z"))).isEqualTo(utc("2027-06-14T13:00:00Z"));
        assertThat(both.nextOpening(utc("2027-06-14T16:00:00Z"))).isEqualTo(utc("2027-06-21T13:00:00Z"));
    }

    @Test
    void the_fixpoint_steps_over_openings_of_one_window_that_the_other_does_not_share() {
        // Part a opens at 09:00 and 15:00 UTC each Monday for an hour; part b only at 15:30.
        LocalWindow both = LocalWindows.allOf(List.of(
                hours("UTC", Slot.of("monday", "09:00", "10:00"), Slot.of("monday", "15:00", "16:00")),
                hours("UTC", Slot.of("monday", "15:30", "18:00"))));

        assertThat(both.nextOpening(utc("2027-06-14T00:00:00Z"))).isEqualTo(utc("2027-06-14T15:30:00Z"));
    }

    @Test
    void windows_that_never_meet_give_no_opening() {
        // Monday 09:00-10:00 in New York and in Tokyo are 13-15 hours apart in real time.
        LocalWindow both = LocalWindows.allOf(List.of(
                hours("America/New_York", Slot.of("monday", "09:00", "10:00")),
                hours("Asia/Tokyo", Slot.of("monday", "09:00", "10:00"))));

        assertThat(both.nextOpening(utc("2027-06-14T00:00:00Z"))).isNull();
    }

    @Test
    void a_part_that_never_opens_makes_the_whole_never_open() {
        LocalWindow never = CallingCalendar.of(new CallingHours("UTC", List.of()));
        LocalWindow both = LocalWindows.allOf(List.of(LocalWindows.ALWAYS, never));

        assertThat(both.isOpen(utc("2027-06-14T12:00:00Z"))).isFalse();
        assertThat(both.nextOpening(utc("2027-06-14T12:00:00Z"))).isNull();
    }

    @Test
    void a_search_that_creeps_forward_without_meeting_fails_as_a_defect_rather_than_looping() {
        // Open on even nanoseconds and on odd ones: each round moves a nanosecond, never towards the horizon.
        LocalWindow even = parity(0);
        LocalWindow odd = parity(1);

        assertThatThrownBy(() -> LocalWindows.allOf(List.of(even, odd)).nextOpening(utc("2027-06-14T12:00:00Z")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("within " + LocalWindows.MAX_ROUNDS + " rounds after 2027-06-14T12:00:00Z");
    }

    private static LocalWindow parity(int open) {
        return new LocalWindow() {
            @Override
            public boolean isOpen(Instant t) {
                return t.getNano() % 2 == open;
            }

            @Override
            public Instant nextOpening(Instant t) {
                return isOpen(t) ? t : t.plusNanos(1);
            }
        };
    }
}
