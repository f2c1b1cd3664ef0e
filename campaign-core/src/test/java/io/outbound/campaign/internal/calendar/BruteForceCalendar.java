package io.outbound.campaign.internal.calendar;

import io.outbound.campaign.CallingHours;
import io.outbound.campaign.Slot;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The test oracle: answers calling-hours questions the slow, obvious way, by converting each
 * instant to a {@link ZonedDateTime} and comparing wall-clock times with every slot, scanning
 * minute by minute. It shares no code with {@link CallingCalendar}.
 *
 * <p>Scanning whole minutes suffices because every zone it is used with has offsets and
 * transitions on whole minutes (from 2020 on), so windows open only on whole minutes.
 */
final class BruteForceCalendar {

    /** How far the oracle looks for an opening. */
    static final Duration HORIZON = Duration.ofDays(14);

    private record Window(DayOfWeek day, LocalTime start, LocalTime endOrNullForMidnight) {
    }

    private final ZoneId zone;
    private final List<Window> windows;

    BruteForceCalendar(CallingHours hours) {
        this.zone = ZoneId.of(hours.timezone());
        this.windows = hours.slots().stream().map(BruteForceCalendar::window).toList();
    }

    private static Window window(Slot slot) {
        return new Window(DayOfWeek.valueOf(slot.day().toUpperCase(Locale.ROOT)), LocalTime.parse(slot.start()),
                slot.end().equals("24:00") ? null : LocalTime.parse(slot.end()));
    }

    boolean isOpen(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        LocalTime time = local.toLocalTime();
        for (Window w : windows) {
            if (w.day() == local.getDayOfWeek() && !time.isBefore(w.start())
                    && (w.endOrNullForMidnight() == null || time.isBefore(w.endOrNullForMidnight()))) {
                return true;
            }
        }
        return false;
    }

    /** The first whole minute strictly after {@code t} that is open, or null within the horizon. */
    Instant firstOpenMinuteAfter(Instant t) {
        Instant end = t.plus(HORIZON);
        for (Instant m = t.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60); !m.isAfter(end); m = m.plusSeconds(60)) {
            if (isOpen(m)) {
                return m;
            }
        }
        return null;
    }
}
