package io.outbound.campaign.internal.local;

import java.util.List;
import java.util.TreeSet;

/**
 * What the contact rules need to know about where a contact is, resolved once at import ({@link ContactZones})
 * and stored with the contact as its {@link #key()}.
 *
 * @param region the number's region: libphonenumber's region code ({@code "US"}, {@code "CA"}, {@code "FR"},
 *               {@code "GB"}), for US numbers of a state with its own telephone-solicitation rules the state as
 *               {@code "US-FL"}, {@code "US-OK"} or {@code "US-MD"}, and {@code ""} when unknown
 * @param zones  the candidate IANA zones of the called person, sorted and distinct (normalised here); empty when
 *               unknown. When there are several, a call may start only when every one allows it.
 */
public record ContactZone(String region, List<String> zones) {

    /** Nothing known: no region, no zone. */
    public static final ContactZone UNKNOWN = new ContactZone("", List.of());

    /** The longest {@link #key()}: the width of the column that stores it. */
    public static final int MAX_KEY_LENGTH = 255;

    /** The zone part of a key that stands for all the zones of the region's calling code. */
    static final String ALL_ZONES_OF_REGION = "*";

    /**
     * @throws IllegalArgumentException naming the value when the region is not {@code ""}, two capital letters,
     *                                  or two capital letters, a dash and two more; or a zone is blank or holds a
     *                                  {@code ,} or {@code |}
     */
    public ContactZone {
        if (region == null || !isRegion(region)) {
            throw new IllegalArgumentException("contact region must be empty, a region code like US or a state like"
                    + " US-FL, was " + region);
        }
        if (zones == null) {
            throw new IllegalArgumentException("contact zones must be a list, was null");
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String zone : zones) {
            if (zone == null || zone.isBlank() || zone.indexOf(',') >= 0 || zone.indexOf('|') >= 0
                    || zone.equals(ALL_ZONES_OF_REGION)) {
                throw new IllegalArgumentException("contact zones must be zone ids, was " + zones);
            }
            sorted.add(zone);
        }
        zones = List.copyOf(sorted);
    }

    /** Whether any zone is known: without one, no local-time rule can be applied. */
    public boolean hasZones() {
        return !zones.isEmpty();
    }

    /**
     * The stable text form, at most {@value #MAX_KEY_LENGTH} characters: the region, {@code |}, and the zones
     * joined by {@code ,} ({@code "US-FL|America/New_York"}, {@code "US|America/Chicago,America/Denver"},
     * {@code "|"} for {@link #UNKNOWN}). Nothing is truncated: when that form is longer, the zones are written as
     * {@code *}, all the zones of the region's calling code ({@code "US|*"}), which {@link #parse} reads back
     * from libphonenumber's data. That list is the widest the data gives any of the code's numbers, and a wider
     * list only narrows the window a contact may be called in. {@link ContactZones#resolve} returns such lists
     * already widened, so that its result and the parsed key are equal. Without a region there is no calling
     * code to fall back to, and a too long form gives {@code "|"}: unknown.
     */
    public String key() {
        StringBuilder key = new StringBuilder(region).append('|');
        for (int i = 0; i < zones.size(); i++) {
            if (i > 0) {
                key.append(',');
            }
            key.append(zones.get(i));
        }
        if (key.length() <= MAX_KEY_LENGTH) {
            return key.toString();
        }
        return region.isEmpty() ? "|" : region + '|' + ALL_ZONES_OF_REGION;
    }

    /**
     * Reads a {@link #key()}.
     *
     * @throws IllegalArgumentException naming the value when it is not a key
     * @throws IllegalStateException    for a {@code *} key when libphonenumber's time-zone data is missing
     */
    public static ContactZone parse(String key) {
        int bar = key == null ? -1 : key.indexOf('|');
        if (bar < 0 || key.length() > MAX_KEY_LENGTH || key.indexOf('|', bar + 1) >= 0) {
            throw new IllegalArgumentException("a contact zone key must be region|zone,zone..., was " + key);
        }
        String region = key.substring(0, bar);
        String zones = key.substring(bar + 1);
        try {
            if (zones.isEmpty()) {
                return region.isEmpty() ? UNKNOWN : new ContactZone(region, List.of());
            }
            if (zones.equals(ALL_ZONES_OF_REGION) && !region.isEmpty()) {
                return ContactZones.ofRegion(region);
            }
            return new ContactZone(region, List.of(zones.split(",", -1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a contact zone key must be region|zone,zone..., was " + key, e);
        }
    }

    private static boolean isRegion(String region) {
        int length = region.length();
        if (length == 0) {
            return true;
        }
        if (length != 2 && length != 5) {
            return false;
        }
        return isCapital(region.charAt(0)) && isCapital(region.charAt(1))
                && (length == 2 || region.charAt(2) == '-' && isCapital(region.charAt(3)) && isCapital(region.charAt(4)));
    }

    private static boolean isCapital(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
