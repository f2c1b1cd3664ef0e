package io.outbound.campaign.internal.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.outbound.campaign.CallingHours;
import io.outbound.campaign.internal.calendar.CallingCalendar;

/**
 * Compiled calendars by calling hours (a record, so equal hours share one calendar), so the dispatcher
 * and the outcome path never recompile them.
 */
final class CalendarCache {
    private final Cache<CallingHours, CallingCalendar> calendars = Caffeine.newBuilder().maximumSize(10_000).build();

    CallingCalendar of(CallingHours hours) {
        return hours == null ? CallingCalendar.alwaysOpen() : calendars.get(hours, CallingCalendar::of);
    }
}
