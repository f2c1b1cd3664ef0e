package io.outbound.campaign.jdbc;

import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Counts straight from the contact, session and slot rows, to hold the store's counters against: what the
 * counters say must always equal what the rows say.
 */
final class Recount {
    private Recount() {
    }

    /** The campaign's progress counted from its contacts (the status is copied from {@code status}). */
    static CampaignProgress progress(DataSource dataSource, long campaignId, CampaignStatus status) {
        Map<String, Long> states = new HashMap<>();
        long answered = 0;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT state, COUNT(*) FROM campaign_contacts WHERE campaign_id = ? GROUP BY state")) {
                q.setLong(1, campaignId);
                try (ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        states.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            answered = count(c, "SELECT COUNT(*) FROM campaign_contacts WHERE campaign_id = ? AND answered = TRUE",
                    campaignId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return CampaignProgress.of(status, states.getOrDefault("PENDING", 0L), states.getOrDefault("IN_PROGRESS", 0L),
                states.getOrDefault("RETRY_SCHEDULED", 0L), states.getOrDefault("COMPLETED", 0L),
                states.getOrDefault("FAILED", 0L), states.getOrDefault("SKIPPED", 0L), answered);
    }

    /** Every session of the campaign, counted from the session rows. */
    static long sessions(DataSource dataSource, long campaignId) {
        return query(dataSource, "SELECT COUNT(*) FROM call_sessions WHERE campaign_id = ?", campaignId);
    }

    /** Sessions in flight of the campaign, counted from the session rows. */
    static long sessionsInFlight(DataSource dataSource, long campaignId) {
        return query(dataSource, "SELECT COUNT(*) FROM call_sessions WHERE campaign_id = ? AND status = 'IN_PROGRESS'",
                campaignId);
    }

    /** The campaign's sessions in flight at an instant: started before it and not ended before it. */
    static long inFlightAt(DataSource dataSource, long campaignId, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM call_sessions WHERE campaign_id = ?"
                     + " AND started_at < ? AND (ended_at IS NULL OR ended_at >= ?)")) {
            q.setLong(1, campaignId);
            q.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            q.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            try (ResultSet row = q.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Caller numbers held (by sessions in flight), all organisations. */
    static long heldNumbers(DataSource dataSource) {
        return query(dataSource,
                "SELECT COUNT(*) FROM call_sessions WHERE status = 'IN_PROGRESS' AND caller_number IS NOT NULL AND 0 = ?",
                0);
    }

    /** The organisation's calls in flight, counted from its session rows. */
    static long orgInFlight(DataSource dataSource, String orgId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT COUNT(*) FROM call_sessions WHERE org_id = ? AND status = 'IN_PROGRESS'")) {
            q.setString(1, orgId);
            try (ResultSet row = q.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long query(DataSource dataSource, String sql, long parameter) {
        try (Connection c = dataSource.getConnection()) {
            return count(c, sql, parameter);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection c, String sql, long parameter) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setLong(1, parameter);
            try (ResultSet row = q.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
