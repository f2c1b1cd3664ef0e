package io.outbound.campaign.internal.phone;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Thompson NFA over the digits 0-9 for the part of regular-expression syntax libphonenumber's metadata uses:
 * digits, {@code \d}, classes of digits and digit ranges ({@code [0-35-9]}), capturing and {@code (?:...)}
 * groups, alternation, the greedy quantifiers {@code ? * + {n} {n,} {n,m}} and {@code $}. Any other syntax throws
 * {@link UnsupportedSyntax}, so that the caller keeps java.util.regex for that pattern rather than risk a
 * different answer.
 *
 * <p>The NFA only says whether text matches, never what a group caught: capturing groups are plain groups here.
 * Without lookaround, backreferences or possessive quantifiers, a backtracking matcher accepts exactly the text
 * this NFA accepts, whatever the order in which it tries alternatives.
 */
final class DigitNfa {

    /** Consumes one digit of its mask, then goes to its one target. */
    static final int DIGIT = 0;
    /** Goes to any of its targets without consuming anything. */
    static final int SPLIT = 1;
    /** Goes to its one target only at the end of the text ({@code $}). */
    static final int END_OF_TEXT = 2;
    /** The text read so far matches. */
    static final int MATCH = 3;

    static final int ALL_DIGITS = (1 << 10) - 1;
    /** Guards against quantifiers such as {@code \d{100000}}: such a pattern stays with java.util.regex. */
    private static final int MAX_STATES = 50_000;
    private static final int UNBOUNDED = -1;

    /** Why a pattern cannot be read into an NFA. */
    static final class UnsupportedSyntax extends RuntimeException {
        UnsupportedSyntax(String message) {
            super(message, null, false, false);
        }
    }

    private int[] kinds = new int[64];
    private int[] masks = new int[64];
    private int[][] targets = new int[64][];
    private int size;
    private final int start;

    private DigitNfa(String regex) {
        int match = add(MATCH, 0);
        this.start = new Parser(regex).parse().compile(this, match);
    }

    /**
     * The NFA of a regular expression.
     *
     * @throws UnsupportedSyntax when the expression uses syntax outside the subset described above
     */
    static DigitNfa of(String regex) {
        return new DigitNfa(regex);
    }

    int start() {
        return start;
    }

    int size() {
        return size;
    }

    int kind(int state) {
        return kinds[state];
    }

    /** The digits a {@link #DIGIT} state consumes, bit {@code d} for digit {@code d}. */
    int mask(int state) {
        return masks[state];
    }

    int[] targets(int state) {
        return targets[state];
    }

    private int add(int kind, int mask, int... to) {
        if (size == MAX_STATES) {
            throw new UnsupportedSyntax("more than " + MAX_STATES + " NFA states");
        }
        if (size == kinds.length) {
            kinds = Arrays.copyOf(kinds, size * 2);
            masks = Arrays.copyOf(masks, size * 2);
            targets = Arrays.copyOf(targets, size * 2);
        }
        kinds[size] = kind;
        masks[size] = mask;
        targets[size] = to;
        return size++;
    }

    /** A parsed expression, compiled back to front: each node knows the state that follows it. */
    private interface Node {
        /** Adds the node's states leading to {@code next} and returns the state the node starts at. */
        int compile(DigitNfa nfa, int next);
    }

    private record Digits(int mask) implements Node {
        public int compile(DigitNfa nfa, int next) {
            return nfa.add(DIGIT, mask, next);
        }
    }

    private record EndOfText() implements Node {
        public int compile(DigitNfa nfa, int next) {
            return nfa.add(END_OF_TEXT, 0, next);
        }
    }

