package io.outbound.campaign.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A statement with named parameters ({@code :campaignId}) turned into JDBC's {@code ?} text and the parameters'
 * order. A name may appear more than once; each appearance is one {@code ?}. Text that only looks like a
 * parameter is left alone: PostgreSQL casts ({@code ::bigint}), string literals ({@code '...'}, with {@code ''}
 * inside), quoted identifiers ({@code "..."}) and comments ({@code --} to the end of the line, and
 * {@code /* ... *}{@code /}). Comments are dropped from the JDBC text, so that what the database sees and logs is
 * the statement alone.
 *
 * <p>A positional {@code ?} or a {@code ;} outside literals and comments is refused: every value is named, and a
 * resource holds one statement.
 *
 * <p>A list parameter ({@code zone IN (:zones)}) stands for as many values as a call has: {@link #expand} repeats
 * its {@code ?}, and the binder sets the values as {@code zones[0]}, {@code zones[1]}, ... Only placeholders are
 * generated, never values.
 */
final class NamedSql {
    /** The largest list an expansion is kept for: a claim's batch, a group of outcomes, fit well under it. */
    static final int MAX_KEPT_EXPANSION = 128;

    private final String name;
    private final String jdbcSql;
    private final List<String> parameters;
    private final Map<String, List<Integer>> positions;
    /** Expansions made so far, by list parameter and size: statements are prepared per call, with a few sizes. */
    private final Map<Expansion, NamedSql> expansions = new ConcurrentHashMap<>();

    private NamedSql(String name, String jdbcSql, List<String> parameters) {
        this.name = name;
        this.jdbcSql = jdbcSql;
        this.parameters = List.copyOf(parameters);
        Map<String, List<Integer>> byName = new LinkedHashMap<>();
        for (int i = 0; i < this.parameters.size(); i++) {
            byName.computeIfAbsent(this.parameters.get(i), k -> new ArrayList<>()).add(i + 1);
        }
        byName.replaceAll((k, list) -> List.copyOf(list));
        this.positions = Collections.unmodifiableMap(byName);
    }

    /**
     * Parses a statement.
     *
     * @param name what the statement is called in messages (its resource name)
     * @throws IllegalArgumentException naming the statement when it holds a positional {@code ?}, a {@code ;}, an
     *                                  unterminated literal, identifier or comment
     */
    static NamedSql parse(String name, String text) {
        StringBuilder sql = new StringBuilder(text.length());
        List<String> parameters = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closing(name, text, i, c);
                sql.append(text, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("statement '" + name + "' has an unterminated /* comment");
                }
                sql.append(' ');
                i = end + 2;
            } else if (c == ':' && i + 1 < n && text.charAt(i + 1) == ':') {
                sql.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && Character.isJavaIdentifierPart(text.charAt(end))) {
                    end++;
                }
                parameters.add(text.substring(i + 1, end));
                sql.append('?');
                i = end;
            } else if (c == '?') {
                throw new IllegalArgumentException("statement '" + name + "' has a positional parameter '?' at "
                        + "character " + i + "; name it, as in :campaignId");
            } else if (c == ';') {
                throw new IllegalArgumentException("statement '" + name + "' has a ';' at character " + i
                        + "; a statement resource holds one statement, without a terminator");
            } else {
                sql.append(c);
                i++;
            }
        }
        return new NamedSql(name, sql.toString().strip(), parameters);
    }

    /** The index just after the literal or quoted identifier opening at {@code start}; a doubled quote is inside. */
    private static int closing(String name, String text, int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("statement '" + name + "' has an unterminated "
                + (quote == '\'' ? "string literal" : "quoted identifier") + " at character " + start);
    }

    /** What the statement is called in messages. */
    String name() {
        return name;
    }

    /** The statement as JDBC takes it: one {@code ?} per appearance of a parameter, no comments. */
    String jdbcSql() {
        return jdbcSql;
    }

    /** The parameter of each {@code ?}, in order (a name repeats where it appears again). */
    List<String> parameters() {
        return parameters;
    }

    /**
     * This statement with the list parameter {@code list} standing for {@code size} values: each of its
     * appearances becomes {@code size} placeholders, named {@code list[0]} to {@code list[size - 1]}.
     *
     * @throws IllegalArgumentException when the statement has no such parameter, or {@code size} is below 1
     */
    NamedSql expand(String list, int size) {
        if (size > MAX_KEPT_EXPANSION) {
            return expanded(list, size);
        }
        return expansions.computeIfAbsent(new Expansion(list, size), key -> expanded(list, size));
    }

    private NamedSql expanded(String list, int size) {
        if (!parameters.contains(list)) {
            throw new IllegalArgumentException("statement '" + name + "' has no parameter :" + list
                    + "; its parameters: " + distinct());
        }
        if (size < 1) {
            throw new IllegalArgumentException("list parameter :" + list + " of statement '" + name
                    + "' needs at least one value, had " + size);
        }
        StringBuilder sql = new StringBuilder(jdbcSql.length() + 3 * size);
        List<String> expanded = new ArrayList<>();
        String placeholders = String.join(", ", Collections.nCopies(size, "?"));
        int p = 0;
        for (int i = 0; i < jdbcSql.length(); i++) {
            char c = jdbcSql.charAt(i);
            if (c == '?') {
                String parameter = parameters.get(p++);
                if (parameter.equals(list)) {
                    sql.append(placeholders);
                    for (int k = 0; k < size; k++) {
                        expanded.add(list + "[" + k + "]");
                    }
                    continue;
                }
                expanded.add(parameter);
            } else if (c == '\'' || c == '"') {
                int end = closing(name, jdbcSql, i, c);
                sql.append(jdbcSql, i, end);
                i = end - 1;
                continue;
            }
            sql.append(c);
        }
        return new NamedSql(name, sql.toString(), expanded);
    }

    /** Each parameter name once, in order of first appearance, with the ({@code 1}-based) positions of its {@code ?}. */
    Map<String, List<Integer>> positions() {
        return positions;
    }

    private List<String> distinct() {
        return List.copyOf(positions().keySet());
    }

    @Override
    public String toString() {
        return name + ": " + jdbcSql;
    }

    private record Expansion(String list, int size) {
    }
}
