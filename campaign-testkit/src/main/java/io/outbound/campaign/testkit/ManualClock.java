package io.outbound.campaign.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that moves only when told to, and never backwards. Thread-safe. Tests move time with it
 * instead of sleeping.
 */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** A clock in UTC standing at the given instant. */
    public ManualClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same clock (sharing its time) seen in another zone. */
    @Override
    public Clock withZone(ZoneId newZone) {
        return new ManualClock(now, newZone);
    }

    /**
     * Moves the clock to the instant.
     *
     * @throws IllegalArgumentException when the instant is earlier than the clock's
     */
    public void setInstant(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        now.updateAndGet(current -> {
            if (instant.isBefore(current)) {
                throw new IllegalArgumentException("a ManualClock never goes back: it is " + current
                        + ", asked for " + instant);
            }
            return instant;
        });
    }

    /**
     * Moves the clock forward.
     *
     * @throws IllegalArgumentException when the duration is negative
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        now.updateAndGet(current -> current.plus(duration));
    }

    @Override
    public String toString() {
        return "ManualClock[" + now.get() + "]";
    }
}
