package io.outbound.campaign.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code campaign_zones} rows: per zone of a campaign, the file position up to which every fresh contact of the
 * zone is no longer pending. A claim with some zones closed reads the open zones' pending contacts in one pass along
 * the primary key, from the lowest of their positions (each the greater of its own and the campaign's
 * {@code fresh_claimed_through}, which holds for every zone at once and is what a claim with every zone open moves);
 * then every open zone's position moves to the last contact it took, since every pending contact of an open zone
 * before it was taken too. So the closed zones' contacts are passed over once while the same zones stay open, not on
 * every claim, and no index by zone has to be kept up at import. A zone found to have nothing pending left moves past
 * the end ({@link ContactPicker#THROUGH_THE_END}). A return lowers both positions before the contact it puts back.
 * Read and written under the campaign's row lock, like the campaign's own position.
 */
final class ZonePointers {
    private final SqlStatements sql;

    ZonePointers(SqlStatements sql) {
        this.sql = sql;
    }
    /** Creates a new campaign's zones 0 to {@code count - 1}, each with nothing claimed. */
    void insert(Connection connection, long campaignId, int count) throws SQLException {
        try (BoundStatement insert = sql.prepare(connection, Sql.ZONE_INSERT)) {
            for (int zone = 0; zone < count; zone++) {
                insert.setLong("campaignId", campaignId).setInt("zone", zone);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Each zone's own position, by zone, in zone order. */
    TreeMap<Integer, Long> read(Connection connection, long campaignId) throws SQLException {
        TreeMap<Integer, Long> positions = new TreeMap<>();
        try (BoundStatement read = sql.prepare(connection, Sql.ZONE_READ)) {
            read.setLong("campaignId", campaignId);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    positions.put(rows.getInt(1), rows.getLong(2));
                }
            }
        }
        return positions;
    }

    /** Moves zones' positions forward to the given ones (a position never moves back here). */
    void advance(Connection connection, long campaignId, Map<Integer, Long> positions) throws SQLException {
        write(connection, Sql.ZONE_ADVANCE, campaignId, positions);
    }

    /** Moves zones' positions back to the given ones, when beyond them: contacts there are pending again. */
    void lower(Connection connection, long campaignId, Map<Integer, Long> positions) throws SQLException {
        write(connection, Sql.ZONE_LOWER, campaignId, positions);
    }

    private void write(Connection connection, Sql statement, long campaignId, Map<Integer, Long> positions)
            throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        try (BoundStatement update = sql.prepare(connection, statement)) {
            for (Map.Entry<Integer, Long> each : new TreeMap<>(positions).entrySet()) {
                update.setLong("position", each.getValue()).setLong("campaignId", campaignId)
                        .setInt("zone", each.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
