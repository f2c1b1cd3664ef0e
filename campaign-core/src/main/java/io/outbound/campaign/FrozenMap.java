package io.outbound.campaign;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A map no one can change, in its iteration order: what {@link CallSession}'s maps hold. A session is rebuilt as it
 * moves (started, ended, late), and a map already frozen is shared rather than copied again; a contact's initial
 * context is a view of its row's values under its file's columns, with nothing copied.
 */
abstract sealed class FrozenMap<K, V> extends AbstractMap<K, V> {

    /** The columns last found to hold no name twice (one list per campaign, shared by its sessions). */
    private static volatile List<String> distinctColumns;

    /** {@code map} itself when already frozen, else a frozen copy of it. */
    static <K, V> Map<K, V> of(Map<K, V> map) {
        return map instanceof FrozenMap<K, V> frozen ? frozen : new Copy<>(new LinkedHashMap<>(map));
    }

    /**
     * Each column with the row's value, in column order, {@code ""} for a column the row lacks: a view of the two
     * lists, or a copy when a column name repeats (the later value then wins, as a map built column by column) or a
     * value is {@code null} (which an immutable list cannot hold).
     */
    static Map<String, String> columns(List<String> columns, List<String> values) {
        List<String> names = List.copyOf(columns);
        List<String> row;
        try {
            row = List.copyOf(values);
        } catch (NullPointerException nullValue) {
            return copy(names, values);
        }
        if (names != distinctColumns) {
            if (new HashSet<>(names).size() != names.size()) {
                return copy(names, row);
            }
            distinctColumns = names;
        }
        return new Columns(names, row);
    }

    private static Map<String, String> copy(List<String> names, List<String> values) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            copy.put(names.get(i), i < values.size() ? values.get(i) : "");
        }
        return new Copy<>(copy);
    }

    /** A copy of a map, made here and held by no one else. */
    private static final class Copy<K, V> extends FrozenMap<K, V> {
        private final Map<K, V> entries;

        Copy(LinkedHashMap<K, V> copy) {
            this.entries = Collections.unmodifiableMap(copy);
        }

        @Override
        public Set<Entry<K, V>> entrySet() {
            return entries.entrySet();
        }

        @Override
        public V get(Object key) {
            return entries.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.containsKey(key);
        }

        @Override
        public int size() {
            return entries.size();
        }
    }

    /** Distinct column names and a row's values, both immutable lists. */
    private static final class Columns extends FrozenMap<String, String> {
        private final List<String> names;
        private final List<String> values;

        Columns(List<String> names, List<String> values) {
            this.names = names;
            this.values = values;
        }

        private String value(int i) {
            return i < values.size() ? values.get(i) : "";
        }

        @Override
        public String get(Object key) {
            int i = names.indexOf(key);
            return i < 0 ? null : value(i);
        }

        @Override
        public boolean containsKey(Object key) {
            return names.contains(key);
        }

        @Override
        public int size() {
            return names.size();
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, String>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < names.size();
                        }

                        @Override
                        public Entry<String, String> next() {
                            if (next >= names.size()) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(names.get(i), value(i));
                        }
                    };
                }

                @Override
                public int size() {
                    return names.size();
                }
            };
        }
    }
}
