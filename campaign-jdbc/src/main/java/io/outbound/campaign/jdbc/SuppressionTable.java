package io.outbound.campaign.jdbc;

import io.outbound.campaign.Page;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.Suppression;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code suppressions} table: each organisation's numbers not to call. Written by the suppression verbs and by
 * opted-out outcomes (insert-if-absent, in the outcome's transaction); read by claims for their candidates' numbers.
 * Inserts lock the rows in number order, so two transactions adding overlapping lists do not deadlock.
 */
final class SuppressionTable {
    private static final String COLUMNS = "phone_number, reason, created_at";
    private static final String FIND = "SELECT " + COLUMNS + " FROM suppressions WHERE org_id = ? AND phone_number = ?";
    private static final String FIND_ANY = "SELECT " + COLUMNS + " FROM suppressions"
            + " WHERE org_id = ? AND phone_number IN (%s)";
    private static final String PAGE = "SELECT " + COLUMNS + " FROM suppressions WHERE org_id = ?"
            + " ORDER BY phone_number OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    private static final String COUNT = "SELECT COUNT(*) FROM suppressions WHERE org_id = ?";
    private static final String REMOVE = "DELETE FROM suppressions WHERE org_id = ? AND phone_number = ?";

    private final JdbcDialect dialect;

    SuppressionTable(JdbcDialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Adds the numbers not on the organisation's list yet; an entry already there is kept as it is.
     *
     * @return how many were added
     */
    int add(Connection connection, String orgId, Collection<Suppression> suppressions) throws SQLException {
        if (suppressions.isEmpty()) {
            return 0;
        }
        List<Suppression> ordered = new ArrayList<>(suppressions);
        ordered.sort(Comparator.comparing(Suppression::phoneNumber));
        int added = 0;
        try (PreparedStatement insert = connection.prepareStatement(dialect.addSuppressionSql())) {
            for (Suppression suppression : ordered) {
                insert.setString(1, orgId);
                insert.setString(2, suppression.phoneNumber());
                insert.setString(3, suppression.reason());
                dialect.setInstant(insert, 4, suppression.createdAt());
                insert.addBatch();
            }
            for (int count : insert.executeBatch()) {
                if (count < 0) {
                    throw new SQLException("the driver did not report which suppressions were new (update count "
                            + count + "); turn off batch rewriting for this data source");
                }
                added += count;
            }
        }
        return added;
    }

    boolean remove(Connection connection, String orgId, String phoneNumber) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(REMOVE)) {
            delete.setString(1, orgId);
            delete.setString(2, phoneNumber);
            return delete.executeUpdate() > 0;
        }
    }

    Optional<Suppression> find(Connection connection, String orgId, String phoneNumber) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(FIND)) {
            find.setString(1, orgId);
            find.setString(2, phoneNumber);
            try (ResultSet row = find.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    /** The entries of the organisation's list among the numbers, by number: one round trip. */
    Map<String, Suppression> findAll(Connection connection, String orgId, Collection<String> phoneNumbers)
            throws SQLException {
        Map<String, Suppression> found = new HashMap<>();
        if (phoneNumbers.isEmpty()) {
            return found;
        }
        // Only placeholders are generated, one per number; the numbers themselves are parameters.
        String sql = FIND_ANY.formatted(String.join(", ", Collections.nCopies(phoneNumbers.size(), "?")));
        try (PreparedStatement find = connection.prepareStatement(sql)) {
            find.setString(1, orgId);
            int i = 1;
            for (String number : phoneNumbers) {
                find.setString(++i, number);
            }
            try (ResultSet rows = find.executeQuery()) {
                while (rows.next()) {
                    Suppression suppression = read(rows);
                    found.put(suppression.phoneNumber(), suppression);
                }
            }
        }
        return found;
    }

    Page<Suppression> page(Connection connection, String orgId, PageRequest page) throws SQLException {
        long total;
        try (PreparedStatement count = connection.prepareStatement(COUNT)) {
            count.setString(1, orgId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                total = row.getLong(1);
            }
        }
        List<Suppression> items = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(PAGE)) {
            query.setString(1, orgId);
            query.setLong(2, page.offset());
            query.setInt(3, page.limit());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    items.add(read(rows));
                }
            }
        }
        return new Page<>(items, page.page(), page.limit(), total);
    }

    private Suppression read(ResultSet row) throws SQLException {
        return new Suppression(row.getString("phone_number"), row.getString("reason"),
                dialect.getInstant(row, "created_at"));
    }
}
