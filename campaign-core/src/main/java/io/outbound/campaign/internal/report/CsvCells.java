package io.outbound.campaign.internal.report;

/**
 * Neutralises free-text cells against spreadsheet formula injection: a cell that begins with {@code =},
 * {@code +}, {@code -}, {@code @}, tab or carriage return gets a leading apostrophe, which spreadsheets
 * show as text. Validated phone numbers are not free text and are written as they are.
 */
public final class CsvCells {
    private CsvCells() {
    }

    /** The cell, safe to open in a spreadsheet; {@code null} becomes empty. */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + value;
        }
        return value;
    }
}
