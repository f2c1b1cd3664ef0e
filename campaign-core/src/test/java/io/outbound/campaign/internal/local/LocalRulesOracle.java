package io.outbound.campaign.internal.local;

import io.outbound.campaign.Jurisdiction;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * The test oracle for contact rules: the jurisdictions' hours written out again, the obvious way, by converting
 * an instant to each zone's local date and time with java.time, and next openings found by scanning minutes. It
 * shares no code with {@link JurisdictionRules}, {@link FrenchHolidays} or the calendar; Easter comes from a
 * table of published dates, so it only answers for 2024-2032.
 */
final class LocalRulesOracle {

    /** How far the oracle looks for an opening. */
    static final Duration HORIZON = Duration.ofDays(10);

    private static final Set<String> EIGHT_PM_STATES = Set.of("US-FL", "US-OK", "US-MD");
    private static final Set<MonthDay> FIXED_HOLIDAYS = Set.of(MonthDay.of(1, 1), MonthDay.of(5, 1),
            MonthDay.of(5, 8), MonthDay.of(7, 14), MonthDay.of(8, 15), MonthDay.of(11, 1), MonthDay.of(11, 11),
            MonthDay.of(12, 25));
    private static final List<LocalDate> EASTER_SUNDAYS = List.of(LocalDate.of(2024, 3, 31),
            LocalDate.of(2025, 4, 20), LocalDate.of(2026, 4, 5), LocalDate.of(2027, 3, 28), LocalDate.of(2028, 4, 16),
            LocalDate.of(2029, 4, 1), LocalDate.of(2030, 4, 21), LocalDate.of(2031, 4, 13), LocalDate.of(2032, 3, 28));

    private LocalRulesOracle() {
    }

    static boolean isOpen(Jurisdiction jurisdiction, String region, List<String> zones, Instant t) {
        for (String zone : zones) {
            if (!isOpenIn(jurisdiction, region, t.atZone(ZoneId.of(zone)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isOpenIn(Jurisdiction jurisdiction, String region, ZonedDateTime local) {
        LocalTime time = local.toLocalTime();
        boolean weekend = local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
        switch (jurisdiction) {
            case NONE:
                return true;
            case US:
                return between(time, "08:00", EIGHT_PM_STATES.contains(region) ? "20:00" : "21:00");
            case CA:
                return weekend ? between(time, "10:00", "18:00") : between(time, "09:00", "21:30");
            case FR:
                return !weekend && !isFrenchHoliday(local.toLocalDate())
                        && (between(time, "10:00", "13:00") || between(time, "14:00", "20:00"));
            default:
                throw new AssertionError(jurisdiction);
        }
    }

    private static boolean between(LocalTime time, String start, String end) {
        return !time.isBefore(LocalTime.parse(start)) && time.isBefore(LocalTime.parse(end));
    }

    static boolean isFrenchHoliday(LocalDate date) {
        if (FIXED_HOLIDAYS.contains(MonthDay.from(date))) {
            return true;
        }
        LocalDate easter = EASTER_SUNDAYS.stream().filter(d -> d.getYear() == date.getYear()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Easter date for " + date.getYear()));
        return date.equals(easter.plusDays(1)) || date.equals(easter.plusDays(39)) || date.equals(easter.plusDays(50));
    }

    /** {@code t} when open, else the first open whole minute after it within the horizon, else null. */
    static Instant nextOpening(Jurisdiction jurisdiction, String region, List<String> zones, Instant t) {
        if (isOpen(jurisdiction, region, zones, t)) {
            return t;
        }
        Instant end = t.plus(HORIZON);
        for (Instant m = t.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60); !m.isAfter(end); m = m.plusSeconds(60)) {
            if (isOpen(jurisdiction, region, zones, m)) {
                return m;
            }
        }
        return null;
    }
}
