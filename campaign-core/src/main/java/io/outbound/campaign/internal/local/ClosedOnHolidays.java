package io.outbound.campaign.internal.local;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Predicate;

/**
 * A weekly window in one zone that stays shut on holidays: open when the weekly window is open and the
 * instant's local date in the zone is no holiday. Local dates, not UTC ones: a holiday runs from local
 * midnight to local midnight, whatever daylight saving does.
 */
final class ClosedOnHolidays implements LocalWindow {

    /**
     * Holidays skipped by one search. A run of closed dates is short (a weekend next to a holiday or two); far
     * more means the predicate closes everything.
     */
    private static final int MAX_SKIPPED_DATES = 64;

    private final LocalWindow weekly;
    private final ZoneId zone;
    private final Predicate<LocalDate> holiday;
    private final String name;

    /**
     * @param weekly  the weekly window, whose openings all lie within one local day of {@code zone}
     * @param zone    the zone whose local dates are checked
     * @param holiday which local dates are closed
     * @param name    the holidays' name, for {@link #toString()}
     */
    ClosedOnHolidays(LocalWindow weekly, ZoneId zone, Predicate<LocalDate> holiday, String name) {
        this.weekly = weekly;
        this.zone = zone;
        this.holiday = holiday;
        this.name = name;
    }

    @Override
    public boolean isOpen(Instant t) {
        return weekly.isOpen(t) && !holiday.test(t.atZone(zone).toLocalDate());
    }

    @Override
    public Instant nextOpening(Instant t) {
        Instant from = t;
        for (int skipped = 0; skipped < MAX_SKIPPED_DATES; skipped++) {
            Instant open = weekly.nextOpening(from);
            if (open == null) {
                return null;
            }
            LocalDate date = open.atZone(zone).toLocalDate();
            if (!holiday.test(date)) {
                return open;
            }
            from = date.plusDays(1).atStartOfDay(zone).toInstant();
        }
        throw new IllegalStateException("no opening of " + this + " found within " + MAX_SKIPPED_DATES
                + " holidays after " + t);
    }

    @Override
    public String toString() {
        return "LocalWindow[" + weekly + " except " + name + "]";
    }
}
