package io.outbound.campaign.jdbc;

import io.outbound.campaign.CampaignStatus;

/**
 * The JDBC text of the store's statements, for tests that explain them. Their {@code ?} come in the order of the
 * named parameters in each resource.
 */
final class StatementTexts {
    private static final SqlStatements POSTGRES = new PostgresDialect().statements();
    private static final SqlStatements H2 = new H2Dialect().statements();

    private StatementTexts() {
    }

    static String postgres(Sql sql) {
        return POSTGRES.get(sql).jdbcSql();
    }

    static String postgres(Sql sql, String list, int size) {
        return POSTGRES.get(sql).expand(list, size).jdbcSql();
    }

    /** A campaign list or count by status as the store runs it: one placeholder per status. */
    static String postgresByStatus(Sql sql) {
        return postgres(sql, "statuses", CampaignStatus.values().length);
    }

    static String h2ByStatus(Sql sql) {
        return H2.get(sql).expand("statuses", CampaignStatus.values().length).jdbcSql();
    }

    /** A runs page as the store assembles it for a filter of the campaign alone. */
    static String runsPage(io.outbound.campaign.spi.SessionQuery.Sort sort, boolean descending) {
        return NamedSql.parse("runs page", SessionQueries.pageSql(" WHERE campaign_id = :campaignId", sort,
                descending)).jdbcSql();
    }
}
