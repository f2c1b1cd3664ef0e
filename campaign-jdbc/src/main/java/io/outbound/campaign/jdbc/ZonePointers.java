package io.outbound.campaign.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code campaign_zones} rows: per zone of a campaign, the file position up to which every fresh contact of the
 * zone is no longer pending. A claim with some zones closed reads each open zone's pending contacts from the greater
 * of that position and the campaign's own {@code fresh_claimed_through} (which holds for every zone at once, and is
 * what a claim with every zone open moves), through the index on {@code (campaign_id, zone, seq)}: the closed zones'
 * rows are never read, and no row is read twice by the same pointer. A return lowers both positions before the
 * contact it puts back. Read and written under the campaign's row lock, like the campaign's own position.
 */
final class ZonePointers {
    private static final String INSERT = "INSERT INTO campaign_zones (campaign_id, zone) VALUES (?, ?)";
    private static final String READ = "SELECT zone, fresh_claimed_through FROM campaign_zones WHERE campaign_id = ?";
    private static final String ADVANCE = """
            UPDATE campaign_zones SET fresh_claimed_through = ?
             WHERE campaign_id = ? AND zone = ? AND fresh_claimed_through < ?""";
    private static final String LOWER = """
            UPDATE campaign_zones SET fresh_claimed_through = ?
             WHERE campaign_id = ? AND zone = ? AND fresh_claimed_through > ?""";

    /** Creates a new campaign's zones 0 to {@code count - 1}, each with nothing claimed. */
    void insert(Connection connection, long campaignId, int count) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int zone = 0; zone < count; zone++) {
                insert.setLong(1, campaignId);
                insert.setInt(2, zone);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Each zone's own position, by zone, in zone order. */
    TreeMap<Integer, Long> read(Connection connection, long campaignId) throws SQLException {
        TreeMap<Integer, Long> positions = new TreeMap<>();
        try (PreparedStatement read = connection.prepareStatement(READ)) {
            read.setLong(1, campaignId);
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
        write(connection, ADVANCE, campaignId, positions);
    }

    /** Moves zones' positions back to the given ones, when beyond them: contacts there are pending again. */
    void lower(Connection connection, long campaignId, Map<Integer, Long> positions) throws SQLException {
        write(connection, LOWER, campaignId, positions);
    }

    private static void write(Connection connection, String sql, long campaignId, Map<Integer, Long> positions)
            throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (Map.Entry<Integer, Long> each : new TreeMap<>(positions).entrySet()) {
                update.setLong(1, each.getValue());
                update.setLong(2, campaignId);
                update.setInt(3, each.getKey());
                update.setLong(4, each.getValue());
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
