package io.outbound.campaign;

/**
 * Which page of a listing to return. Pages count from 1; {@code limit} is 1 to {@link #MAX_LIMIT}.
 *
 * @param page  the page number, from 1
 * @param limit the page size
 */
public record PageRequest(int page, int limit) {

    /** The page size when none is given. */
    public static final int DEFAULT_LIMIT = 50;
    /** The largest page size accepted. */
    public static final int MAX_LIMIT = 500;

    /**
     * @throws CampaignException {@code VALIDATION_FAILED} naming {@code page} or {@code limit} when out of range
     */
    public PageRequest {
        java.util.List<FieldError> errors = new java.util.ArrayList<>();
        if (page < 1) {
            errors.add(new FieldError("page", String.valueOf(page), "must be at least 1"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(new FieldError("limit", String.valueOf(limit), "must be between 1 and " + MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw CampaignException.validation(errors);
        }
    }

    /** The first page with the default size. */
    public static PageRequest first() {
        return new PageRequest(1, DEFAULT_LIMIT);
    }

    /** A page; {@code null}s take the defaults (page 1, {@value #DEFAULT_LIMIT} items). */
    public static PageRequest of(Integer page, Integer limit) {
        return new PageRequest(page == null ? 1 : page, limit == null ? DEFAULT_LIMIT : limit);
    }

    /** How many items come before this page. */
    public long offset() {
        return (long) (page - 1) * limit;
    }
}
