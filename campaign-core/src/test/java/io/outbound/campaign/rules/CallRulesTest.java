package io.outbound.campaign.rules;

import static io.outbound.campaign.rules.RuleFixtures.T0;
import static io.outbound.campaign.rules.RuleFixtures.campaign;
import static io.outbound.campaign.rules.RuleFixtures.inCall;
import static io.outbound.campaign.rules.RuleFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.spi.RecordResult;
import io.outbound.campaign.spi.RetryPlanner;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallRulesTest {
    private static final RetryPlanner NEVER = (c, o, a, e) -> null;
    private static final RetryPlanner IN_AN_HOUR = (c, o, a, e) -> e.plusSeconds(3600);

    private static OutcomeReport report(String sessionId, CallResult result, RetryPlanner planner, int pauseAfter) {
        return new OutcomeReport(sessionId, result, T0.plusSeconds(60), planner, pauseAfter);
    }

    @Test
    void a_reached_contact_completes_and_counts_its_answer_once() {
        Campaign campaign = campaign(CampaignStatus.RUNNING, 5, 1, 0, 0, 0);
        CallRules.Outcome first = CallRules.outcome(campaign, session("s1", 1), inCall("s1", 1), 0,
                report("s1", CallResult.of(CallOutcome.COMPLETED), IN_AN_HOUR, 3));

        assertThat(first.contact().state()).isEqualTo(ContactState.COMPLETED);
        assertThat(first.contact().reached()).isTrue();
        assertThat(first.contact().nextAttemptAt()).isNull();
        assertThat(first.delta()).isEqualTo(new CounterDelta(0, -1, 0, 1, 0, 0, 1));
        assertThat(first.end().durationSeconds()).isEqualTo(60);
        assertThat(first.campaign().progress().completed()).isEqualTo(1);
        assertThat(first.campaign().status()).isEqualTo(CampaignStatus.RUNNING);

        ContactFacts answeredBefore = new ContactFacts(ContactState.IN_PROGRESS, 2, null, CallOutcome.VOICEMAIL,
                false, true, "s2");
        CallRules.Outcome second = CallRules.outcome(campaign, session("s2", 2), answeredBefore, 0,
                report("s2", CallResult.of(CallOutcome.COMPLETED), NEVER, 3));
        assertThat(second.delta().answered()).as("a contact answers once in the counters").isZero();
    }

    @Test
    void an_unreached_contact_waits_for_the_planners_retry_or_becomes_final() {
        Campaign campaign = campaign(CampaignStatus.RUNNING, 5, 1, 0, 0, 0);
        CallRules.Outcome retried = CallRules.outcome(campaign, session("s1", 1), inCall("s1", 1), 0,
                report("s1", new CallResult(CallOutcome.BUSY, null, null, T0.plusSeconds(20), null, null, null, null),
                        IN_AN_HOUR, 3));
        assertThat(retried.contact().state()).isEqualTo(ContactState.RETRY_SCHEDULED);
        assertThat(retried.contact().nextAttemptAt()).as("from the call's own end").isEqualTo(T0.plusSeconds(3620));
        assertThat(retried.contact().lastOutcome()).isEqualTo(CallOutcome.BUSY);
        assertThat(retried.delta()).isEqualTo(new CounterDelta(0, -1, 1, 0, 0, 0, 0));

        CallRules.Outcome last = CallRules.outcome(campaign, session("s1", 3), inCall("s1", 3), 0,
                report("s1", CallResult.of(CallOutcome.NO_ANSWER), NEVER, 3));
        assertThat(last.contact().state()).isEqualTo(ContactState.FAILED);
        assertThat(last.delta()).isEqualTo(new CounterDelta(0, -1, 0, 0, 1, 0, 0));
    }

    @Test
    void technical_failures_in_a_row_pause_the_campaign_and_any_other_outcome_resets_the_streak() {
        Campaign campaign = campaign(CampaignStatus.RUNNING, 5, 2, 0, 0, 0);
        CallRules.Outcome second = CallRules.outcome(campaign, session("s1", 1), inCall("s1", 1), 1,
                report("s1", CallResult.failed(null), NEVER, 3));
        assertThat(second.failureStreak()).isEqualTo(2);
        assertThat(second.leftRunning()).isFalse();

        CallRules.Outcome third = CallRules.outcome(campaign, session("s2", 1), inCall("s2", 1), 2,
                report("s2", CallResult.failed("sip 503"), NEVER, 3));
        assertThat(third.campaign().status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(third.campaign().statusReason())
                .isEqualTo("paused after 3 technical failures in a row; last: sip 503");
        assertThat(third.leftRunning()).isTrue();
        assertThat(third.failureStreak()).as("a resumed campaign starts a new streak").isZero();

        CallRules.Outcome busy = CallRules.outcome(campaign, session("s3", 1), inCall("s3", 1), 2,
                report("s3", CallResult.of(CallOutcome.BUSY), NEVER, 3));
        assertThat(busy.failureStreak()).isZero();

        CallRules.Outcome unnamed = CallRules.outcome(campaign, session("s4", 1), inCall("s4", 1), 2,
                report("s4", CallResult.failed(null), NEVER, 3));
        assertThat(unnamed.campaign().statusReason()).endsWith("last: no reason given");

        CallRules.Outcome never = CallRules.outcome(campaign, session("s5", 1), inCall("s5", 1), 99,
                report("s5", CallResult.failed(null), NEVER, 0));
        assertThat(never.campaign().status()).as("threshold 0 never pauses").isEqualTo(CampaignStatus.RUNNING);
    }

    @Test
    void the_last_outcome_of_a_running_campaign_completes_it_and_of_a_paused_one_does_not() {
        CallRules.Outcome last = CallRules.outcome(campaign(CampaignStatus.RUNNING, 0, 1, 0, 4, 0),
                session("s1", 1), inCall("s1", 1), 0, report("s1", CallResult.of(CallOutcome.NO_ANSWER), NEVER, 3));
        assertThat(last.campaign().status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(last.campaign().completedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(last.leftRunning()).as("completion has no undialled sessions to return").isFalse();

        CallRules.Outcome paused = CallRules.outcome(campaign(CampaignStatus.PAUSED, 0, 1, 0, 4, 0),
                session("s1", 1), inCall("s1", 1), 0, report("s1", CallResult.of(CallOutcome.NO_ANSWER), NEVER, 3));
        assertThat(paused.campaign().status()).isEqualTo(CampaignStatus.PAUSED);

        CallRules.Outcome retrying = CallRules.outcome(campaign(CampaignStatus.RUNNING, 0, 1, 0, 4, 0),
                session("s1", 1), inCall("s1", 1), 0, report("s1", CallResult.of(CallOutcome.BUSY), IN_AN_HOUR, 3));
        assertThat(retrying.campaign().status()).as("a retry is still to come").isEqualTo(CampaignStatus.RUNNING);
    }

    @Test
    void a_late_outcome_completes_a_failed_contact_it_reached_only_when_it_is_the_contacts_latest_call() {
        Campaign campaign = campaign(CampaignStatus.RUNNING, 3, 0, 0, 0, 1);
        ContactFacts failed = new ContactFacts(ContactState.FAILED, 1, null, CallOutcome.FAILED, false, false, "s1");
        CallRules.Ending late = CallRules.late(campaign, session("s1", 1), failed,
                report("s1", CallResult.of(CallOutcome.COMPLETED), IN_AN_HOUR, 3));
        assertThat(late.contact().state()).isEqualTo(ContactState.COMPLETED);
        assertThat(late.contact().lastOutcome()).isEqualTo(CallOutcome.COMPLETED);
        assertThat(late.delta()).isEqualTo(new CounterDelta(0, 0, 0, 1, -1, 0, 1));
        assertThat(late.end().late()).isTrue();
        assertThat(late.end().lost()).isTrue();

        ContactFacts redialled = new ContactFacts(ContactState.IN_PROGRESS, 2, null, CallOutcome.FAILED, false,
                false, "s2");
        CallRules.Ending stale = CallRules.late(campaign, session("s1", 1), redialled,
                report("s1", CallResult.of(CallOutcome.COMPLETED), IN_AN_HOUR, 3));
        assertThat(stale.contact().state()).as("the later call decides").isEqualTo(ContactState.IN_PROGRESS);
        assertThat(stale.contact().lastOutcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(stale.delta()).isEqualTo(new CounterDelta(0, 0, 0, 0, 0, 0, 1));

        ContactFacts waiting = new ContactFacts(ContactState.RETRY_SCHEDULED, 1, T0.plusSeconds(900),
                CallOutcome.FAILED, false, false, "s1");
        CallRules.Ending busy = CallRules.late(campaign, session("s1", 1), waiting,
                report("s1", CallResult.of(CallOutcome.BUSY), IN_AN_HOUR, 3));
        assertThat(busy.contact().nextAttemptAt()).as("no retry is planned by a late outcome")
                .isEqualTo(T0.plusSeconds(900));
        assertThat(busy.delta().isNone()).isTrue();
    }

    @Test
    void an_expired_lease_fails_the_call_and_makes_its_contact_final() {
        CallRules.Ending expired = CallRules.expired(campaign(CampaignStatus.RUNNING, 0, 1, 0, 2, 0),
                session("s1", 1), new ContactFacts(ContactState.IN_PROGRESS, 1, T0, CallOutcome.BUSY, false, true,
                        "s1"), "node-a", T0.plusSeconds(90));
        assertThat(expired.end().outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(expired.end().failureReason()).isEqualTo("lease expired: node node-a stopped renewing");
        assertThat(expired.end().lost()).isTrue();
        assertThat(expired.end().durationSeconds()).isEqualTo(90);
        assertThat(expired.contact().state()).isEqualTo(ContactState.FAILED);
        assertThat(expired.contact().nextAttemptAt()).isNull();
        assertThat(expired.delta()).isEqualTo(new CounterDelta(0, -1, 0, 0, 1, 0, 0));
        assertThat(expired.campaign().status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void a_claim_takes_one_attempt_and_a_return_gives_it_back_where_it_was() {
        ContactFacts waiting = new ContactFacts(ContactState.RETRY_SCHEDULED, 1, T0, CallOutcome.BUSY, false, false,
                "s1");
        ContactFacts claimed = CallRules.claimed(waiting, "s2");
        assertThat(claimed).isEqualTo(new ContactFacts(ContactState.IN_PROGRESS, 2, T0, CallOutcome.BUSY, false,
                false, "s2"));
        assertThat(CallRules.returned(claimed, "s1")).isEqualTo(waiting);

        ContactFacts fresh = CallRules.claimed(ContactFacts.IMPORTED, "s1");
        assertThat(CallRules.returned(fresh, null)).isEqualTo(ContactFacts.IMPORTED);

        assertThatThrownBy(() -> CallRules.claimed(claimed, "s3")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("IN_PROGRESS");
    }

    @Test
    void a_claim_has_room_for_the_smallest_of_batch_campaign_and_organisation() {
        Campaign campaign = campaign(CampaignStatus.RUNNING, 100, 7, 0, 0, 0);   // max_concurrency 10
        assertThat(CallRules.claimRoom(campaign, claim(50, 100), 0)).isEqualTo(3);
        assertThat(CallRules.claimRoom(campaign, claim(2, 100), 0)).isEqualTo(2);
        assertThat(CallRules.claimRoom(campaign, claim(50, 20), 19)).isEqualTo(1);
        assertThat(CallRules.claimRoom(campaign, claim(50, 20), 25)).as("never negative").isZero();
    }

    private static ClaimRequest claim(int maxCalls, int orgLimit) {
        return new ClaimRequest(7, "node-a", T0, T0.plusSeconds(30), maxCalls, orgLimit, List.of("+14155550999"), 1);
    }

    @Test
    void a_session_ends_at_the_reported_instant_or_when_recorded() {
        CallSession session = session("s1", 1);
        assertThat(SessionEnd.of(session, CallResult.of(CallOutcome.BUSY), T0.plusSeconds(5), false, false).endedAt())
                .isEqualTo(T0.plusSeconds(5));
        SessionEnd given = SessionEnd.of(session,
                new CallResult(CallOutcome.COMPLETED, true, null, T0.plusSeconds(40), 33L, "ok", null, null),
                T0.plusSeconds(90), false, false);
        assertThat(given.endedAt()).isEqualTo(T0.plusSeconds(40));
        assertThat(given.durationSeconds()).isEqualTo(33);
        CallSession ended = given.applyTo(session);
        assertThat(ended.inProgress()).isFalse();
        assertThat(ended.initialContext()).isEqualTo(session.initialContext());
        assertThat(ended.transcriptSummary()).isEqualTo("ok");
        Instant before = T0.minusSeconds(10);
        assertThat(SessionEnd.of(session, CallResult.of(CallOutcome.BUSY), before, false, false).durationSeconds())
                .as("an end before the start lasts zero seconds").isZero();
    }

    @Test
    void a_claimed_session_is_in_flight_from_the_claim_with_the_contacts_fields_under_the_campaigns_columns() {
        Campaign campaign = campaign(CampaignStatus.RUNNING, 5, 0, 0, 0, 0);
        CallSession started = CallRules.startedSession(campaign, "s1", "+14155550100", 2, List.of("Ada", "extra"),
                "+14155550999", T0);

        assertThat(started.status()).isEqualTo(io.outbound.campaign.CallSessionStatus.IN_PROGRESS);
        assertThat(started.inProgress()).isTrue();
        assertThat(started.campaignId()).isEqualTo(campaign.id());
        assertThat(started.attempt()).isEqualTo(2);
        assertThat(started.callerNumber()).isEqualTo("+14155550999");
        assertThat(started.startedAt()).isEqualTo(T0);
        assertThat(started.outcome()).isNull();
        assertThat(started.endedAt()).isNull();
        assertThat(started.initialContext()).as("a value past the columns is not context")
                .containsExactly(java.util.Map.entry("name", "Ada"));
        assertThat(CallRules.startedSession(campaign, "s2", "+14155550100", 1, List.of(), "+14155550999", T0)
                .initialContext()).as("a missing value is empty").containsExactly(java.util.Map.entry("name", ""));
    }

    @Test
    void a_report_is_recorded_in_flight_late_once_after_a_lost_end_and_a_duplicate_otherwise() {
        CallSession inFlight = session("s1", 1);
        CallSession ended = SessionEnd.of(inFlight, CallResult.of(CallOutcome.BUSY), T0.plusSeconds(30), false, false)
                .applyTo(inFlight);

        assertThat(CallRules.reportKind(inFlight, false, false)).isEqualTo(RecordResult.Kind.RECORDED);
        assertThat(CallRules.reportKind(ended, false, false)).isEqualTo(RecordResult.Kind.DUPLICATE);
        assertThat(CallRules.reportKind(ended, true, false)).isEqualTo(RecordResult.Kind.LATE);
        assertThat(CallRules.reportKind(ended, true, true)).as("one late outcome per session")
                .isEqualTo(RecordResult.Kind.DUPLICATE);
    }
}
