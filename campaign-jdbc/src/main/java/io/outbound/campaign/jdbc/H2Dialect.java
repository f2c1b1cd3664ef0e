package io.outbound.campaign.jdbc;

import io.outbound.campaign.spi.ImportedContact;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * H2 2.x, the embedded default: contacts are claimed by a locking select and a batched update (round trips
 * cost nothing in process), and imports use batched inserts.
 */
public final class H2Dialect extends JdbcDialect {

    private static final String PICK_DUE = """
            SELECT seq, next_attempt_at, phone_number, contact_values, attempts
              FROM campaign_contacts
             WHERE campaign_id = ? AND state = 'RETRY_SCHEDULED' AND next_attempt_at <= ?
             ORDER BY next_attempt_at, seq
             FETCH FIRST ? ROWS ONLY
               FOR UPDATE
            """;
    private static final String PICK_FRESH = """
            SELECT seq, next_attempt_at, phone_number, contact_values, attempts
              FROM campaign_contacts
             WHERE campaign_id = ? AND seq > ? AND state = 'PENDING'
             ORDER BY seq
             FETCH FIRST ? ROWS ONLY
               FOR UPDATE
            """;
    private static final String MARK_CLAIMED = """
            UPDATE campaign_contacts
               SET state = 'IN_PROGRESS', attempts = ?, last_session_id = ?, note = NULL
             WHERE campaign_id = ? AND seq = ?
            """;
    private static final String ENSURE_ORG = """
            MERGE INTO org_call_slots t USING (VALUES (CAST(? AS VARCHAR(255)))) s (org_id) ON t.org_id = s.org_id
            WHEN NOT MATCHED THEN INSERT (org_id) VALUES (s.org_id)
            """;
    private static final String LOCK_ORG = "SELECT org_id FROM org_call_slots WHERE org_id = ? FOR UPDATE";
    private static final String ENSURE_PACING = """
            MERGE INTO dial_pacing t
            USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(64)))) s (org_id, configuration_key)
               ON t.org_id = s.org_id AND t.configuration_key = s.configuration_key
            WHEN NOT MATCHED THEN INSERT (org_id, configuration_key) VALUES (s.org_id, s.configuration_key)
            """;
    private static final String LOCK_PACING =
            "SELECT next_slot_at FROM dial_pacing WHERE org_id = ? AND configuration_key = ? FOR UPDATE";
    private static final String INSERT_CONTACT = """
            INSERT INTO campaign_contacts (campaign_id, seq, phone_number, contact_values, zone) VALUES (?, ?, ?, ?, ?)
            """;
    /** Inserts a suppression unless the organisation has the number already: the first entry is kept. */
    private static final String ADD_SUPPRESSION = """
            MERGE INTO suppressions t
            USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR),
                           CAST(? AS TIMESTAMP(9) WITH TIME ZONE))) s (org_id, phone_number, reason, created_at)
               ON t.org_id = s.org_id AND t.phone_number = s.phone_number
            WHEN NOT MATCHED THEN INSERT (org_id, phone_number, reason, created_at)
                 VALUES (s.org_id, s.phone_number, s.reason, s.created_at)
            """;

    /** An H2 dialect. */
    public H2Dialect() {
    }

    @Override
    public String name() {
        return "H2";
    }

    @Override
    String schemaResource() {
        return "io/outbound/campaign/jdbc/h2/V1__campaign_schema.sql";
    }

    @Override
    String campaignsTableName() {
        return "CAMPAIGNS";
    }

    @Override
    String skipLocked() {
        return "";
    }

    @Override
    void lockOrgSlots(Connection connection, String orgId) throws SQLException {
        try (PreparedStatement ensure = connection.prepareStatement(ENSURE_ORG)) {
            ensure.setString(1, orgId);
            ensure.executeUpdate();
        }
        try (PreparedStatement lock = connection.prepareStatement(LOCK_ORG)) {
            lock.setString(1, orgId);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
            }
        }
    }

    @Override
    Instant lockDialPacing(Connection connection, String orgId, String configurationKey) throws SQLException {
        try (PreparedStatement ensure = connection.prepareStatement(ENSURE_PACING)) {
            ensure.setString(1, orgId);
            ensure.setString(2, configurationKey);
            ensure.executeUpdate();
        }
        try (PreparedStatement lock = connection.prepareStatement(LOCK_PACING)) {
            lock.setString(1, orgId);
            lock.setString(2, configurationKey);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return getInstant(row, "next_slot_at");
            }
        }
    }

    @Override
    List<ClaimedContact> claimContacts(Connection connection, long campaignId, Instant now, int limit,
                                       long freshAfter) throws SQLException {
        List<ClaimedContact> claimed = new ArrayList<>(limit);
        try (PreparedStatement due = connection.prepareStatement(PICK_DUE)) {
            due.setLong(1, campaignId);
            setInstant(due, 2, now);
            due.setInt(3, limit);
            readPicked(due, claimed);
        }
        if (claimed.size() < limit) {
            try (PreparedStatement fresh = connection.prepareStatement(PICK_FRESH)) {
                fresh.setLong(1, campaignId);
                fresh.setLong(2, freshAfter);
                fresh.setInt(3, limit - claimed.size());
                readPicked(fresh, claimed);
            }
        }
        if (!claimed.isEmpty()) {
            try (PreparedStatement mark = connection.prepareStatement(MARK_CLAIMED)) {
                for (ClaimedContact contact : claimed) {
                    mark.setInt(1, contact.attempt());
                    mark.setString(2, contact.sessionId());
                    mark.setLong(3, campaignId);
                    mark.setLong(4, contact.seq());
                    mark.addBatch();
                }
                mark.executeBatch();
            }
        }
        return claimed;
    }

    private void readPicked(PreparedStatement pick, List<ClaimedContact> claimed) throws SQLException {
        try (ResultSet rows = pick.executeQuery()) {
            while (rows.next()) {
                claimed.add(new ClaimedContact(rows.getLong("seq"), getInstant(rows, "next_attempt_at"),
                        rows.getString("phone_number"), rows.getString("contact_values"),
                        rows.getInt("attempts") + 1, UUID.randomUUID().toString()));
            }
        }
    }

    @Override
    String addSuppressionSql() {
        return ADD_SUPPRESSION;
    }

    @Override
    ContactWriter contactWriter(Connection connection, long campaignId) throws SQLException {
        PreparedStatement insert = connection.prepareStatement(INSERT_CONTACT);
        return new ContactWriter() {
            @Override
            public void write(List<ImportedContact> batch) throws SQLException {
                for (ImportedContact contact : batch) {
                    insert.setLong(1, campaignId);
                    insert.setLong(2, contact.seq());
                    insert.setString(3, contact.phoneNumber());
                    insert.setString(4, JsonColumns.write(contact.values()));
                    insert.setInt(5, contact.zone());
                    insert.addBatch();
                }
                insert.executeBatch();
            }

            @Override
            public void finish() throws SQLException {
                insert.close();
            }

            @Override
            public void abort() {
                try {
                    insert.close();
                } catch (SQLException e) {
                    // The transaction is rolled back next.
                }
            }
        };
    }
}