    private record Sequence(List<Node> nodes) implements Node {
        public int compile(DigitNfa nfa, int next) {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                next = nodes.get(i).compile(nfa, next);
            }
            return next;
        }
    }

    private record Choice(List<Node> alternatives) implements Node {
        public int compile(DigitNfa nfa, int next) {
            int[] starts = new int[alternatives.size()];
            for (int i = 0; i < starts.length; i++) {
                starts[i] = alternatives.get(i).compile(nfa, next);
            }
            return nfa.add(SPLIT, 0, starts);
        }
    }

    private record Repeat(Node node, int min, int max) implements Node {
        public int compile(DigitNfa nfa, int next) {
            int tail = next;
            if (max == UNBOUNDED) {
                int loop = nfa.add(SPLIT, 0, 0, next);
                nfa.targets[loop][0] = node.compile(nfa, loop);
                tail = loop;
            } else {
                for (int i = min; i < max; i++) {
                    tail = nfa.add(SPLIT, 0, node.compile(nfa, tail), next);
                }
            }
            for (int i = 0; i < min; i++) {
                tail = node.compile(nfa, tail);
            }
            return tail;
        }
    }

    /** Recursive descent over the supported syntax; anything else is {@link UnsupportedSyntax}. */
    private static final class Parser {
        private final String regex;
        private int at;

        Parser(String regex) {
            this.regex = regex;
        }

        Node parse() {
            Node node = choice();
            if (at < regex.length()) {
                throw unsupported();
            }
            return node;
        }

        private Node choice() {
            List<Node> alternatives = new ArrayList<>();
            alternatives.add(sequence());
            while (accept('|')) {
                alternatives.add(sequence());
            }
            return alternatives.size() == 1 ? alternatives.get(0) : new Choice(alternatives);
        }

        private Node sequence() {
            List<Node> nodes = new ArrayList<>();
            while (at < regex.length() && peek() != '|' && peek() != ')') {
                nodes.add(quantified(atom()));
            }
            return nodes.size() == 1 ? nodes.get(0) : new Sequence(nodes);
        }

        private Node quantified(Node atom) {
            Node node;
            if (accept('?')) {
                node = new Repeat(atom, 0, 1);
            } else if (accept('*')) {
                node = new Repeat(atom, 0, UNBOUNDED);
            } else if (accept('+')) {
                node = new Repeat(atom, 1, UNBOUNDED);
            } else if (accept('{')) {
                int min = number();
                int max = accept(',') ? (peek() == '}' ? UNBOUNDED : number()) : min;
                expect('}');
                if (max != UNBOUNDED && max < min) {
                    throw unsupported();
                }
                node = new Repeat(atom, min, max);
            } else {
                return atom;
            }
            // Lazy and possessive quantifiers and stacked quantifiers are not worth reasoning about.
            if (at < regex.length() && "?*+{".indexOf(peek()) >= 0) {
                throw unsupported();
            }
            return node;
        }

        private Node atom() {
            char c = next();
            if (c >= '0' && c <= '9') {
                return new Digits(1 << (c - '0'));
            }
            switch (c) {
                case '\\':
                    expect('d');
                    return new Digits(ALL_DIGITS);
                case '[':
                    return digitClass();
                case '$':
                    return new EndOfText();
                case '(':
                    if (accept('?')) {
                        expect(':');
                    }
                    Node inner = choice();
                    expect(')');
                    return inner;
                default:
                    at--;
                    throw unsupported();
            }
        }

        private Node digitClass() {
            int mask = 0;
            do {
                if (accept('\\')) {
                    expect('d');
                    mask |= ALL_DIGITS;
                } else {
                    int from = digit();
                    int to = accept('-') ? digit() : from;
                    if (to < from) {
                        throw unsupported();
                    }
                    mask |= ((1 << (to + 1)) - 1) & ~((1 << from) - 1);
                }
            } while (!accept(']'));
            return new Digits(mask);
        }

        private int number() {
            int begin = at;
            while (at < regex.length() && peek() >= '0' && peek() <= '9' && at - begin < 6) {
                at++;
            }
            if (at == begin || at - begin >= 6) {
                throw unsupported();
            }
            return Integer.parseInt(regex, begin, at, 10);
        }

        private int digit() {
            char c = next();
            if (c < '0' || c > '9') {
                at--;
                throw unsupported();
            }
            return c - '0';
        }

        private char peek() {
            return regex.charAt(at);
        }

        private char next() {
            if (at == regex.length()) {
                throw unsupported();
            }
            return regex.charAt(at++);
        }

        private boolean accept(char c) {
            if (at < regex.length() && regex.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!accept(c)) {
                throw unsupported();
            }
        }

        private UnsupportedSyntax unsupported() {
            return new UnsupportedSyntax("unsupported syntax at index " + at + " of " + regex);
        }
    }
}
