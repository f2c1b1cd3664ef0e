package io.outbound.campaign.internal.phone;

/**
 * The E.164 numbers seen so far in a contacts file, to spot duplicates in constant memory per number.
 *
 * <p>A valid E.164 number has at most {@value #MAX_DIGITS} digits and never starts with 0, so its digits read as
 * an unsigned decimal fit a {@code long} and are never 0. The set is an open-addressing table of such longs with
 * linear probing, 0 marking a free slot, doubled when three quarters full: 11 to 21 bytes per number and no
 * object per number. Not thread-safe: one import owns it.
 */
public final class PhoneNumberSet {

    /** The most digits a number may have; every valid number has fewer (checked against the metadata in tests). */
    public static final int MAX_DIGITS = 19;

    private static final int INITIAL_CAPACITY = 1024;

    private long[] slots = new long[INITIAL_CAPACITY];
    private int size;

    /**
     * Adds a number.
     *
     * @param e164 {@code +} then 1 to {@value #MAX_DIGITS} digits, the first not 0
     * @return {@code true} when the number was not in the set yet
     * @throws IllegalArgumentException when the number is not of that form
     */
    public boolean add(String e164) {
        long key = key(e164);
        int mask = slots.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long present = slots[i];
            if (present == key) {
                return false;
            }
            if (present == 0) {
                slots[i] = key;
                if (++size > slots.length / 4 * 3) {
                    grow();
                }
                return true;
            }
        }
    }

    /** Whether the number is in the set. */
    public boolean contains(String e164) {
        long key = key(e164);
        int mask = slots.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long present = slots[i];
            if (present == key) {
                return true;
            }
            if (present == 0) {
                return false;
            }
        }
    }

    /** How many distinct numbers the set holds. */
    public int size() {
        return size;
    }

    /** How many numbers the table has room for before it doubles; for tests of memory use. */
    int capacity() {
        return slots.length;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long key : old) {
            if (key != 0) {
                int i = slot(key, mask);
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = key;
            }
        }
    }

    private static int slot(long key, int mask) {
        // The finaliser of MurmurHash3: numbers of one file share long prefixes, so spread every bit.
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }

    private static long key(String e164) {
        int length = e164.length();
        if (length < 2 || length > MAX_DIGITS + 1 || e164.charAt(0) != '+' || e164.charAt(1) == '0') {
            throw new IllegalArgumentException("not an E.164 number of at most " + MAX_DIGITS + " digits: " + e164);
        }
        long key = 0;
        for (int i = 1; i < length; i++) {
            char c = e164.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not an E.164 number: " + e164);
            }
            // Wraps past Long.MAX_VALUE for 19-digit numbers: still distinct, as 10^19 < 2^64.
            key = key * 10 + (c - '0');
        }
        return key;
    }
}
