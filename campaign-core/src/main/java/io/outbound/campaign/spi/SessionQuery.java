package io.outbound.campaign.spi;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.PageRequest;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A validated runs query: filter, sort and page. Stores translate it to their query language using
 * only fixed column names; nothing in it is user text spliced into a query.
 *
 * @param filter     which sessions
 * @param sort       the sort field
 * @param descending whether newest / largest first
 * @param page       which page
 */
public record SessionQuery(Filter filter, Sort sort, boolean descending, PageRequest page) {

    public SessionQuery {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(page, "page");
    }

    /**
     * Filters; {@code null} fields do not filter.
     *
     * @param outcome       sessions that ended so
     * @param phoneNumber   sessions to this number
     * @param attempt       sessions of this attempt number
     * @param answered      answered or not
     * @param startedAfter  started at or after this instant
     * @param startedBefore started before this instant
     */
    public record Filter(CallOutcome outcome, String phoneNumber, Integer attempt, Boolean answered,
                         Instant startedAfter, Instant startedBefore) {
        /** No filter. */
        public static Filter none() {
            return new Filter(null, null, null, null, null, null);
        }
    }

    /** The sortable fields. Ties are broken by the order the sessions were created. */
    public enum Sort {
        STARTED_AT, ENDED_AT, ATTEMPT, OUTCOME, PHONE_NUMBER, DURATION_SECONDS;

        /** The field's JSON name, which is also what {@code sort_by} accepts. */
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
