package io.outbound.campaign.internal.local;

import java.time.Instant;

/**
 * When a call may start: a set of instants, answered as "is this instant in it" and "which is the first instant
 * of it at or after this one". A campaign's calling hours, a jurisdiction's hours in one zone and the
 * intersection of several windows ({@link LocalWindows#allOf}) all answer the same two questions, so the
 * dispatcher need not know which it holds.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface LocalWindow {

    /**
     * Whether a call may start at {@code t}.
     *
     * @param t the instant; not null
     */
    boolean isOpen(Instant t);

    /**
     * The earliest instant at or after {@code t} at which a call may start: {@code t} itself when open.
     *
     * @param t the instant; not null
     * @return the opening, or {@code null} when the window never opens
     */
    Instant nextOpening(Instant t);
}
