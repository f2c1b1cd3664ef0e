package io.outbound.campaign.internal.calendar;

import io.outbound.campaign.CallingHours;
import io.outbound.campaign.Slot;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random calling hours and instants for property tests: slots on 15- and 30-minute grids and on
 * arbitrary minutes (24:00 ends included), zones with DST, half-hour offsets and half-hour DST
 * shifts, and instants over 2020-2030 with a bias towards the zone's offset transitions.
 */
public final class CallingHoursArbitraries {

    /** Zones chosen for their awkward rules, plus plain UTC. */
    public static final List<String> ZONES = List.of("America/New_York", "Europe/London", "Asia/Kolkata",
            "Australia/Lord_Howe", "Pacific/Chatham", "America/Sao_Paulo", "UTC");

    private static final long FROM = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2030-12-31T23:59:59Z").getEpochSecond();

    private CallingHoursArbitraries() {
    }

    /** Calling hours with zero to six slots (rarely none) in one of {@link #ZONES}. */
    public static Arbitrary<CallingHours> callingHours() {
        Arbitrary<List<Slot>> slots = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.<Slot>of())),
                Tuple.of(19, slot().list().ofMinSize(1).ofMaxSize(6)));
        return Combinators.combine(Arbitraries.of(ZONES), slots).as(CallingHours::new);
    }

    /** One slot: a random day, a start and a later end, either on a grid or on any minute. */
    public static Arbitrary<Slot> slot() {
        // Plain combinations mapped onto the grid, not flatMap: generation stays cheap and
        // shrinking still works towards small numbers.
        Arbitrary<String> day = Arbitraries.of(DayOfWeek.class).map(d -> d.name().toLowerCase(Locale.ROOT));
        Arbitrary<Integer> step = Arbitraries.of(1, 15, 30);
        Arbitrary<Integer> startPick = Arbitraries.integers().between(0, 1439);
        Arbitrary<Integer> endPick = Arbitraries.integers().between(0, 1439);
        Arbitrary<Boolean> endsAtMidnight = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(4, false));
        return Combinators.combine(day, step, startPick, endPick, endsAtMidnight).as((d, grid, a, b, midnight) -> {
            int points = 1440 / grid;
            int start = a % points;
            int end = midnight ? points : start + 1 + b % (points - start);
            return Slot.of(d, hhmm(start * grid), hhmm(end * grid));
        });
    }

    /** An instant in 2020-2030; half of them lie within two days of the zone's next offset transition. */
    public static Arbitrary<InstantChoice> instants() {
        Arbitrary<Long> anySecond = Arbitraries.longs().between(FROM, TO);
        Arbitrary<Boolean> nearTransition = Arbitraries.of(true, false);
        Arbitrary<Integer> minutesFromTransition = Arbitraries.integers().between(-2880, 2880);
        // Exactly on a minute half of the time: that is where windows open and close.
        Arbitrary<Integer> seconds = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(0, 59)));
        Arbitrary<Integer> nanos = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(0, 999_999_999)));
        return Combinators.combine(anySecond, nearTransition, minutesFromTransition, seconds, nanos)
                .as(InstantChoice::new);
    }

    /** Calling hours together with an instant suited to their zone. */
    public static Arbitrary<CalendarCase> cases() {
        return Combinators.combine(callingHours(), instants())
                .as((hours, choice) -> new CalendarCase(hours, choice.in(hours.timezone())));
    }

    /** Calling hours and an instant to ask about. */
    public record CalendarCase(CallingHours hours, Instant t) {
    }

    /** The random choices behind one instant; the zone decides where its transitions are. */
    public record InstantChoice(long epochSecond, boolean nearTransition, int minutesFromTransition,
                                int second, int nano) {

        /** The instant these choices make in a zone. */
        public Instant in(String zone) {
            Instant base = Instant.ofEpochSecond(epochSecond - Math.floorMod(epochSecond, 60L));
            ZoneOffsetTransition transition = ZoneId.of(zone).getRules().nextTransition(base);
            if (nearTransition && transition != null) {
                base = transition.getInstant().plusSeconds(minutesFromTransition * 60L);
            }
            return base.plusSeconds(second).plusNanos(nano);
        }
    }

    private static String hhmm(int minuteOfDay) {
        return String.format(Locale.ROOT, "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }
}
