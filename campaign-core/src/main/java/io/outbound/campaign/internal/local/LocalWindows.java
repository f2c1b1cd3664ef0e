package io.outbound.campaign.internal.local;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Windows made of other windows: {@link #ALWAYS}, and {@link #allOf} the instants at which every one of several
 * windows is open, which is when a number with several candidate zones may be called.
 */
public final class LocalWindows {

    /** A window open at every instant: the meaning of "no rule". */
    public static final LocalWindow ALWAYS = new LocalWindow() {
        @Override
        public boolean isOpen(Instant t) {
            return true;
        }

        @Override
        public Instant nextOpening(Instant t) {
            return t;
        }

        @Override
        public String toString() {
            return "LocalWindow[always]";
        }
    };

    /**
     * How far {@link #allOf} looks for an instant open in every part. The windows combined here repeat every
     * week, shifted by daylight saving and closed on some dates of the year; parts that share no instant in
     * more than a year share none at all.
     */
    public static final Duration HORIZON = Duration.ofDays(400);

    /**
     * Rounds of the search before it gives up as a defect. Each round moves to a later opening of some part, and
     * the windows of the rule table open at most twice a day per zone, so a search reaching the horizon takes at
     * most a few thousand rounds for the few zones a number has; far more means a part that does not move on.
     */
    static final int MAX_ROUNDS = 100_000;

    private LocalWindows() {
    }

    /**
     * The instants at which every part is open.
     *
     * <p>{@code nextOpening} finds the earliest instant at or after {@code t} open in all parts by a fixpoint:
     * ask each part for its next opening from the current candidate, move the candidate to the latest answer,
     * and stop when every part is open at the candidate. No instant before the candidate is open in all parts,
     * so the first candidate they all accept is the answer. It is {@code null} when any part never opens, and
     * also when the parts share no instant within {@link #HORIZON} of {@code t}: such windows never meet.
     *
     * @param parts the windows; an empty list gives {@link #ALWAYS}, one window gives itself
     * @throws IllegalStateException from {@code nextOpening} when the search neither converges nor passes the
     *                               horizon within {@value #MAX_ROUNDS} rounds, a defect of some part
     */
    public static LocalWindow allOf(List<LocalWindow> parts) {
        List<LocalWindow> copy = List.copyOf(parts);
        if (copy.isEmpty()) {
            return ALWAYS;
        }
        if (copy.size() == 1) {
            return copy.get(0);
        }
        return new Intersection(copy);
    }

    private static final class Intersection implements LocalWindow {

        private final List<LocalWindow> parts;

        Intersection(List<LocalWindow> parts) {
            this.parts = parts;
        }

        @Override
        public boolean isOpen(Instant t) {
            for (LocalWindow part : parts) {
                if (!part.isOpen(t)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Instant nextOpening(Instant t) {
            Instant horizon = t.plus(HORIZON);
            Instant candidate = t;
            for (int round = 0; round < MAX_ROUNDS; round++) {
                boolean moved = false;
                for (LocalWindow part : parts) {
                    Instant next = part.nextOpening(candidate);
                    if (next == null) {
                        return null;
                    }
                    if (next.isAfter(candidate)) {
                        candidate = next;
                        moved = true;
                    }
                }
                if (!moved) {
                    return candidate;
                }
                if (candidate.isAfter(horizon)) {
                    return null;
                }
            }
            throw new IllegalStateException("no instant open in all of " + parts + " found within " + MAX_ROUNDS
                    + " rounds after " + t);
        }

        @Override
        public String toString() {
            return "LocalWindow[all of " + parts + "]";
        }
    }
}
