package io.outbound.campaign.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.CallSessionStatus;
import io.outbound.campaign.Page;
import io.outbound.campaign.PageRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SessionQuery} evaluated over sessions held in memory, as the runs page asks a store. */
class SessionQueryTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private static CallSession ended(String id, String number, int attempt, CallOutcome outcome, boolean answered,
                                     int startSecond, long duration) {
        Instant started = T0.plusSeconds(startSecond);
        return new CallSession(id, 7, number, attempt, CallSessionStatus.ENDED, outcome, answered, "+14155550999",
                started, null, started.plusSeconds(duration), duration, null, null, null, null);
    }

    private static CallSession inFlight(String id, int startSecond) {
        return new CallSession(id, 7, "+14155550100", 1, CallSessionStatus.IN_PROGRESS, null, false,
                "+14155550999", T0.plusSeconds(startSecond), null, null, null, null, null, null, null);
    }

    /** In creation order; b and c start together, d is still in flight. */
    private static final List<CallSession> SESSIONS = List.of(
            ended("a", "+14155550100", 1, CallOutcome.NO_ANSWER, false, 0, 30),
            ended("b", "+14155550101", 1, CallOutcome.COMPLETED, true, 10, 120),
            ended("c", "+14155550100", 2, CallOutcome.BUSY, false, 10, 5),
            inFlight("d", 20));

    private static List<String> ids(Page<CallSession> page) {
        return page.items().stream().map(CallSession::sessionId).toList();
    }

    private static SessionQuery query(SessionQuery.Filter filter, SessionQuery.Sort sort, boolean descending) {
        return new SessionQuery(filter, sort, descending, PageRequest.first());
    }

    @Test
    void everyFilterThatIsSetMustMatch() {
        SessionQuery.Filter toAda = new SessionQuery.Filter(null, "+14155550100", null, null, null, null);
        SessionQuery.Filter adaRetried = new SessionQuery.Filter(null, "+14155550100", 2, null, null, null);
        SessionQuery.Filter answered = new SessionQuery.Filter(null, null, null, true, null, null);
        SessionQuery.Filter busy = new SessionQuery.Filter(CallOutcome.BUSY, null, null, null, null, null);

        assertThat(ids(query(toAda, SessionQuery.Sort.STARTED_AT, false).select(SESSIONS))).containsExactly("a", "c",
                "d");
        assertThat(ids(query(adaRetried, SessionQuery.Sort.STARTED_AT, false).select(SESSIONS))).containsExactly("c");
        assertThat(ids(query(answered, SessionQuery.Sort.STARTED_AT, false).select(SESSIONS))).containsExactly("b");
        assertThat(ids(query(busy, SessionQuery.Sort.STARTED_AT, false).select(SESSIONS))).containsExactly("c");
    }

    @Test
    void theStartWindowIncludesItsStartAndExcludesItsEnd() {
        SessionQuery.Filter window = new SessionQuery.Filter(null, null, null, null, T0.plusSeconds(10),
                T0.plusSeconds(20));

        assertThat(window.matches(SESSIONS.get(0))).isFalse();
        assertThat(window.matches(SESSIONS.get(1))).isTrue();
        assertThat(window.matches(SESSIONS.get(3))).as("started at the window's end").isFalse();
        assertThat(SessionQuery.Filter.none().matches(SESSIONS.get(3))).isTrue();
    }

    @Test
    void tiesKeepCreationOrderAndDescendingIsAscendingReversedTiesIncluded() {
        assertThat(ids(query(SessionQuery.Filter.none(), SessionQuery.Sort.STARTED_AT, false).select(SESSIONS)))
                .containsExactly("a", "b", "c", "d");
        assertThat(ids(query(SessionQuery.Filter.none(), SessionQuery.Sort.STARTED_AT, true).select(SESSIONS)))
                .containsExactly("d", "c", "b", "a");
        assertThat(ids(query(SessionQuery.Filter.none(), SessionQuery.Sort.ATTEMPT, false).select(SESSIONS)))
                .containsExactly("a", "b", "d", "c");
    }

    @Test
    void aSessionInFlightSortsFirstAscendingAndLastDescending() {
        assertThat(ids(query(SessionQuery.Filter.none(), SessionQuery.Sort.DURATION_SECONDS, false).select(SESSIONS)))
                .containsExactly("d", "c", "a", "b");
        assertThat(ids(query(SessionQuery.Filter.none(), SessionQuery.Sort.ENDED_AT, true).select(SESSIONS)))
                .containsExactly("b", "a", "c", "d");
        assertThat(ids(query(SessionQuery.Filter.none(), SessionQuery.Sort.OUTCOME, false).select(SESSIONS)))
                .as("outcomes by their JSON names").containsExactly("d", "c", "b", "a");
    }

    @Test
    void thePageComesAfterTheFilterAndCountsOnlyTheMatchingSessions() {
        SessionQuery.Filter ended = new SessionQuery.Filter(null, null, null, null, null, T0.plusSeconds(20));
        Page<CallSession> second = new SessionQuery(ended, SessionQuery.Sort.PHONE_NUMBER, false,
                new PageRequest(2, 2)).select(SESSIONS);

        assertThat(ids(second)).containsExactly("b");
        assertThat(second.total()).isEqualTo(3);
        assertThat(second.page()).isEqualTo(2);
    }
}
