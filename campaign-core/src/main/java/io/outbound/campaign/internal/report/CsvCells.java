package io.outbound.campaign.internal.report;

/**
 * Neutralises free-text cells against spreadsheet formula injection, after OWASP's guidance on CSV injection.
 *
 * <p>A cell gets a leading apostrophe, which spreadsheets show as text and do not display, when
 * <ul>
 *   <li>its first character is a tab or a carriage return, or</li>
 *   <li>its first character that is neither whitespace nor a control character is {@code =}, {@code +}, {@code -}
 *       or {@code @}: spreadsheets trim leading spaces, tabs and line breaks before deciding that a cell is a
 *       formula, so {@code " =1+2"} is as dangerous as {@code "=1+2"}.</li>
 * </ul>
 * Whitespace here is every character up to U+0020 (controls, space) and every Unicode space or whitespace
 * (no-break space, ideographic space, ...).
 *
 * <p>A cell that holds a field separator of any locale ({@code ,}, {@code ;}, tab) is always written between double
 * quotes ({@link #alwaysQuoted}): a spreadsheet set to split on semicolons would otherwise read
 * {@code Call back;=HYPERLINK(...)} as two cells, the second a formula. Quotes inside a cell are doubled as RFC 4180
 * says, so a cell cannot close its quotes early either.
 *
 * <p>Validated phone numbers, ids, outcomes, counts and instants are not free text and are written as they are.
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
        if (first == '\t' || first == '\r') {
            return "'" + value;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isLeadingBlank(c)) {
                return c == '=' || c == '+' || c == '-' || c == '@' ? "'" + value : value;
            }
        }
        return value;
    }

    /** Whether the cell must be quoted whatever the CSV dialect would do: it holds a separator of some locale. */
    public static boolean alwaysQuoted(String cell) {
        return cell.indexOf(',') >= 0 || cell.indexOf(';') >= 0 || cell.indexOf('\t') >= 0;
    }

    private static boolean isLeadingBlank(char c) {
        return c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
