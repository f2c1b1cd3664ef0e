package io.outbound.campaign.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * PostgreSQL 13 and later: contacts are claimed by one {@code UPDATE ... RETURNING} over rows picked with
 * {@code FOR UPDATE SKIP LOCKED}, new session ids come from {@code gen_random_uuid()}, and imports stream
 * through the driver's {@code COPY} API. Its own statements are in {@code sql/postgresql/}: the claim
 * ({@code contact-claim.sql}), the upserts that lock, and {@code SKIP LOCKED} where rows are skipped.
 */
public final class PostgresDialect extends JdbcDialect {

    /** A PostgreSQL dialect. */
    public PostgresDialect() {
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    String directory() {
        return "postgresql";
    }

    @Override
    String campaignsTableName() {
        return "campaigns";
    }

    @Override
    List<ClaimedContact> claimContacts(Connection connection, long campaignId, Instant now, int limit,
                                       long freshAfter) throws SQLException {
        List<Ranked> claimed = new ArrayList<>(limit);
        try (BoundStatement claim = statements().prepare(connection, Sql.CONTACT_CLAIM)) {
            claim.setLong("campaignId", campaignId).setInstant("now", now).setInt("limit", limit)
                    .setLong("after", freshAfter);
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new Ranked(rows.getInt("rank_group"), new ClaimedContact(
                            rows.getLong("seq"), getInstant(rows, "due_at"), rows.getString("phone_number"),
                            rows.getString("contact_values"), rows.getInt("attempts"),
                            rows.getString("last_session_id"))));
                }
            }
        }
        // RETURNING does not keep the order of the picked rows.
        claimed.sort(Comparator.comparingInt(Ranked::rank)
                .thenComparing(r -> r.contact().dueAt(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingLong(r -> r.contact().seq()));
        return claimed.stream().map(Ranked::contact).toList();
    }

    @Override
    ContactWriter contactWriter(Connection connection, long campaignId) throws SQLException {
        return PostgresCopyWriter.open(connection, statements().get(Sql.CONTACT_COPY), campaignId);
    }

    private record Ranked(int rank, ClaimedContact contact) {
    }
}
