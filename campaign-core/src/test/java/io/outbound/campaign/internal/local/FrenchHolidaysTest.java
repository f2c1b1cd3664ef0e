package io.outbound.campaign.internal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FrenchHolidaysTest {

    @Test
    void easter_sunday_matches_the_published_dates_including_the_earliest_and_latest_possible() {
        assertThat(Stream.of(2000, 2008, 2011, 2019, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2038, 2285)
                .map(FrenchHolidays::easterSunday).map(LocalDate::toString).toList())
                .containsExactly("2000-04-23", "2008-03-23", "2011-04-24", "2019-04-21", "2024-03-31", "2025-04-20",
                        "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01", "2030-04-21", "2038-04-25",
                        "2285-03-22");
    }

    @Property(tries = 200)
    void easter_is_a_sunday_from_22_march_to_25_april(@ForAll @IntRange(min = 1583, max = 9999) int year) {
        LocalDate easter = FrenchHolidays.easterSunday(year);

        assertThat(easter.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(easter).isBetween(LocalDate.of(year, 3, 22), LocalDate.of(year, 4, 25));
    }

    @Test
    void the_eleven_holidays_of_2027_are_holidays_and_no_other_date_of_the_year_is() {
        List<String> expected = List.of("2027-01-01", "2027-03-29", "2027-05-01", "2027-05-06", "2027-05-08",
                "2027-05-17", "2027-07-14", "2027-08-15", "2027-11-01", "2027-11-11", "2027-12-25");

        assertThat(LocalDate.of(2027, 1, 1).datesUntil(LocalDate.of(2028, 1, 1))
                .filter(FrenchHolidays::isHoliday).map(LocalDate::toString).toList())
                .isEqualTo(expected);
    }

    @Test
    void easter_sunday_pentecost_sunday_and_the_alsace_moselle_days_are_not_national_holidays() {
        assertThat(FrenchHolidays.isHoliday(LocalDate.of(2027, Month.MARCH, 28))).isFalse();
        assertThat(FrenchHolidays.isHoliday(LocalDate.of(2027, Month.MAY, 16))).isFalse();
        assertThat(FrenchHolidays.isHoliday(LocalDate.of(2027, Month.MARCH, 26))).as("Good Friday").isFalse();
        assertThat(FrenchHolidays.isHoliday(LocalDate.of(2027, Month.DECEMBER, 26))).isFalse();
    }

    @Test
    void whit_monday_of_the_latest_easter_falls_in_june() {
        assertThat(FrenchHolidays.isHoliday(LocalDate.of(2038, Month.JUNE, 14))).isTrue();
        assertThat(FrenchHolidays.isHoliday(LocalDate.of(2038, Month.JUNE, 3))).as("Ascension 2038").isTrue();
    }
}
