package io.outbound.campaign.internal.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CallingHours;
import io.outbound.campaign.Slot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CallingCalendarTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static CallingCalendar calendar(String zone, Slot... slots) {
        return CallingCalendar.of(CallingHours.of(zone, slots));
    }

    private static CallingCalendar weekdaysNineToFive() {
        return calendar("America/New_York",
                Slot.of("monday", "09:00", "17:00"), Slot.of("tuesday", "09:00", "17:00"),
                Slot.of("wednesday", "09:00", "17:00"), Slot.of("thursday", "09:00", "17:00"),
                Slot.of("friday", "09:00", "17:00"));
    }

    private static Instant local(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    private static Instant utc(String instant) {
        return Instant.parse(instant);
    }

    @Nested
    @DisplayName("a weekday 09:00-17:00 calendar in New York")
    class Weekdays {

        private final CallingCalendar calendar = weekdaysNineToFive();

        @Test
        void saturday_noon_waits_for_monday_nine_local() {
            Instant saturdayNoon = local("2026-06-13T12:00", NEW_YORK);

            assertThat(calendar.isOpen(saturdayNoon)).isFalse();
            assertThat(calendar.nextOpening(saturdayNoon)).isEqualTo(local("2026-06-15T09:00", NEW_YORK));
            assertThat(calendar.nextOpening(saturdayNoon)).isEqualTo(utc("2026-06-15T13:00:00Z"));
        }

        @Test
        void friday_sixteen_fifty_nine_is_still_open_to_its_last_nanosecond() {
            Instant lastMinute = local("2026-06-12T16:59", NEW_YORK);
            Instant lastNano = lastMinute.plusSeconds(59).plusNanos(999_999_999);

            assertThat(calendar.isOpen(lastMinute)).isTrue();
            assertThat(calendar.isOpen(lastNano)).isTrue();
            assertThat(calendar.nextOpening(lastNano)).isEqualTo(lastNano);
        }

        @Test
        void friday_seventeen_hundred_is_closed_until_monday_nine() {
            Instant fridayFive = local("2026-06-12T17:00", NEW_YORK);

            assertThat(calendar.isOpen(fridayFive)).isFalse();
            assertThat(calendar.nextOpening(fridayFive)).isEqualTo(local("2026-06-15T09:00", NEW_YORK));
        }

        @Test
        void an_open_instant_is_its_own_next_opening_with_its_nanoseconds_kept() {
            Instant t = local("2026-06-10T10:15:07.123456789", NEW_YORK);

            assertThat(calendar.nextOpening(t)).isSameAs(t);
        }

        @Test
        void a_weekday_morning_before_nine_opens_at_nine_the_same_day() {
            Instant early = local("2026-06-10T08:59:59.5", NEW_YORK);

            assertThat(calendar.isOpen(early)).isFalse();
            assertThat(calendar.nextOpening(early)).isEqualTo(local("2026-06-10T09:00", NEW_YORK));
        }
    }

    @Test
    void several_slots_on_one_day_leave_the_gap_between_them_closed() {
        CallingCalendar calendar = calendar("America/New_York",
                Slot.of("wednesday", "14:00", "17:00"), Slot.of("wednesday", "09:00", "12:00"));

        assertThat(calendar.isOpen(local("2026-06-10T11:59", NEW_YORK))).isTrue();
        assertThat(calendar.isOpen(local("2026-06-10T12:00", NEW_YORK))).isFalse();
        assertThat(calendar.nextOpening(local("2026-06-10T12:30", NEW_YORK)))
                .isEqualTo(local("2026-06-10T14:00", NEW_YORK));
        assertThat(calendar.nextOpening(local("2026-06-10T17:00", NEW_YORK)))
                .isEqualTo(local("2026-06-17T09:00", NEW_YORK));
    }

    @Test
    void adjacent_and_overlapping_slots_merge_into_one_window() {
        CallingCalendar adjacent = calendar("UTC",
                Slot.of("monday", "09:00", "12:00"), Slot.of("monday", "12:00", "17:00"));
        CallingCalendar overlapping = calendar("UTC",
                Slot.of("monday", "12:30", "15:00"), Slot.of("monday", "09:00", "13:00"),
                Slot.of("monday", "10:00", "11:00"));

        assertThat(adjacent.isOpen(utc("2026-06-15T12:00:00Z"))).isTrue();
        assertThat(adjacent.nextOpening(utc("2026-06-15T12:00:00Z"))).isEqualTo(utc("2026-06-15T12:00:00Z"));
        assertThat(overlapping.isOpen(utc("2026-06-15T13:30:00Z"))).isTrue();
        assertThat(overlapping.isOpen(utc("2026-06-15T15:00:00Z"))).isFalse();
        assertThat(overlapping).isEqualTo(calendar("UTC", Slot.of("monday", "09:00", "15:00")));
    }

    @Test
    void a_slot_ending_at_24_00_runs_to_midnight_and_joins_a_next_day_slot_from_00_00() {
        CallingCalendar calendar = calendar("Europe/London",
                Slot.of("monday", "20:00", "24:00"), Slot.of("tuesday", "00:00", "02:00"));
        ZoneId london = ZoneId.of("Europe/London");

        assertThat(calendar.nextOpening(local("2026-06-15T19:00", london))).isEqualTo(local("2026-06-15T20:00", london));
        assertThat(calendar.isOpen(local("2026-06-15T23:59:59.999", london))).isTrue();
        assertThat(calendar.isOpen(local("2026-06-16T00:00", london))).isTrue();
        assertThat(calendar.isOpen(local("2026-06-16T01:59", london))).isTrue();
        assertThat(calendar.isOpen(local("2026-06-16T02:00", london))).isFalse();
        assertThat(calendar.nextOpening(local("2026-06-16T02:00", london))).isEqualTo(local("2026-06-22T20:00", london));
    }

    @Test
    void a_calendar_with_slots_only_on_sunday_waits_up_to_a_week() {
        CallingCalendar calendar = calendar("Europe/London", Slot.of("sunday", "10:00", "11:00"));
        ZoneId london = ZoneId.of("Europe/London");

        assertThat(calendar.nextOpening(local("2026-06-15T10:30", london))).isEqualTo(local("2026-06-21T10:00", london));
        assertThat(calendar.nextOpening(local("2026-06-14T09:00", london))).isEqualTo(local("2026-06-14T10:00", london));
        assertThat(calendar.nextOpening(local("2026-06-14T11:00", london))).isEqualTo(local("2026-06-21T10:00", london));
    }

    @Nested
    @DisplayName("daylight saving in New York, 2026")
    class NewYorkDaylightSaving {

        @Test
        void the_spring_forward_day_is_a_sunday_at_two_local() {
            assertThat(NEW_YORK.getRules().nextTransition(utc("2026-03-01T00:00:00Z")).getInstant())
                    .isEqualTo(utc("2026-03-08T07:00:00Z"));
        }

        @Test
        void a_window_reaching_into_the_spring_forward_gap_runs_from_0130_est_to_0300_edt() {
            CallingCalendar calendar = calendar("America/New_York", Slot.of("sunday", "01:30", "03:00"));

            assertThat(calendar.nextOpening(utc("2026-03-08T06:00:00Z"))).isEqualTo(utc("2026-03-08T06:30:00Z"));
            assertThat(calendar.isOpen(utc("2026-03-08T06:59:59Z"))).isTrue();
            assertThat(calendar.isOpen(utc("2026-03-08T07:00:00Z"))).isFalse();
            assertThat(calendar.nextOpening(utc("2026-03-08T07:00:00Z")))
                    .isEqualTo(local("2026-03-15T01:30", NEW_YORK))
                    .isEqualTo(utc("2026-03-15T05:30:00Z"));
        }

        @Test
        void a_window_starting_inside_the_gap_opens_at_the_first_instant_after_it() {
            CallingCalendar calendar = calendar("America/New_York", Slot.of("sunday", "02:30", "04:00"));

            assertThat(calendar.isOpen(utc("2026-03-08T06:59:59Z"))).isFalse();
            assertThat(calendar.nextOpening(utc("2026-03-08T05:00:00Z"))).isEqualTo(utc("2026-03-08T07:00:00Z"));
            assertThat(calendar.isOpen(utc("2026-03-08T07:59:00Z"))).isTrue();
            assertThat(calendar.isOpen(utc("2026-03-08T08:00:00Z"))).isFalse();
        }

        @Test
        void a_window_lying_wholly_inside_the_gap_does_not_open_that_day() {
            CallingCalendar calendar = calendar("America/New_York", Slot.of("sunday", "02:00", "02:30"));

            assertThat(calendar.nextOpening(utc("2026-03-08T06:59:00Z")))
                    .isEqualTo(local("2026-03-15T02:00", NEW_YORK));
        }

        @Test
        void on_the_fall_back_day_a_0100_0200_window_is_open_for_both_occurrences_of_the_hour() {
            CallingCalendar calendar = calendar("America/New_York", Slot.of("sunday", "01:00", "02:00"));
            Instant firstOneThirty = ZonedDateTime.of(LocalDateTime.parse("2026-11-01T01:30"), NEW_YORK)
                    .withEarlierOffsetAtOverlap().toInstant();
            Instant secondOneThirty = ZonedDateTime.of(LocalDateTime.parse("2026-11-01T01:30"), NEW_YORK)
                    .withLaterOffsetAtOverlap().toInstant();

            assertThat(Duration.between(firstOneThirty, secondOneThirty)).isEqualTo(Duration.ofHours(1));
            assertThat(calendar.isOpen(firstOneThirty)).isTrue();
            assertThat(calendar.isOpen(secondOneThirty)).isTrue();
            assertThat(calendar.nextOpening(utc("2026-11-01T04:59:00Z"))).isEqualTo(utc("2026-11-01T05:00:00Z"));
            for (Instant t = utc("2026-11-01T05:00:00Z"); t.isBefore(utc("2026-11-01T07:00:00Z")); t = t.plusSeconds(60)) {
                assertThat(calendar.isOpen(t)).as("open at %s", t).isTrue();
            }
            assertThat(calendar.isOpen(utc("2026-11-01T07:00:00Z"))).isFalse();
        }

        @Test
        void after_the_first_pass_through_the_repeated_hour_the_window_reopens_when_the_clock_turns_back() {
            CallingCalendar calendar = calendar("America/New_York", Slot.of("sunday", "01:00", "01:20"));

            // 01:30 EDT: the window has passed in local time, yet 01:00 EST comes 30 real minutes later.
            assertThat(calendar.isOpen(utc("2026-11-01T05:30:00Z"))).isFalse();
            assertThat(calendar.nextOpening(utc("2026-11-01T05:30:00Z"))).isEqualTo(utc("2026-11-01T06:00:00Z"));
        }
    }

    @Test
    void kolkata_hours_are_half_an_hour_off_the_utc_hour() {
        CallingCalendar calendar = calendar("Asia/Kolkata", Slot.of("monday", "09:00", "17:00"));

        assertThat(calendar.isOpen(utc("2026-06-15T03:29:00Z"))).isFalse();
        assertThat(calendar.isOpen(utc("2026-06-15T03:30:00Z"))).isTrue();
        assertThat(calendar.isOpen(utc("2026-06-15T11:29:59Z"))).isTrue();
        assertThat(calendar.isOpen(utc("2026-06-15T11:30:00Z"))).isFalse();
        assertThat(calendar.nextOpening(utc("2026-06-15T00:00:00Z"))).isEqualTo(utc("2026-06-15T03:30:00Z"));
    }

    @Nested
    @DisplayName("Lord Howe Island, whose clocks move by half an hour")
    class LordHowe {

        @Test
        void when_clocks_fall_back_to_0130_a_0130_0200_window_is_open_for_an_unbroken_real_hour() {
            CallingCalendar calendar = calendar("Australia/Lord_Howe", Slot.of("sunday", "01:30", "02:00"));

            assertThat(calendar.nextOpening(utc("2026-04-04T14:00:00Z"))).isEqualTo(utc("2026-04-04T14:30:00Z"));
            assertThat(calendar.isOpen(utc("2026-04-04T14:59:59Z"))).isTrue();
            assertThat(calendar.isOpen(utc("2026-04-04T15:00:00Z"))).isTrue();
            assertThat(calendar.isOpen(utc("2026-04-04T15:29:59Z"))).isTrue();
            assertThat(calendar.isOpen(utc("2026-04-04T15:30:00Z"))).isFalse();
        }

        @Test
        void when_clocks_spring_forward_to_0230_a_0200_0300_window_opens_at_the_jump() {
            CallingCalendar calendar = calendar("Australia/Lord_Howe", Slot.of("sunday", "02:00", "03:00"));

            assertThat(calendar.isOpen(utc("2026-10-03T15:29:59Z"))).isFalse();
            assertThat(calendar.nextOpening(utc("2026-10-03T15:00:00Z"))).isEqualTo(utc("2026-10-03T15:30:00Z"));
            assertThat(calendar.isOpen(utc("2026-10-03T15:59:59Z"))).isTrue();
            assertThat(calendar.isOpen(utc("2026-10-03T16:00:00Z"))).isFalse();
        }
    }

    @Nested
    @DisplayName("calendars without a restriction or without slots")
    class Degenerate {

        @Test
        void no_calling_hours_means_always_open() {
            Instant t = utc("2026-06-13T03:17:42.5Z");

            assertThat(CallingCalendar.of(null)).isSameAs(CallingCalendar.alwaysOpen());
            assertThat(CallingCalendar.alwaysOpen().isOpen(t)).isTrue();
            assertThat(CallingCalendar.alwaysOpen().nextOpening(t)).isEqualTo(t);
            assertThat(CallingCalendar.alwaysOpen().hasSlots()).isTrue();
        }

        @Test
        void calling_hours_with_an_empty_slot_list_never_open() {
            CallingCalendar never = CallingCalendar.of(new CallingHours("UTC", List.of()));

            assertThat(never.hasSlots()).isFalse();
            assertThat(never.isOpen(utc("2026-06-15T12:00:00Z"))).isFalse();
            assertThat(never.nextOpening(utc("2026-06-15T12:00:00Z"))).isNull();
        }
    }

    @Nested
    @DisplayName("malformed calling hours")
    class Malformed {

        @Test
        void an_unknown_zone_is_rejected_naming_the_zone() {
            assertThatThrownBy(() -> calendar("Mars/Olympus_Mons", Slot.of("monday", "09:00", "17:00")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("calling_hours.timezone must be a known time zone, was Mars/Olympus_Mons");
        }

        @Test
        void an_unknown_day_is_rejected_naming_the_slot_and_the_day() {
            assertThatThrownBy(() -> calendar("UTC", Slot.of("monday", "09:00", "17:00"), Slot.of("funday", "09:00", "17:00")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("calling_hours.slots[1].day must be monday .. sunday, was funday");
        }

        @Test
        void malformed_times_are_rejected_naming_the_field_and_the_value() {
            assertThatThrownBy(() -> calendar("UTC", Slot.of("monday", "9:00", "17:00")))
                    .hasMessage("calling_hours.slots[0].start must be a time HH:MM, was 9:00");
            assertThatThrownBy(() -> calendar("UTC", Slot.of("monday", "24:00", "24:00")))
                    .hasMessage("calling_hours.slots[0].start must be a time HH:MM, was 24:00");
            assertThatThrownBy(() -> calendar("UTC", Slot.of("monday", "09:00", "24:30")))
                    .hasMessage("calling_hours.slots[0].end must be a time HH:MM (or 24:00), was 24:30");
            assertThatThrownBy(() -> calendar("UTC", Slot.of("monday", "09:60", "10:00")))
                    .hasMessage("calling_hours.slots[0].start must be a time HH:MM, was 09:60");
        }

        @Test
        void a_slot_must_end_after_it_starts() {
            assertThatThrownBy(() -> calendar("UTC", Slot.of("monday", "17:00", "09:00")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("calling_hours.slots[0].end must be after start 17:00, was 09:00");
            assertThatThrownBy(() -> calendar("UTC", Slot.of("monday", "09:00", "09:00")))
                    .hasMessage("calling_hours.slots[0].end must be after start 09:00, was 09:00");
        }
    }

    @Test
    void day_names_are_matched_without_regard_to_case() {
        assertThat(calendar("UTC", Slot.of("Monday", "09:00", "17:00")))
                .isEqualTo(calendar("UTC", Slot.of("monday", "09:00", "17:00")));
    }

    @Test
    void calling_hours_answer_the_same_questions_as_their_compiled_calendar() {
        CallingHours hours = CallingHours.of("America/New_York", Slot.of("monday", "09:00", "17:00"));
        Instant saturdayNoon = local("2026-06-13T12:00", NEW_YORK);

        assertThat(hours.isOpen(saturdayNoon)).isFalse();
        assertThat(hours.isOpen(local("2026-06-15T09:00", NEW_YORK))).isTrue();
        assertThat(hours.nextOpening(saturdayNoon)).isEqualTo(local("2026-06-15T09:00", NEW_YORK));
    }
}
