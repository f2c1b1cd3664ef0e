package io.outbound.campaign.internal.local;

import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInput;
import java.io.ObjectInputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * libphonenumber's table from number prefixes to time zones, read from its {@code geocoder} artifact.
 *
 * <p>The table is the resource {@value #RESOURCE} of the geocoder jar, in the format that {@code
 * PrefixTimeZonesMap} of the {@code prefixmapper} jar reads. Neither jar can be a module core requires: the
 * geocoder jar holds classes of the package {@code com.google.i18n.phonenumbers}, which libphonenumber's module
 * already has, so it can only sit on the class path; and prefixmapper has no stable module name (its name would
 * come from the jar's file name), which a published module must not require. So the data is found as a class
 * loader resource (a package of no named module is looked up on the class path) and {@code PrefixTimeZonesMap}
 * is called through method handles, which reach the class path's public classes from a named module as well as
 * from the class path. Hosts on the plain class path need nothing more; modular hosts put both jars on the class
 * path.
 */
final class PrefixTimeZones {

    static final String RESOURCE = "com/google/i18n/phonenumbers/timezones/data/map_data";
    private static final String MAP_CLASS = "com.google.i18n.phonenumbers.prefixmapper.PrefixTimeZonesMap";

    private final Object map;
    private final MethodHandle forNumber;
    private final MethodHandle forCallingCode;
    /**
     * Every proper prefix of a listed prefix, as {@link #prefixKey}: the prefixes after which the answer may still
     * change. Null when the listing could not be read, and then nothing may be cached.
     */
    private final Set<Long> extended;

    private PrefixTimeZones(Object map, MethodHandle forNumber, MethodHandle forCallingCode) {
        this.map = map;
        this.forNumber = forNumber;
        this.forCallingCode = forCallingCode;
        this.extended = extendedPrefixes(map.toString());
    }

    /**
     * The proper prefixes of the listed ones, from the table's text form: one {@code prefix|zone&zone} line per
     * prefix. Only an optimisation rests on that form; when no line reads as one, caching is off.
     */
    private static Set<Long> extendedPrefixes(String listing) {
        Set<Long> extended = new HashSet<>();
        int lines = 0;
        for (String line : listing.split("\n")) {
            int bar = line.indexOf('|');
            if (bar < 1 || bar > MAX_PREFIX_DIGITS || !line.substring(0, bar).chars().allMatch(Character::isDigit)) {
                continue;
            }
            lines++;
            long value = 0;
            for (int length = 1; length < bar; length++) {
                value = value * 10 + (line.charAt(length - 1) - '0');
                extended.add(prefixKey(value, length));
            }
        }
        return lines == 0 ? null : Set.copyOf(extended);
    }

    /** The longest prefix a key can hold. */
    static final int MAX_PREFIX_DIGITS = 17;

    /** A prefix of {@code length} digits (leading zeros included) with value {@code value}, as one number. */
    static long prefixKey(long value, int length) {
        return value * 32 + length;
    }

    /**
     * Whether the zones of a number starting with this prefix are decided by the prefix alone: no longer listed
     * prefix starts with it. False when that is not known.
     */
    boolean decides(long value, int length) {
        return extended != null && !extended.contains(prefixKey(value, length));
    }

    /**
     * Reads the table, once per process.
     *
     * @throws IllegalStateException saying which artifact is missing when the class or the data is not found
     */
    static PrefixTimeZones load() {
        ClassLoader loader = PrefixTimeZones.class.getClassLoader();
        Class<?> mapClass;
        try {
            mapClass = Class.forName(MAP_CLASS, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("time zones of phone numbers need " + MAP_CLASS
                    + " (com.googlecode.libphonenumber:prefixmapper) on the class path", e);
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Object map = lookup.findConstructor(mapClass, MethodType.methodType(void.class)).invoke();
            MethodHandle read = lookup.findVirtual(mapClass, "readExternal",
                    MethodType.methodType(void.class, ObjectInput.class));
            InputStream data = resource(mapClass.getClassLoader(), loader);
            if (data == null) {
                throw new IllegalStateException("time zones of phone numbers need the resource " + RESOURCE
                        + " (com.googlecode.libphonenumber:geocoder) on the class path");
            }
            try (ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(data))) {
                read.invoke(map, in);
            }
            MethodType lookupType = MethodType.methodType(List.class, PhoneNumber.class);
            return new PrefixTimeZones(map,
                    lookup.findVirtual(mapClass, "lookupTimeZonesForNumber", lookupType),
                    lookup.findVirtual(mapClass, "lookupCountryLevelTimeZonesForNumber", lookupType));
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("could not read the time zones of phone numbers from " + RESOURCE, e);
        }
    }

    private static InputStream resource(ClassLoader first, ClassLoader second) throws IOException {
        InputStream in = first == null ? null : first.getResourceAsStream(RESOURCE);
        return in != null || second == null ? in : second.getResourceAsStream(RESOURCE);
    }

    /**
     * The zones of the longest prefix of the number the table lists, which may be its calling code alone;
     * empty when the table has nothing for it.
     */
    @SuppressWarnings("unchecked")
    List<String> zonesOf(PhoneNumber number) {
        try {
            return (List<String>) forNumber.invoke(map, number);
        } catch (Throwable e) {
            throw new IllegalStateException("libphonenumber's time-zone lookup failed for +"
                    + number.getCountryCode() + " " + number.getNationalNumber(), e);
        }
    }

    /** The zones the table lists for a calling code as a whole; empty when none. */
    @SuppressWarnings("unchecked")
    List<String> zonesOfCallingCode(int callingCode) {
        try {
            return (List<String>) forCallingCode.invoke(map, new PhoneNumber().setCountryCode(callingCode));
        } catch (Throwable e) {
            throw new IllegalStateException("libphonenumber's time-zone lookup failed for calling code +"
                    + callingCode, e);
        }
    }
}
