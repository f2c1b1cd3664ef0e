package io.outbound.campaign;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The query of {@code GET /campaign/{id}/report}: sessions whose start time is at or after
 * {@code startDate} and before {@code endDate}; either may be {@code null} for no bound.
 *
 * @param startDate the inclusive lower bound on {@code started_at}, or {@code null}
 * @param endDate   the exclusive upper bound on {@code started_at}, or {@code null}
 */
public record ReportQuery(Instant startDate, Instant endDate) {

    /** Every ended session. */
    public static ReportQuery all() {
        return new ReportQuery(null, null);
    }

    /**
     * Parses the query parameters as a host receives them (ISO 8601, with {@code Z} or an offset; blank
     * or {@code null} for no bound).
     *
     * @throws CampaignException {@code VALIDATION_FAILED} naming {@code start_date} or {@code end_date}
     */
    public static ReportQuery parse(String startDate, String endDate) {
        java.util.List<FieldError> errors = new java.util.ArrayList<>();
        Instant start = parseDate("start_date", startDate, errors);
        Instant end = parseDate("end_date", endDate, errors);
        if (!errors.isEmpty()) {
            throw CampaignException.validation(errors);
        }
        return new ReportQuery(start, end);
    }

    private static Instant parseDate(String field, String text, java.util.List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return InstantJson.parse(text.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, text, io.outbound.campaign.internal.validation.Instants.EXPECTED));
            return null;
        }
    }
}
