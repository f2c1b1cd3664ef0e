package io.outbound.campaign.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

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
    ContactWriter contactWriter(Connection connection, long campaignId) throws SQLException {
        return PostgresCopyWriter.open(connection, statements().get(Sql.CONTACT_COPY), campaignId);
    }
}
