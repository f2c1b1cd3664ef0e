package io.outbound.campaign.internal.local;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Decides where a contact is: its region and candidate time zones ({@link ContactZone}) from its E.164 number
 * and, when the campaign names one, the contact's own time-zone column.
 *
 * <p>A valid zone in the column wins (trimmed, matched without regard to case). Valid means a region-based IANA
 * id of the {@code Area/Location} form that java.time knows ({@code America/Los_Angeles}, and links such as
 * {@code US/Pacific}); fixed offsets ({@code +05:00}, {@code UTC-5}), abbreviations and legacy ids without an
 * area ({@code EST}, {@code PST8PDT}, {@code UTC}) and {@code Etc/...} zones are not taken, since they name no
 * place and would be an hour off for half of the year where daylight saving applies; the number then decides.
 *
 * <p>From the number: libphonenumber's time-zone data (its {@code geocoder} artifact) gives the zones of the
 * longest prefix it lists. A prefix may map to several zones (Idaho's {@code +1 208} to Boise and Los Angeles),
 * and a number whose prefix the data does not list gets those of its calling code as a whole (all of the North
 * American Numbering Plan's for {@code +1}), so that it is called only when all of them allow it; a number the
 * data knows nothing of gets none. Zones java.time does not know are dropped. A list whose {@link
 * ContactZone#key()} would exceed its 255 characters becomes its region's calling code's list, which is what the
 * key stores.
 *
 * <p>The region is libphonenumber's for the number ({@code getRegionCodeForNumber}; {@code ""} for
 * non-geographic codes and numbers it places nowhere). Within {@code +1} it is looked up once per area code,
 * since the plan assigns every area code to one country; a US number in an area code of Florida, Oklahoma or
 * Maryland gets its state. Neither step parses text: the number is expected in E.164 form, as the importer
 * writes it, and anything else gets no region and no zone from the number.
 *
 * <p>Thread-safe. Results are shared: contacts with the same region and zones get the same instance.
 */
public final class ContactZones {

    /**
     * US area codes of the states whose telephone-solicitation laws are stricter than the TCPA's (see {@link
     * JurisdictionRules}), overlays included. From NANPA's area code assignments as known in 2026: Florida's 324
     * (overlay of 904, 2023), 645 (of 305/786, 2023), 656 (of 813, 2022) and 728 (of 561, 2025) are recent and
     * may not yet be valid numbers in libphonenumber's metadata; listing them early is harmless.
     */
    private static final Map<String, int[]> STATE_AREA_CODES = Map.of(
            "US-FL", new int[] {239, 305, 321, 324, 352, 386, 407, 448, 561, 645, 656, 689, 727, 728, 754, 772,
                786, 813, 850, 863, 904, 941, 954},
            "US-OK", new int[] {405, 539, 572, 580, 918},
            "US-MD", new int[] {227, 240, 301, 410, 443, 667});

    /**
     * Zones of area codes that the bundled time-zone data (geocoder 2.230, May 2024) gets wrong or lacks, from
     * NANPA's assignments: Orlando's 689 is Eastern (the data says Central), and Florida's newer overlays take the
     * zone of the codes they overlay (448 the panhandle's two). Without this, 689 numbers would be called until 21:00
     * Eastern under Florida's 20:00 rule, and the overlays only when all 42 North American zones allow it.
     */
    private static final Map<Integer, List<String>> AREA_CODE_ZONES = Map.of(
            689, List.of("America/New_York"),
            324, List.of("America/New_York"),
            645, List.of("America/New_York"),
            656, List.of("America/New_York"),
            728, List.of("America/New_York"),
            448, List.of("America/Chicago", "America/New_York"));

    private static final int NANPA = 1;
    private static final int CALLING_CODES = 1000;
    private static final int MAX_CALLING_CODE_LENGTH = 3;
    /** The longest national significant number libphonenumber knows. */
    private static final int MAX_NATIONAL_LENGTH = 17;
    /**
     * Bound on the prefixes remembered. The data lists about 3,300 prefixes, so a deciding prefix is usually one
     * of those or a short neighbour of one; the bound only guards against pathological input.
     */
    private static final int MAX_CACHED_PREFIXES = 50_000;

    private ContactZones() {
    }

    private static final class Shared {
        static final Resolver INSTANCE = new Resolver(PhoneNumberUtil.getInstance());
    }

    /**
     * Where a contact is.
     *
     * @param e164          the contact's number in E.164 form ({@code +} and digits)
     * @param timezoneValue the contact's own zone, from the campaign's {@code timezone_column}; may be null or
     *                      blank
     * @return the region and zones; {@link ContactZone#UNKNOWN} when nothing is known
     * @throws IllegalStateException when libphonenumber's time-zone data is not on the class path
     */
    public static ContactZone resolve(String e164, String timezoneValue) {
        return Shared.INSTANCE.resolve(e164, timezoneValue);
    }

    /**
     * The region-based zone id a time-zone column value names, or {@code null} when it names none (see the class
     * comment for what is taken).
     */
    public static String zoneIdOf(String timezoneValue) {
        return Resolver.zoneIdOf(timezoneValue);
    }

    /** A region with all the zones of its calling code: what a {@code *} key stands for. */
    static ContactZone ofRegion(String region) {
        return Shared.INSTANCE.ofRegion(region);
    }

    private static final class Resolver {

        /** Lower-cased zone id to zone id, for the ids a time-zone column may name. */
        private static final Map<String, String> ZONE_IDS = columnZoneIds();

        private final PhoneNumberUtil util;
        /** Per calling code: its one region, {@code ""} for a non-geographic code, null when several share it. */
        private final String[] singleRegion = new String[CALLING_CODES];
        private final boolean[] callingCode = new boolean[CALLING_CODES];
        /** Per calling code: its main region, once asked (a racy cache of an idempotent answer). */
        private final String[] mainRegions = new String[CALLING_CODES];
        /** Per +1 area code: its region (with the state), once libphonenumber has placed a number of it. */
        private final AtomicReferenceArray<String> nanpaRegions = new AtomicReferenceArray<>(CALLING_CODES);
        private final String[] states = new String[CALLING_CODES];
        /** Deciding prefix (see {@link #decidingPrefix}) to the contact zone of every number starting with it. */
        private final Map<Long, ContactZone> byPrefix = new ConcurrentHashMap<>();
        /** Key to the one shared instance with that key. */
        private final Map<String, ContactZone> shared = new ConcurrentHashMap<>();
        private volatile PrefixTimeZones data;

        Resolver(PhoneNumberUtil util) {
            this.util = util;
            for (int code : util.getSupportedCallingCodes()) {
                if (code > 0 && code < CALLING_CODES) {
                    callingCode[code] = true;
                    List<String> regions = util.getRegionCodesForCountryCode(code);
                    if (regions.size() == 1) {
                        singleRegion[code] = region(regions.get(0));
                    }
                }
            }
            STATE_AREA_CODES.forEach((state, areaCodes) -> {
                for (int areaCode : areaCodes) {
                    states[areaCode] = state;
                }
            });
        }

        ContactZone resolve(String e164, String timezoneValue) {
            String zone = zoneIdOf(timezoneValue);
            PhoneNumber number = toPhoneNumber(e164);
            if (number == null) {
                return zone == null ? ContactZone.UNKNOWN : share("", List.of(zone));
            }
            if (zone != null) {
                return share(regionOf(number, e164), List.of(zone));
            }
            long prefix = decidingPrefix(e164, number.getCountryCode());
            if (prefix >= 0) {
                ContactZone cached = byPrefix.get(prefix);
                if (cached != null) {
                    return cached;
                }
            }
            String region = regionOf(number, e164);
            List<String> zones = number.getCountryCode() == NANPA && e164.length() == 12
                    ? AREA_CODE_ZONES.get(Integer.parseInt(e164, 2, 5, 10)) : null;
            if (zones == null) {
                zones = data().zonesOf(number);
            }
            if (zones.isEmpty()) {
                zones = data().zonesOfCallingCode(number.getCountryCode());
            }
            ContactZone resolved = share(region, zones);
            if (prefix >= 0 && regionDecidedByPrefix(number.getCountryCode(), e164)
                    && byPrefix.size() < MAX_CACHED_PREFIXES) {
                byPrefix.putIfAbsent(prefix, resolved);
            }
            return resolved;
        }

        /**
         * The shortest prefix of the number (calling code included, and the area code within +1) that decides its
         * zones, as a cache key; -1 when there is none to rely on.
         */
        private long decidingPrefix(String e164, int code) {
            PrefixTimeZones table = data();
            int atLeast = code == NANPA ? 4 : code < 10 ? 1 : code < 100 ? 2 : 3;
            long value = 0;
            for (int length = 1; length < e164.length(); length++) {
                value = value * 10 + (e164.charAt(length) - '0');
                if (length >= atLeast && table.decides(value, length)) {
                    return PrefixTimeZones.prefixKey(value, length);
                }
            }
            return -1;
        }

        /** Whether the number's region is one for its whole deciding prefix: one region per code, or an area code's. */
        private boolean regionDecidedByPrefix(int code, String e164) {
            return singleRegion[code] != null || code != NANPA || e164.length() == 12
                    && nanpaRegions.get((e164.charAt(2) - '0') * 100 + (e164.charAt(3) - '0') * 10 + e164.charAt(4) - '0') != null;
        }

        ContactZone ofRegion(String region) {
            int code = util.getCountryCodeForRegion(region.substring(0, 2));
            List<String> zones = code == 0 ? List.of() : data().zonesOfCallingCode(code);
            return new ContactZone(region, known(zones));
        }

        /**
         * The shared instance for a region and zones as the data or the column gives them. Looked up by that raw
         * form first, so that a contact like one seen before costs one string and one map lookup.
         */
        private ContactZone share(String region, List<String> rawZones) {
            String rawKey = region + '|' + String.join(",", rawZones);
            ContactZone cached = shared.get(rawKey);
            if (cached != null) {
                return cached;
            }
            ContactZone zone = new ContactZone(region, known(rawZones));
            String key = zone.key();
            if (key.endsWith("|" + ContactZone.ALL_ZONES_OF_REGION)) {
                zone = ofRegion(region);
            } else if (key.equals("|") && zone.hasZones()) {
                zone = ContactZone.UNKNOWN;
            }
            ContactZone raced = shared.putIfAbsent(key, zone);
            ContactZone canonical = raced == null ? zone : raced;
            shared.putIfAbsent(rawKey, canonical);
            return canonical;
        }

        /** The zones java.time knows; the data may name one a runtime's older tz database lacks. */
        private static List<String> known(List<String> zones) {
            List<String> known = new ArrayList<>(zones.size());
            for (String zone : zones) {
                try {
                    ZoneId.of(zone);
                    known.add(zone);
                } catch (RuntimeException e) {
                    // dropped: a zone that cannot be computed with cannot restrict a call either
                }
            }
            return known;
        }

        /**
         * The number as libphonenumber would parse it from E.164 text, built without parsing: calling code,
         * national number and its leading zeros (Italy's {@code +39 06...}). Null for other text.
         */
        private PhoneNumber toPhoneNumber(String e164) {
            if (e164 == null || e164.length() < 3 || e164.charAt(0) != '+' || e164.charAt(1) == '0') {
                return null;
            }
            int code = 0;
            int national = -1;
            for (int i = 1; i <= MAX_CALLING_CODE_LENGTH && i < e164.length(); i++) {
                char c = e164.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                code = code * 10 + (c - '0');
                if (callingCode[code]) {
                    national = i + 1;
                    break;
                }
            }
            int length = e164.length() - national;
            if (national < 0 || length < 1 || length > MAX_NATIONAL_LENGTH) {
                return null;
            }
            long nationalNumber = 0;
            int leadingZeros = 0;
            for (int i = national; i < e164.length(); i++) {
                char c = e164.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                if (c == '0' && nationalNumber == 0) {
                    leadingZeros++;
                }
                nationalNumber = nationalNumber * 10 + (c - '0');
            }
            PhoneNumber number = new PhoneNumber().setCountryCode(code).setNationalNumber(nationalNumber);
            if (leadingZeros > 0 && length > 1) {
                // libphonenumber keeps at least one digit of an all-zero national number.
                number.setItalianLeadingZero(true).setNumberOfLeadingZeros(Math.min(leadingZeros, length - 1));
            }
            return number;
        }

        private String mainRegion(int code) {
            String main = mainRegions[code];
            if (main == null) {
                main = region(util.getRegionCodeForCountryCode(code));
                mainRegions[code] = main;
            }
            return main;
        }

        private String regionOf(PhoneNumber number, String e164) {
            int code = number.getCountryCode();
            String single = singleRegion[code];
            if (single != null) {
                return single;
            }
            if (code != NANPA) {
                // A calling code shared by several regions (+44: GB, GG, JE, IM) is read as its main region: the
                // rules look at a region only to pick a US state, and libphonenumber's per-number lookup would cost
                // about 10 microseconds a contact at import, uncached.
                return mainRegion(code);
            }
            if (e164.length() != 12) {
                return region(util.getRegionCodeForNumber(number));
            }
            int areaCode = (int) (number.getNationalNumber() / 10_000_000L);
            String cached = nanpaRegions.get(areaCode);
            if (cached != null) {
                return cached;
            }
            String region = region(util.getRegionCodeForNumber(number));
            if (region.equals("US") && states[areaCode] != null) {
                region = states[areaCode];
            }
            if (!region.isEmpty()) {
                // An invalid number has no region; only a placed one speaks for its area code.
                nanpaRegions.set(areaCode, region);
            }
            return region;
        }

        /** libphonenumber's region code as a contact region: none for unknown and non-geographic ones. */
        private static String region(String regionCode) {
            return regionCode == null || regionCode.length() != 2 || !Character.isLetter(regionCode.charAt(0))
                    || regionCode.equals("ZZ") ? "" : regionCode;
        }

        private PrefixTimeZones data() {
            PrefixTimeZones loaded = data;
            if (loaded == null) {
                synchronized (this) {
                    loaded = data;
                    if (loaded == null) {
                        loaded = PrefixTimeZones.load();
                        data = loaded;
                    }
                }
            }
            return loaded;
        }

        static String zoneIdOf(String value) {
            if (value == null) {
                return null;
            }
            String trimmed = value.strip();
            return trimmed.isEmpty() ? null : ZONE_IDS.get(trimmed.toLowerCase(Locale.ROOT));
        }

        private static Map<String, String> columnZoneIds() {
            Map<String, String> ids = new HashMap<>();
            for (String id : ZoneId.getAvailableZoneIds()) {
                int slash = id.indexOf('/');
                if (slash > 0 && !id.startsWith("Etc/") && !id.startsWith("SystemV/")) {
                    ids.put(id.toLowerCase(Locale.ROOT), id);
                }
            }
            return Map.copyOf(ids);
        }
    }
}
