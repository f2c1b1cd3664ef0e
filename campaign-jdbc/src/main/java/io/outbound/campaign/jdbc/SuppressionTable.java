package io.outbound.campaign.jdbc;

import io.outbound.campaign.Page;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.Suppression;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code suppressions} table: each organisation's numbers not to call. Written by the suppression verbs and by
 * opted-out outcomes (insert-if-absent, in the outcome's transaction); read by claims for their candidates' numbers.
 * Inserts lock the rows in number order, so two transactions adding overlapping lists do not deadlock. The insert
 * differs per dialect ({@code sql/h2/suppression-add.sql}, {@code sql/postgresql/suppression-add.sql}); the rest
 * is shared.
 */
final class SuppressionTable {
    private final JdbcDialect dialect;
    private final SqlStatements sql;

    SuppressionTable(JdbcDialect dialect) {
        this.dialect = dialect;
        this.sql = dialect.statements();
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
        try (BoundStatement insert = sql.prepare(connection, Sql.SUPPRESSION_ADD)) {
            for (Suppression suppression : ordered) {
                insert.set("orgId", orgId).set("phoneNumber", suppression.phoneNumber())
                        .set("reason", suppression.reason()).setInstant("createdAt", suppression.createdAt());
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
        try (BoundStatement delete = sql.prepare(connection, Sql.SUPPRESSION_REMOVE)) {
            delete.set("orgId", orgId).set("phoneNumber", phoneNumber);
            return delete.executeUpdate() > 0;
        }
    }

    Optional<Suppression> find(Connection connection, String orgId, String phoneNumber) throws SQLException {
        try (BoundStatement find = sql.prepare(connection, Sql.SUPPRESSION_FIND)) {
            find.set("orgId", orgId).set("phoneNumber", phoneNumber);
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
        try (BoundStatement find = sql.prepare(connection, Sql.SUPPRESSION_FIND_ANY, "phoneNumbers",
                phoneNumbers.size())) {
            find.set("orgId", orgId).setList("phoneNumbers", phoneNumbers);
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
        try (BoundStatement count = sql.prepare(connection, Sql.SUPPRESSION_COUNT)) {
            count.set("orgId", orgId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                total = row.getLong(1);
            }
        }
        List<Suppression> items = new ArrayList<>();
        try (BoundStatement query = sql.prepare(connection, Sql.SUPPRESSION_PAGE)) {
            query.set("orgId", orgId).setLong("offset", page.offset()).setInt("limit", page.limit());
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
