package io.outbound.campaign.spi;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Page;
import io.outbound.campaign.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
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
     * This query over a campaign's sessions read whole, for a store that holds them in memory: the sessions the
     * filter keeps, in the sort's order with ties in creation order, reversed whole when descending (ties
     * included, as a database reads its index backwards), then the page.
     *
     * @param inCreationOrder every session of the campaign, in the order they were created
     */
    public Page<CallSession> select(List<CallSession> inCreationOrder) {
        List<CallSession> matching = new ArrayList<>(inCreationOrder.size());
        for (CallSession session : inCreationOrder) {
            if (filter.matches(session)) {
                matching.add(session);
            }
        }
        matching.sort(sort.order()); // stable: ties keep their creation order
        if (descending) {
            Collections.reverse(matching);
        }
        return Page.of(matching, page);
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

        /** Whether the session passes every filter that is set. */
        public boolean matches(CallSession session) {
            return (outcome == null || outcome == session.outcome())
                    && (phoneNumber == null || phoneNumber.equals(session.phoneNumber()))
                    && (attempt == null || attempt == session.attempt())
                    && (answered == null || answered == session.answered())
                    && (startedAfter == null || !session.startedAt().isBefore(startedAfter))
                    && (startedBefore == null || session.startedAt().isBefore(startedBefore));
        }
    }

    /** The sortable fields. Ties are broken by the order the sessions were created. */
    public enum Sort {
        STARTED_AT, ENDED_AT, ATTEMPT, OUTCOME, PHONE_NUMBER, DURATION_SECONDS;

        /** The field's JSON name, which is also what {@code sort_by} accepts. */
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Sessions in ascending order of the field; a session without it yet (in flight: no end, outcome or
         * duration) comes first, and outcomes compare by their JSON names. Ties compare equal: the store breaks
         * them by creation order.
         */
        public Comparator<CallSession> order() {
            return Comparator.comparing(this::key, Comparator.nullsFirst(Comparator.naturalOrder()));
        }

        @SuppressWarnings("unchecked")
        private Comparable<Object> key(CallSession s) {
            Comparable<?> key = switch (this) {
                case STARTED_AT -> s.startedAt();
                case ENDED_AT -> s.endedAt();
                case ATTEMPT -> s.attempt();
                case OUTCOME -> s.outcome() == null ? null : s.outcome().json();
                case PHONE_NUMBER -> s.phoneNumber();
                case DURATION_SECONDS -> s.durationSeconds();
            };
            return (Comparable<Object>) key;
        }
    }
}
