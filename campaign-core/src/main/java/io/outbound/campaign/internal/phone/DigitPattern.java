package io.outbound.campaign.internal.phone;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A regular expression of libphonenumber's metadata, matched against digit strings by a DFA: one array read per
 * digit and no allocation. java.util.regex gives the same answers, but for libphonenumber's long alternations each
 * of its matchers allocates and clears large arrays, which took most of the validation time.
 *
 * <p>The DFA is built eagerly by subset construction from a {@link DigitNfa}, with the text's digits as its
 * alphabet. A pattern whose syntax the NFA does not support, or whose DFA would need more than
 * {@value #MAX_STATES} states, is matched by java.util.regex instead: slower, never different. The
 * java.util.regex pattern is kept in every case for callers that need what a group caught.
 *
 * <p>Text is expected to be ASCII digits. Any other character matches nothing, as {@code \d} and digits do in
 * java.util.regex; the one difference is that {@code $} here never matches before a final line terminator.
 */
final class DigitPattern {

    static final int MAX_STATES = 10_000;
    private static final int DEAD = -1;

    private final Pattern regex;
    /** {@code next[state * 10 + digit]}, {@link #DEAD} when no match can follow; null when on java.util.regex. */
    private final int[] next;
    /** Whether the digits read so far match. */
    private final boolean[] matchesHere;
    /** Whether the digits read so far match if the text ends there, which {@code $} may require. */
    private final boolean[] matchesAtEnd;
    private final String fallbackReason;

    private DigitPattern(Pattern regex, int[] next, boolean[] matchesHere, boolean[] matchesAtEnd,
            String fallbackReason) {
        this.regex = regex;
        this.next = next;
        this.matchesHere = matchesHere;
        this.matchesAtEnd = matchesAtEnd;
        this.fallbackReason = fallbackReason;
    }

    /**
     * Compiles a regular expression, to a DFA when it can.
     *
     * @throws java.util.regex.PatternSyntaxException when java.util.regex rejects the expression
     */
    static DigitPattern compile(String regex) {
        Pattern pattern = Pattern.compile(regex);
        try {
            return new Dfa(DigitNfa.of(regex)).build(pattern);
        } catch (DigitNfa.UnsupportedSyntax e) {
            return new DigitPattern(pattern, null, null, null, e.getMessage());
        }
    }

    /** The java.util.regex form of the pattern, for the rare caller that needs groups. */
    Pattern regex() {
        return regex;
    }

    /** Whether matching runs on the DFA rather than on java.util.regex. */
    boolean usesDfa() {
        return next != null;
    }

    /** Why the pattern is matched by java.util.regex, or {@code null} when it {@link #usesDfa()}. */
    String fallbackReason() {
        return fallbackReason;
    }

    /** Whether the text from index {@code from} to its end matches entirely, as {@code Matcher.matches()}. */
    boolean matches(CharSequence text, int from) {
        if (next == null) {
            return regex.matcher(text).region(from, text.length()).matches();
        }
        int state = 0;
        for (int i = from, length = text.length(); i < length; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            state = next[state * 10 + digit];
            if (state == DEAD) {
                return false;
            }
        }
        return matchesAtEnd[state];
    }

    /** Whether some start of the text from index {@code from} matches, as {@code Matcher.lookingAt()}. */
    boolean lookingAt(CharSequence text, int from) {
        if (next == null) {
            return regex.matcher(text).region(from, text.length()).lookingAt();
        }
        int state = 0;
        for (int i = from, length = text.length(); i < length; i++) {
            if (matchesHere[state]) {
                return true;
            }
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            state = next[state * 10 + digit];
            if (state == DEAD) {
                return false;
            }
        }
        return matchesAtEnd[state];
    }

    /**
     * Subset construction. A DFA state is the set of NFA digit states the text may have reached, plus two flags:
     * {@link DigitNfa#MATCH} reached, and reached through {@code $}. States with the same set and flags behave
     * alike, so that is the key; the empty key is {@link #DEAD}.
     */
    private static final class Dfa {
        private final DigitNfa nfa;
        private final int matchHereBit;
        private final int matchAtEndBit;
        private final Map<BitSet, Integer> ids = new HashMap<>();
        private final List<BitSet> states = new ArrayList<>();
        /** Scratch space of {@link #walk}, reused because closures are computed ten times per DFA state. */
        private final BitSet seen = new BitSet();
        private int[] stack = new int[64];

        Dfa(DigitNfa nfa) {
            this.nfa = nfa;
            this.matchHereBit = nfa.size();
            this.matchAtEndBit = nfa.size() + 1;
        }

        DigitPattern build(Pattern regex) {
            BitSet start = new BitSet();
            start.set(nfa.start());
            // Registered even when empty, unlike any other state: matching starts here.
            BitSet startKey = closure(start);
            ids.put(startKey, 0);
            states.add(startKey);
            int[] next = new int[160];
            for (int state = 0; state < states.size(); state++) {
                BitSet current = states.get(state);
                for (int digit = 0; digit < 10; digit++) {
                    BitSet moved = new BitSet();
                    for (int n = current.nextSetBit(0); n >= 0 && n < matchHereBit; n = current.nextSetBit(n + 1)) {
                        if ((nfa.mask(n) & (1 << digit)) != 0) {
                            moved.set(nfa.targets(n)[0]);
                        }
                    }
                    int target = idOf(closure(moved));
                    if (states.size() > MAX_STATES) {
                        throw new DigitNfa.UnsupportedSyntax("more than " + MAX_STATES + " DFA states");
                    }
                    if (state * 10 + digit == next.length) {
                        next = Arrays.copyOf(next, next.length * 2);
                    }
                    next[state * 10 + digit] = target;
                }
            }
            boolean[] matchesHere = new boolean[states.size()];
            boolean[] matchesAtEnd = new boolean[states.size()];
            for (int state = 0; state < states.size(); state++) {
                matchesHere[state] = states.get(state).get(matchHereBit);
                matchesAtEnd[state] = states.get(state).get(matchAtEndBit);
            }
            return new DigitPattern(regex, Arrays.copyOf(next, states.size() * 10), matchesHere, matchesAtEnd, null);
        }

        private int idOf(BitSet key) {
            if (key.isEmpty()) {
                return DEAD;
            }
            Integer id = ids.get(key);
            if (id == null) {
                id = states.size();
                ids.put(key, id);
                states.add(key);
            }
            return id;
        }

        /** The digit states and flags reachable from {@code from} without consuming a digit. */
        private BitSet closure(BitSet from) {
            BitSet key = new BitSet();
            BitSet ends = new BitSet();
            walk(from, key, ends, false);
            if (!ends.isEmpty()) {
                walk(ends, key, null, true);
            }
            return key;
        }

        /**
         * Follows splits from {@code from}. Before the text ends, records digit states and a match in {@code key}
         * and the states after a {@code $} in {@code ends}; past the end, where no digit may follow, only whether
         * a match is reached.
         */
        private void walk(BitSet from, BitSet key, BitSet ends, boolean pastEnd) {
            seen.clear();
            int top = 0;
            for (int n = from.nextSetBit(0); n >= 0; n = from.nextSetBit(n + 1)) {
                stack = top == stack.length ? Arrays.copyOf(stack, top * 2) : stack;
                stack[top++] = n;
            }
            while (top > 0) {
                int n = stack[--top];
                if (seen.get(n)) {
                    continue;
                }
                seen.set(n);
                int kind = nfa.kind(n);
                int[] targets = nfa.targets(n);
                if (kind == DigitNfa.DIGIT && !pastEnd) {
                    key.set(n);
                } else if (kind == DigitNfa.MATCH) {
                    if (!pastEnd) {
                        key.set(matchHereBit);
                    }
                    key.set(matchAtEndBit);
                } else if (kind == DigitNfa.END_OF_TEXT && !pastEnd) {
                    ends.set(targets[0]);
                } else if (kind == DigitNfa.SPLIT || kind == DigitNfa.END_OF_TEXT) {
                    if (top + targets.length > stack.length) {
                        stack = Arrays.copyOf(stack, Math.max(stack.length * 2, top + targets.length));
                    }
                    for (int target : targets) {
                        stack[top++] = target;
                    }
                }
            }
        }
    }
}
