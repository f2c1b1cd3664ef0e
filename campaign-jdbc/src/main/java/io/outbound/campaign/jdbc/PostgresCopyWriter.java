package io.outbound.campaign.jdbc;

import io.outbound.campaign.spi.ImportedContact;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams contacts into PostgreSQL with {@code COPY ... FROM STDIN}: each batch is encoded as CSV and sent
 * as it arrives, so memory holds one batch whatever the file's size. Kept apart from {@link PostgresDialect}
 * so that the driver's classes load only when a PostgreSQL import runs.
 */
final class PostgresCopyWriter implements JdbcDialect.ContactWriter {
    private final CopyIn copy;
    private final String campaignPrefix;
    /** The batch being encoded, kept between batches so that it grows to a batch's size once. */
    private final StringBuilder csv = new StringBuilder(1 << 16);

    private PostgresCopyWriter(CopyIn copy, long campaignId) {
        this.copy = copy;
        this.campaignPrefix = campaignId + ",";
    }

    /** Starts copying with {@code copy} ({@code contact-copy.sql}, which has no parameter). */
    static PostgresCopyWriter open(Connection connection, NamedSql copy, long campaignId) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        return new PostgresCopyWriter(pg.getCopyAPI().copyIn(copy.jdbcSql()), campaignId);
    }

    @Override
    public void write(List<ImportedContact> batch) throws SQLException {
        csv.setLength(0);
        for (ImportedContact contact : batch) {
            csv.append(campaignPrefix).append(contact.seq()).append(',');
            quoted(csv, contact.phoneNumber()).append(",\"");
            // The values' JSON inside a quoted CSV field, its quotes doubled, written in one pass.
            JsonColumns.appendStringArray(csv, contact.values(), "\"\"").append("\",").append(contact.zone())
                    .append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
    }

    @Override
    public void finish() throws SQLException {
        copy.endCopy();
    }

    @Override
    public void abort() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // The transaction is rolled back next, which discards whatever the copy sent.
        }
    }

    private static StringBuilder quoted(StringBuilder csv, String value) {
        csv.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                csv.append('"');
            }
            csv.append(c);
        }
        return csv.append('"');
    }
}
