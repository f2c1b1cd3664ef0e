package io.outbound.campaign.internal.calendar;

import io.outbound.campaign.CallingHours;
import io.outbound.campaign.Slot;
import io.outbound.campaign.internal.local.LocalWindow;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@link CallingHours} compiled for the dispatcher's hot path: per day of the week, the merged,
 * sorted minute ranges in which a call may start, plus the zone's rules.
 *
 * <p>A call may start at an instant when that instant's local wall-clock time in the zone lies in
 * {@code [start, end)} of a slot of that local day. Daylight saving follows from that one rule:
 * local times skipped by a spring-forward gap never occur, so a window reaching into the gap opens
 * at the first instant after it (a 01:30-03:00 window on the New York spring-forward day is open
 * 06:30Z-07:00Z); local times repeated by a fall-back overlap occur twice and are open both times
 * (a 01:00-02:00 window on the fall-back day lasts two real hours). A slot lying wholly inside a
 * gap does not open that day.
 *
 * <p>Instances are immutable and thread-safe; compile once per campaign and reuse. Neither query
 * allocates more than the returned {@link Instant}, and {@link #nextOpening} steps from one
 * window or offset transition to the next, never minute by minute.
 */
public final class CallingCalendar implements LocalWindow {

    private static final int MINUTES_PER_DAY = 1440;
    private static final long SECONDS_PER_DAY = 86_400;
    /** 1970-01-01 was a Thursday: index 3 when Monday is 0. */
    private static final int EPOCH_DAY_OF_WEEK = 3;
    /** Offset transitions crossed by one search; real zones have at most a few per week. */
    private static final int MAX_SEGMENTS = 16;
    private static final CallingCalendar ALWAYS_OPEN = new CallingCalendar(null, null);

    private final ZoneRules rules;
    /** Per day (Monday = 0): starts and ends in minutes of the day, interleaved, merged, sorted. */
    private final int[][] windows;
    private final boolean hasSlots;

    private CallingCalendar(ZoneRules rules, int[][] windows) {
        this.rules = rules;
        this.windows = windows;
        this.hasSlots = rules == null || Arrays.stream(windows).anyMatch(w -> w.length > 0);
    }

    /** A calendar open at every instant: the meaning of a campaign without calling hours. */
    public static CallingCalendar alwaysOpen() {
        return ALWAYS_OPEN;
    }

    /**
     * Compiles calling hours. The hours are expected to be validated already; malformed input
     * still fails here rather than producing a wrong calendar. Day names are matched without
     * regard to case; an empty slot list gives a calendar that never opens.
     *
     * @param hours the campaign's calling hours; {@code null} means no restriction
     * @return the compiled calendar; {@link #alwaysOpen()} for {@code null}
     * @throws IllegalArgumentException naming the field and value when the zone is unknown, a day
     *                                  or time is malformed, or a slot does not end after it starts
     */
    public static CallingCalendar of(CallingHours hours) {
        if (hours == null) {
            return ALWAYS_OPEN;
        }
        ZoneRules rules = zoneRules(hours.timezone());
        if (hours.slots() == null) {
            throw new IllegalArgumentException("calling_hours.slots must be present, was null");
        }
        List<List<int[]>> perDay = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            perDay.add(new ArrayList<>());
        }
        for (int i = 0; i < hours.slots().size(); i++) {
            Slot slot = hours.slots().get(i);
            String field = "calling_hours.slots[" + i + "]";
            if (slot == null) {
                throw new IllegalArgumentException(field + " must not be null");
            }
            int day = dayIndex(field + ".day", slot.day());
            int start = minuteOfDay(field + ".start", slot.start(), false);
            int end = minuteOfDay(field + ".end", slot.end(), true);
            if (end <= start) {
                throw new IllegalArgumentException(field + ".end must be after start " + slot.start()
                        + ", was " + slot.end());
            }
            perDay.get(day).add(new int[] {start, end});
        }
        int[][] windows = new int[7][];
        for (int d = 0; d < 7; d++) {
            windows[d] = merge(perDay.get(d));
        }
        return new CallingCalendar(rules, windows);
    }

    /**
     * Whether a call may start at {@code t}.
     *
     * @param t the instant; not null
     */
    public boolean isOpen(Instant t) {
        if (rules == null) {
            return true;
        }
        long local = t.getEpochSecond() + rules.getOffset(t).getTotalSeconds();
        return nextOpenLocal(local) == local;
    }

    /**
     * The earliest instant at or after {@code t} at which a call may start.
     *
     * @param t the instant; not null
     * @return {@code t} itself when open, otherwise the start of the next window (in real time,
     *         across any offset transitions); {@code null} when the calendar has no slots and so
     *         never opens
     */
    public Instant nextOpening(Instant t) {
        if (rules == null) {
            return t;
        }
        if (!hasSlots) {
            return null;
        }
        // Walk real time in segments of constant offset. Within one segment local time runs
        // straight, so the next open local time is found arithmetically; at a transition local
        // time jumps (forward over a gap or back over an overlap) and the search restarts there.
        Instant from = t;
        for (int segment = 0; segment < MAX_SEGMENTS; segment++) {
            ZoneOffset offset = rules.getOffset(from);
            long fromLocal = from.getEpochSecond() + offset.getTotalSeconds();
            long openLocal = nextOpenLocal(fromLocal);
            if (openLocal == fromLocal) {
                return from;
            }
            ZoneOffsetTransition transition = rules.nextTransition(from);
            long openEpoch = openLocal - offset.getTotalSeconds();
            if (transition == null || openEpoch < transition.toEpochSecond()) {
                return Instant.ofEpochSecond(openEpoch);
            }
            from = transition.getInstant();
        }
        throw new IllegalStateException("no opening found within " + MAX_SEGMENTS
                + " offset transitions after " + t);
    }

    /** Whether the calendar ever opens: false only for calling hours with an empty slot list. */
    public boolean hasSlots() {
        return hasSlots;
    }

    /**
     * The first open local second at or after {@code local}, counting local wall-clock seconds
     * from 1970-01-01T00:00 as if the zone never changed offset. Looks at most eight days ahead:
     * any non-empty weekly schedule opens within that span.
     */
    private long nextOpenLocal(long local) {
        long epochDay = Math.floorDiv(local, SECONDS_PER_DAY);
        long secondOfDay = local - epochDay * SECONDS_PER_DAY;
        int minute = (int) (secondOfDay / 60);
        for (int ahead = 0; ahead <= 7; ahead++) {
            long day = epochDay + ahead;
            int[] w = windows[(int) Math.floorMod(day + EPOCH_DAY_OF_WEEK, 7L)];
            for (int i = 0; i < w.length; i += 2) {
                if (ahead == 0 && w[i + 1] <= minute) {
                    continue;
                }
                if (ahead == 0 && w[i] <= minute) {
                    return local;
                }
                return day * SECONDS_PER_DAY + w[i] * 60L;
            }
        }
        return Long.MAX_VALUE;
    }

    private static int[] merge(List<int[]> ranges) {
        ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
        int[] merged = new int[ranges.size() * 2];
        int n = 0;
        for (int[] r : ranges) {
            if (n > 0 && r[0] <= merged[n - 1]) {
                merged[n - 1] = Math.max(merged[n - 1], r[1]);
            } else {
                merged[n++] = r[0];
                merged[n++] = r[1];
            }
        }
        return Arrays.copyOf(merged, n);
    }

    private static ZoneRules zoneRules(String timezone) {
        if (timezone == null) {
            throw new IllegalArgumentException("calling_hours.timezone must be present, was null");
        }
        try {
            return ZoneId.of(timezone).getRules();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "calling_hours.timezone must be a known time zone, was " + timezone, e);
        }
    }

    private static int dayIndex(String field, String day) {
        if (day != null) {
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d.name().equals(day.toUpperCase(Locale.ROOT))) {
                    return d.ordinal();
                }
            }
        }
        throw new IllegalArgumentException(field + " must be monday .. sunday, was " + day);
    }

    /** Parses {@code HH:MM} into minutes of the day; {@code 24:00} only where it may end a slot. */
    private static int minuteOfDay(String field, String time, boolean endOfDayAllowed) {
        if (time != null && time.length() == 5 && time.charAt(2) == ':'
                && isDigits(time, 0, 2) && isDigits(time, 3, 5)) {
            int hour = Integer.parseInt(time, 0, 2, 10);
            int minute = Integer.parseInt(time, 3, 5, 10);
            if (hour < 24 && minute < 60) {
                return hour * 60 + minute;
            }
            if (endOfDayAllowed && hour == 24 && minute == 0) {
                return MINUTES_PER_DAY;
            }
        }
        throw new IllegalArgumentException(field + " must be a time HH:MM"
                + (endOfDayAllowed ? " (or 24:00)" : "") + ", was " + time);
    }

    private static boolean isDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        if (rules == null) {
            return "CallingCalendar[always open]";
        }
        StringBuilder sb = new StringBuilder("CallingCalendar[").append(rules);
        for (int d = 0; d < 7; d++) {
            for (int i = 0; i < windows[d].length; i += 2) {
                sb.append(String.format(Locale.ROOT, " %s %02d:%02d-%02d:%02d",
                        DayOfWeek.of(d + 1).name().substring(0, 3).toLowerCase(Locale.ROOT),
                        windows[d][i] / 60, windows[d][i] % 60, windows[d][i + 1] / 60, windows[d][i + 1] % 60));
            }
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallingCalendar other && Objects.equals(rules, other.rules)
                && Arrays.deepEquals(windows, other.windows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rules, Arrays.deepHashCode(windows));
    }
}
