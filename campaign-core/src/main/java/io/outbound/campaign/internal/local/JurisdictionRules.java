package io.outbound.campaign.internal.local;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.outbound.campaign.AttemptLimit;
import io.outbound.campaign.CallingHours;
import io.outbound.campaign.Jurisdiction;
import io.outbound.campaign.Slot;
import io.outbound.campaign.internal.calendar.CallingCalendar;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides, per {@link Jurisdiction}, when a contact may be called in its own local time and how many dials its
 * number may take: the one table of contact rules, with the source of each number.
 *
 * <p>A campaign's jurisdiction applies to every contact of the campaign, whatever country its number is in; the
 * contact's region only picks a state's stricter set within {@link Jurisdiction#US}. A window is open when it is
 * open in every candidate zone of the contact. A contact with no known zone has no window under any jurisdiction
 * but {@link Jurisdiction#NONE}: {@link #window} returns {@code null} and the caller holds it back as "local time
 * unknown" rather than guess.
 *
 * <p>Windows are compiled once per jurisdiction and contact zone and shared; all methods are thread-safe.
 */
public final class JurisdictionRules {

    /** One rule set: the weekly hours a call may start in local time, and the dials a number may take. */
    private record RuleSet(String name, String hours, List<Slot> weekly, boolean closedOnFrenchHolidays,
                           List<AttemptLimit> limits) {
    }

    // ---- The table. Hours are [start, end) in the called person's local time. ----

    /**
     * TCPA rules, 47 CFR 64.1200(c)(1): no telephone solicitation before 8 a.m. or after 9 p.m., local time at
     * the called party's location.
     */
    private static final RuleSet US = new RuleSet("us", "08:00-21:00", everyDay("08:00", "21:00"), false, List.of());

    /**
     * Florida Telephone Solicitation Act, Fla. Stat. 501.059 as amended in 2021 (SB 1120): no telephonic sales
     * call before 8 a.m. or after 8 p.m. at the called person's location, and no more than 3 from any number to a
     * person in 24 hours on the same subject. (Subsection (8)(a) is where we understand both to be; not verified.)
     */
    private static final RuleSet US_FLORIDA = new RuleSet("us-fl", "08:00-20:00", everyDay("08:00", "20:00"), false,
            List.of(new AttemptLimit(3, 24)));

    /**
     * Oklahoma Telephone Solicitation Act of 2022, 15 O.S. 775C.1 et seq. (HB 3168), modelled on Florida's: the
     * same hours and the same 3 calls in 24 hours. (Section 775C.4 for both: not verified.)
     */
    private static final RuleSet US_OKLAHOMA = new RuleSet("us-ok", "08:00-20:00", everyDay("08:00", "20:00"), false,
            List.of(new AttemptLimit(3, 24)));

    /**
     * Maryland Stop the Spam Calls Act of 2023 (SB 90), Md. Code, Commercial Law title 14: the same hours and the
     * same 3 calls in 24 hours. (Section 14-4504 for both: not verified.)
     */
    private static final RuleSet US_MARYLAND = new RuleSet("us-md", "08:00-20:00", everyDay("08:00", "20:00"), false,
            List.of(new AttemptLimit(3, 24)));

    /**
     * CRTC Unsolicited Telecommunications Rules, Part III (Telemarketing Rules): telemarketing calls only from
     * 9:00 a.m. to 9:30 p.m. on weekdays and from 10:00 a.m. to 6:00 p.m. on Saturdays and Sundays, in the called
     * person's time zone.
     */
    private static final RuleSet CANADA = new RuleSet("ca", "mon-fri 09:00-21:30, sat-sun 10:00-18:00",
            concat(weekdays("09:00", "21:30"), weekend("10:00", "18:00")), false, List.of());

    /**
     * Code de la consommation art. L223-1 and décret n° 2022-1313 du 13 octobre 2022 (codified as art. D223-8
     * and D223-9): unsolicited commercial calls Monday to Friday 10:00-13:00 and 14:00-20:00 only, never on
     * Saturdays, Sundays or public holidays ({@link FrenchHolidays}), and at most 4 to a consumer in 30 days.
     */
    private static final RuleSet FRANCE = new RuleSet("fr",
            "mon-fri 10:00-13:00 and 14:00-20:00, not on public holidays",
            concat(weekdays("10:00", "13:00"), weekdays("14:00", "20:00")), true,
            List.of(new AttemptLimit(4, 30 * 24)));

    /** The states whose rules replace {@link #US}'s for their numbers, by {@link ContactZone#region()}. */
    private static final Map<String, RuleSet> US_STATES = Map.of(
            "US-FL", US_FLORIDA, "US-OK", US_OKLAHOMA, "US-MD", US_MARYLAND);

    // ---- End of the table. ----

    private record WindowKey(Jurisdiction jurisdiction, ContactZone zone) {
    }

    private static final Cache<WindowKey, LocalWindow> WINDOWS = Caffeine.newBuilder().maximumSize(10_000).build();

    private JurisdictionRules() {
    }

    /**
     * When a contact may be called: the jurisdiction's window in each of the contact's zones, intersected.
     *
     * @return {@link LocalWindows#ALWAYS} for {@link Jurisdiction#NONE}; {@code null} when the contact has no
     *         known zone under any other jurisdiction (its local time is unknown, so it must not be called)
     */
    public static LocalWindow window(Jurisdiction jurisdiction, ContactZone zone) {
        RuleSet rules = rules(jurisdiction, zone);
        if (rules == null) {
            return LocalWindows.ALWAYS;
        }
        if (!zone.hasZones()) {
            return null;
        }
        return WINDOWS.get(new WindowKey(jurisdiction, zone), key -> compile(rules, zone.zones()));
    }

    /**
     * The attempt limits the jurisdiction itself sets for the contact's number, on top of the campaign's own:
     * 3 per 24 hours for Florida, Oklahoma and Maryland numbers under {@link Jurisdiction#US}, 4 per 720 hours
     * under {@link Jurisdiction#FR}, none otherwise.
     */
    public static List<AttemptLimit> impliedLimits(Jurisdiction jurisdiction, ContactZone zone) {
        RuleSet rules = rules(jurisdiction, zone);
        return rules == null ? List.of() : rules.limits();
    }

    /**
     * The window in a few words, for status reasons and reports: {@code "us: 08:00-21:00 America/Los_Angeles"},
     * {@code "us-fl: 08:00-20:00 America/New_York"}, {@code "us: 08:00-21:00 in all of America/Boise,
     * America/Los_Angeles"}, {@code "ca: local time unknown"}, {@code "none: any time"}.
     */
    public static String describe(Jurisdiction jurisdiction, ContactZone zone) {
        RuleSet rules = rules(jurisdiction, zone);
        if (rules == null) {
            return "none: any time";
        }
        if (!zone.hasZones()) {
            return rules.name() + ": local time unknown";
        }
        List<String> zones = zone.zones();
        return rules.name() + ": " + rules.hours()
                + (zones.size() == 1 ? " " + zones.get(0) : " in all of " + String.join(", ", zones));
    }

    private static RuleSet rules(Jurisdiction jurisdiction, ContactZone zone) {
        switch (jurisdiction) {
            case US:
                return US_STATES.getOrDefault(zone.region(), US);
            case CA:
                return CANADA;
            case FR:
                return FRANCE;
            case NONE:
            default:
                return null;
        }
    }

    private static LocalWindow compile(RuleSet rules, List<String> zones) {
        List<LocalWindow> parts = new ArrayList<>(zones.size());
        for (String zone : zones) {
            LocalWindow weekly = CallingCalendar.of(new CallingHours(zone, rules.weekly()));
            parts.add(rules.closedOnFrenchHolidays()
                    ? new ClosedOnHolidays(weekly, ZoneId.of(zone), FrenchHolidays::isHoliday, "French public holidays")
                    : weekly);
        }
        return LocalWindows.allOf(parts);
    }

    private static List<Slot> everyDay(String start, String end) {
        return concat(weekdays(start, end), weekend(start, end));
    }

    private static List<Slot> weekdays(String start, String end) {
        return days(start, end, "monday", "tuesday", "wednesday", "thursday", "friday");
    }

    private static List<Slot> weekend(String start, String end) {
        return days(start, end, "saturday", "sunday");
    }

    private static List<Slot> days(String start, String end, String... days) {
        List<Slot> slots = new ArrayList<>();
        for (String day : days) {
            slots.add(Slot.of(day, start, end));
        }
        return slots;
    }

    private static List<Slot> concat(List<Slot> a, List<Slot> b) {
        List<Slot> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
