package io.outbound.campaign.jdbc;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Page;
import io.outbound.campaign.spi.SessionQuery;
import io.outbound.campaign.spi.StoredContact;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs, reports and redial reads. Every statement is built from fixed fragments: filters add a fixed
 * condition when their value is present (the value itself is always a JDBC parameter), and the sort column
 * and direction come from a switch over {@link SessionQuery.Sort}. No user text reaches the SQL.
 */
final class SessionQueries {
    private static final String ENDED_SESSIONS = "SELECT " + SessionTable.COLUMNS + " FROM call_sessions"
            + " WHERE campaign_id = ? AND status = 'ENDED' AND started_at >= ? AND started_at < ?"
            + " ORDER BY started_at, session_seq";
    private static final String REDIAL_CONTACTS = """
            SELECT seq, phone_number, contact_values, last_outcome, reached FROM campaign_contacts
             WHERE campaign_id = ? AND reached = FALSE AND last_outcome IS NOT NULL
             ORDER BY seq
            """;
    private static final String SESSION_COUNT = "SELECT session_count FROM campaigns WHERE id = ?";
    /** Far enough to stand for "no bound" in a range condition, and storable by every dialect. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private final JdbcDialect dialect;
    private final SessionTable sessions;
    private final int fetchSize;

    SessionQueries(JdbcDialect dialect, SessionTable sessions, int fetchSize) {
        this.dialect = dialect;
        this.sessions = sessions;
        this.fetchSize = fetchSize;
    }

    Page<CallSession> page(Connection connection, long campaignId, SessionQuery query) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String where = where(campaignId, query.filter(), parameters);
        long total = query.filter().equals(SessionQuery.Filter.none())
                ? sessionCount(connection, campaignId)
                : count(connection, where, parameters);
        List<CallSession> items = new ArrayList<>();
        if (total > query.page().offset()) {
            try (PreparedStatement select = connection.prepareStatement(
                    pageSql(where, query.sort(), query.descending()))) {
                int next = bind(select, parameters);
                select.setLong(next, query.page().offset());
                select.setInt(next + 1, query.page().limit());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(sessions.read(rows));
                    }
                }
            }
        }
        return new Page<>(items, query.page().page(), query.page().limit(), total);
    }

    /** A page of sessions: {@code where}, then the sort, then an offset and a limit as the last two parameters. */
    static String pageSql(String where, SessionQuery.Sort sort, boolean descending) {
        return "SELECT " + SessionTable.COLUMNS + " FROM call_sessions" + where
                + " ORDER BY " + orderBy(sort, descending) + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    }

    /**
     * The ORDER BY of a runs page, written so that the sort's index serves it in both directions: descending is
     * exactly ascending reversed, ties (by creation) included. Sessions in flight have no end, outcome or duration
     * yet and sort as the smallest values: {@code NULLS FIRST} ascending, {@code NULLS LAST} descending, which is
     * the index's {@code NULLS FIRST} order read forwards or backwards. The other sort columns are {@code NOT NULL}
     * and take no NULLS clause: PostgreSQL does not know that it would change nothing, and a NULLS clause other
     * than the index's own order makes it sort the whole campaign instead of reading the index.
     */
    static String orderBy(SessionQuery.Sort sort, boolean descending) {
        String direction = descending ? " DESC" : " ASC";
        String nulls = switch (sort) {
            case ENDED_AT, OUTCOME, DURATION_SECONDS -> descending ? " NULLS LAST" : " NULLS FIRST";
            case STARTED_AT, ATTEMPT, PHONE_NUMBER -> "";
        };
        // campaign_id is fixed by the WHERE; leading with it, as the indexes do, lets H2 see that an index is in
        // the page's order (PostgreSQL drops it as constant). H2 only reads an index forwards: ascending pages.
        return "campaign_id" + direction + ", " + column(sort) + direction + nulls + ", session_seq" + direction;
    }

    /** The campaign's sessions, from the counter on its row that every claim moves: one row, whatever the size. */
    private static long sessionCount(Connection connection, long campaignId) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(SESSION_COUNT)) {
            count.setLong(1, campaignId);
            try (ResultSet row = count.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    /** The sessions a filter matches, counted exactly: the filter's index narrows the rows to count. */
    private long count(Connection connection, String where, List<Object> parameters) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM call_sessions" + where)) {
            bind(count, parameters);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The column a sort orders by: a fixed name per enum constant, never the caller's text. */
    static String column(SessionQuery.Sort sort) {
        return switch (sort) {
            case STARTED_AT -> "started_at";
            case ENDED_AT -> "ended_at";
            case ATTEMPT -> "attempt";
            case OUTCOME -> "outcome";
            case PHONE_NUMBER -> "phone_number";
            case DURATION_SECONDS -> "duration_seconds";
        };
    }

    private static String where(long campaignId, SessionQuery.Filter filter, List<Object> parameters) {
        StringBuilder where = new StringBuilder(" WHERE campaign_id = ?");
        parameters.add(campaignId);
        if (filter.outcome() != null) {
            where.append(" AND outcome = ?");
            parameters.add(filter.outcome().name());
        }
        if (filter.phoneNumber() != null) {
            where.append(" AND phone_number = ?");
            parameters.add(filter.phoneNumber());
        }
        if (filter.attempt() != null) {
            where.append(" AND attempt = ?");
            parameters.add(filter.attempt());
        }
        if (filter.answered() != null) {
            where.append(" AND answered = ?");
            parameters.add(filter.answered());
        }
        if (filter.startedAfter() != null) {
            where.append(" AND started_at >= ?");
            parameters.add(filter.startedAfter());
        }
        if (filter.startedBefore() != null) {
            where.append(" AND started_at < ?");
            parameters.add(filter.startedBefore());
        }
        return where.toString();
    }

    private int bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        int index = 1;
        for (Object parameter : parameters) {
            if (parameter instanceof Instant instant) {
                dialect.setInstant(statement, index, instant);
            } else if (parameter instanceof Long value) {
                statement.setLong(index, value);
            } else if (parameter instanceof Integer value) {
                statement.setInt(index, value);
            } else if (parameter instanceof Boolean value) {
                statement.setBoolean(index, value);
            } else {
                statement.setString(index, (String) parameter);
            }
            index++;
        }
        return index;
    }

    /**
     * Streams ended sessions through a cursor. The caller's connection is in a transaction: PostgreSQL only
     * streams a result with auto-commit off and a fetch size.
     */
    void forEachEnded(Connection connection, long campaignId, Instant from, Instant before,
                      Consumer<CallSession> sink) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ENDED_SESSIONS)) {
            select.setFetchSize(fetchSize);
            select.setLong(1, campaignId);
            dialect.setInstant(select, 2, from == null ? EARLIEST : from);
            dialect.setInstant(select, 3, before == null ? LATEST : before);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sink.accept(sessions.read(rows));
                }
            }
        }
    }

    void forEachRedial(Connection connection, long campaignId, Set<CallOutcome> outcomes,
                       Consumer<StoredContact> sink) throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        try (PreparedStatement select = connection.prepareStatement(REDIAL_CONTACTS)) {
            select.setFetchSize(fetchSize);
            select.setLong(1, campaignId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    StoredContact contact = new StoredContact(rows.getLong("seq"), rows.getString("phone_number"),
                            JsonColumns.strings(rows.getString("contact_values")),
                            CallOutcome.valueOf(rows.getString("last_outcome")), rows.getBoolean("reached"));
                    // Filtered here rather than with a variable IN list: the set is a handful of enum values.
                    if (contact.isRedialFor(outcomes)) {
                        sink.accept(contact);
                    }
                }
            }
        }
    }
}
