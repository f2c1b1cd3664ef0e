package io.outbound.campaign;

/**
 * The query of {@code GET /campaign/{id}/runs}, as a host receives it. Everything is optional:
 * page 1, {@value PageRequest#DEFAULT_LIMIT} items, no filter, newest first.
 *
 * <p>{@code filters} is a JSON object whose keys are among {@code outcome}, {@code phone_number},
 * {@code attempt}, {@code answered}, {@code started_after}, {@code started_before}; {@code sortBy} is one
 * of {@code started_at}, {@code ended_at}, {@code attempt}, {@code outcome}, {@code phone_number},
 * {@code duration_seconds}; {@code sortOrder} is {@code asc} or {@code desc}. Anything else is
 * {@code VALIDATION_FAILED}.
 *
 * @param page      the page, from 1
 * @param limit     the page size, 1 to {@value PageRequest#MAX_LIMIT}
 * @param filters   JSON-encoded filter object, or {@code null}
 * @param sortBy    the sort field, or {@code null} for {@code started_at}
 * @param sortOrder {@code asc} or {@code desc} (the default)
 */
public record RunsQuery(Integer page, Integer limit, String filters, String sortBy, String sortOrder) {

    /** The first page, unfiltered, newest first. */
    public static RunsQuery firstPage() {
        return new RunsQuery(null, null, null, null, null);
    }
}
