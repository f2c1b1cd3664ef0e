package io.outbound.campaign.jdbc;

import io.outbound.campaign.spi.DialPacing;
import io.outbound.campaign.spi.HandOverRequest;
import io.outbound.campaign.spi.HandOverResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code handOver}: marks claimed sessions dialled, each only while it is still in flight and undialled (and, when
 * the request respects suppression, its number is not on its organisation's suppression list). The
 * update locks the session row, as a return or a campaign leaving {@code running} does before it deletes
 * undialled sessions: whichever commits first wins, and the other finds the session no longer undialled (or
 * gone). Sessions are locked in session id order, the order returns lock them in, so the two never deadlock.
 *
 * <p>A paced configuration's handovers take turns on its {@code dial_pacing} row, locked for the transaction:
 * one session per handover at most, and none before the row's {@code next_slot_at}, whichever node asks.
 * Handovers lock no campaign or organisation row.
 */
final class Handovers {
    private final JdbcDialect dialect;
    private final SqlStatements sql;

    Handovers(JdbcDialect dialect) {
        this.dialect = dialect;
        this.sql = dialect.statements();
    }

    HandOverResult handOver(Connection connection, HandOverRequest request) throws SQLException {
        DialPacing pacing = request.pacing();
        return pacing == null ? unpaced(connection, request) : paced(connection, request, pacing);
    }

    private HandOverResult unpaced(Connection connection, HandOverRequest request) throws SQLException {
        Set<String> ids = new TreeSet<>(request.sessionIds());
        if (ids.isEmpty()) {
            return new HandOverResult(List.of(), null);
        }
        Set<String> handed = new HashSet<>();
        try (BoundStatement hand = sql.prepare(connection, statement(request))) {
            for (String id : ids) {
                hand.set("sessionId", id);
                hand.addBatch();
            }
            int[] counts = hand.executeBatch();
            int i = 0;
            for (String id : ids) {
                if (counts[i++] > 0) {
                    handed.add(id);
                }
            }
        }
        Set<String> asked = new LinkedHashSet<>(request.sessionIds());
        return new HandOverResult(asked.stream().filter(handed::contains).toList(), null,
                asked.stream().filter(id -> !handed.contains(id)).toList());
    }

    private HandOverResult paced(Connection connection, HandOverRequest request, DialPacing pacing)
            throws SQLException {
        Instant nextSlot = dialect.lockDialPacing(connection, pacing.orgId(), pacing.key());
        HandOverResult result;
        try (BoundStatement hand = sql.prepare(connection, statement(request))) {
            result = request.handOverEach(nextSlot, id -> handOne(hand, id));
        }
        if (!result.handedOver().isEmpty()) {
            try (BoundStatement write = sql.prepare(connection, Sql.DIAL_PACING_WRITE)) {
                write.setInstant("nextSlotAt", request.nextSlot()).set("orgId", pacing.orgId())
                        .set("configurationKey", pacing.key()).executeUpdate();
            }
        }
        return result;
    }

    /** The handover's statement: with the suppression list's check when the request respects it. */
    private static Sql statement(HandOverRequest request) {
        return request.respectSuppression() ? Sql.SESSION_HAND_OVER_UNLESS_SUPPRESSED : Sql.SESSION_HAND_OVER;
    }

    /** Marks one session dialled if it is still in flight and undialled; whether it did. */
    private static boolean handOne(BoundStatement hand, String sessionId) {
        try {
            return hand.set("sessionId", sessionId).executeUpdate() > 0;
        } catch (SQLException e) {
            throw new Transactions.SqlFailure(e);
        }
    }

    /**
     * Whether a handover whose commit failed did commit: its first session shows it dialled (only the node
     * that claimed a session hands it over). One
     * that handed over nothing changed nothing that matters, and its result stands either way.
     */
    boolean committed(Connection fresh, HandOverRequest request, HandOverResult result) throws SQLException {
        if (result.handedOver().isEmpty()) {
            return true;
        }
        try (BoundStatement query = sql.prepare(fresh, Sql.SESSION_HANDED_OVER)) {
            query.set("sessionId", result.handedOver().get(0));
            try (ResultSet row = query.executeQuery()) {
                return row.next() && row.getLong(1) > 0;
            }
        }
    }
}
