package io.outbound.campaign.spi;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The caller numbers of one telephony configuration, how calls share them, and how fast the carrier lets
 * the configuration dial.
 *
 * <pre>{@code
 * CallerPool.exclusive(numbers)                       // one call per number at a time, no rate cap
 * CallerPool.shared(numbers, 3).withCallsPerSecond(1)  // up to 3 calls per number, one dial a second
 * }</pre>
 *
 * <p>{@code callsPerSecond} caps the dials handed to the telephony for this configuration, across every
 * engine node sharing the store, in any one-second window (carriers refuse or queue calls above their
 * rate; one call per second per account or trunk is a common default). Dials are spaced evenly, with a
 * small guard for the time between the engine's decision and the carrier receiving the request, so a
 * configuration capped at {@code n} calls per second dials at a steady rate a little under {@code n}.
 *
 * @param numbers           the caller numbers (E.164), in the order ties are broken; no duplicates
 * @param mode              exclusive or shared
 * @param maxCallsPerNumber the most calls one number carries at once: 1 when {@code EXCLUSIVE}
 * @param callsPerSecond    the most dials per second of the configuration, positive;
 *                          {@link #NO_RATE_LIMIT} for none (fractions such as 0.5, one dial every two
 *                          seconds, are allowed)
 */
public record CallerPool(List<String> numbers, CallerIdMode mode, int maxCallsPerNumber, double callsPerSecond) {

    /** No cap on dials per second. */
    public static final double NO_RATE_LIMIT = Double.POSITIVE_INFINITY;
    /** The most calls a shared number may be asked to carry at once. */
    public static final int MAX_CALLS_PER_NUMBER = 1_000;

    /**
     * @throws NullPointerException     when numbers or mode is null
     * @throws IllegalArgumentException naming the field when a value is out of range
     */
    public CallerPool {
        Objects.requireNonNull(numbers, "numbers");
        Objects.requireNonNull(mode, "mode");
        numbers = List.copyOf(numbers);
        try {
            // Set.of rejects a repeated element; it keeps no entry objects, as a pool may be built per dispatch pass.
            Set.of(numbers.toArray(String[]::new));
        } catch (IllegalArgumentException repeated) {
            throw new IllegalArgumentException("numbers must not repeat a caller number, were " + numbers);
        }
        if (mode == CallerIdMode.EXCLUSIVE && maxCallsPerNumber != 1) {
            throw new IllegalArgumentException("maxCallsPerNumber must be 1 for EXCLUSIVE caller ids, was "
                    + maxCallsPerNumber);
        }
        if (maxCallsPerNumber < 1 || maxCallsPerNumber > MAX_CALLS_PER_NUMBER) {
            throw new IllegalArgumentException("maxCallsPerNumber must be between 1 and " + MAX_CALLS_PER_NUMBER
                    + ", was " + maxCallsPerNumber);
        }
        if (Double.isNaN(callsPerSecond) || callsPerSecond <= 0) {
            throw new IllegalArgumentException("callsPerSecond must be positive (or NO_RATE_LIMIT), was "
                    + callsPerSecond);
        }
    }

    /** One call per number at a time, no rate cap: the simple form of {@link TelephonyConfigs#callerNumbers}. */
    public static CallerPool exclusive(List<String> numbers) {
        return new CallerPool(numbers, CallerIdMode.EXCLUSIVE, 1, NO_RATE_LIMIT);
    }

    /** Numbers shared by up to {@code maxCallsPerNumber} calls each, no rate cap. */
    public static CallerPool shared(List<String> numbers, int maxCallsPerNumber) {
        return new CallerPool(numbers, CallerIdMode.SHARED, maxCallsPerNumber, NO_RATE_LIMIT);
    }

    /** The same pool with a cap on dials per second. */
    public CallerPool withCallsPerSecond(double callsPerSecond) {
        return new CallerPool(numbers, mode, maxCallsPerNumber, callsPerSecond);
    }

    /** Whether dials of this configuration are paced. */
    public boolean paced() {
        return callsPerSecond != NO_RATE_LIMIT;
    }
}
