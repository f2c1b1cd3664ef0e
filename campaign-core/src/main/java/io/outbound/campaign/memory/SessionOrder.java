package io.outbound.campaign.memory;

import io.outbound.campaign.CallSession;
import io.outbound.campaign.spi.SessionQuery;

/** The runs page's filters and sort keys over sessions held in memory. */
final class SessionOrder {

    private SessionOrder() {
    }

    @SuppressWarnings("unchecked")
    static Comparable<Object> key(CallSession s, SessionQuery.Sort sort) {
        Comparable<?> key = switch (sort) {
            case STARTED_AT -> s.startedAt();
            case ENDED_AT -> s.endedAt();
            case ATTEMPT -> s.attempt();
            case OUTCOME -> s.outcome() == null ? null : s.outcome().json();
            case PHONE_NUMBER -> s.phoneNumber();
            case DURATION_SECONDS -> s.durationSeconds();
        };
        return (Comparable<Object>) key;
    }

    static boolean matches(CallSession s, SessionQuery.Filter f) {
        return (f.outcome() == null || f.outcome() == s.outcome())
                && (f.phoneNumber() == null || f.phoneNumber().equals(s.phoneNumber()))
                && (f.attempt() == null || f.attempt() == s.attempt())
                && (f.answered() == null || f.answered() == s.answered())
                && (f.startedAfter() == null || !s.startedAt().isBefore(f.startedAfter()))
                && (f.startedBefore() == null || s.startedAt().isBefore(f.startedBefore()));
    }
}
