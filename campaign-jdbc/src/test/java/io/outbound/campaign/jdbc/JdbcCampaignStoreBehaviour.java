package io.outbound.campaign.jdbc;

import static io.outbound.campaign.jdbc.StoreFixture.LEASE;
import static io.outbound.campaign.jdbc.StoreFixture.NO_RETRY;
import static io.outbound.campaign.jdbc.StoreFixture.T0;
import static io.outbound.campaign.jdbc.StoreFixture.numbers;
import static io.outbound.campaign.jdbc.StoreFixture.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.CallSessionStatus;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.ImportSummary;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.spi.CampaignChange;
import io.outbound.campaign.spi.ClaimResult;
import io.outbound.campaign.spi.ContactSource;
import io.outbound.campaign.spi.HandOverRequest;
import io.outbound.campaign.spi.ImportedContact;
import io.outbound.campaign.spi.NewCampaign;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.spi.RecordResult;
import io.outbound.campaign.spi.SessionQuery;
import io.outbound.campaign.spi.StoredContact;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link JdbcCampaignStore} does on a real database, run once per dialect by the subclasses. The shared
 * {@code CampaignStoreContract} of the test kit checks the SPI; these tests look inside the tables too
 * (counters against a recount, slots and caller numbers) and at what only a SQL store can get wrong.
 */
abstract class JdbcCampaignStoreBehaviour {
    private static final String ORG = "org-1";

    DataSource dataSource;
    JdbcCampaignStore store;
    StoreFixture fixture;

    /** A fresh, empty database for one test. */
    abstract DataSource newDataSource();

    @BeforeEach
    void createStore() {
        dataSource = newDataSource();
        store = JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
        fixture = new StoreFixture(store);
    }

    private void assertCountersMatchTheRows(Campaign campaign) {
        Campaign stored = fixture.reload(campaign);
        assertThat(stored.progress())
                .isEqualTo(Recount.progress(dataSource, campaign.id(), stored.status()));
        assertThat(stored.progress().inProgress()).isEqualTo(Recount.sessionsInFlight(dataSource, campaign.id()));
        // An unfiltered runs page takes its total from the campaign row's session counter, not from a count.
        assertThat(store.sessions(campaign.id(), new SessionQuery(SessionQuery.Filter.none(),
                SessionQuery.Sort.STARTED_AT, true, PageRequest.first())).total())
                .as("unfiltered runs total").isEqualTo(Recount.sessions(dataSource, campaign.id()));
    }

    @Test
    void a_new_campaign_is_a_draft_with_every_contact_pending_and_its_columns_and_summary() {
        Campaign campaign = fixture.draft(ORG, 250, 5);

        assertThat(campaign.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(campaign.progress().pending()).isEqualTo(250);
        assertThat(campaign.progress().totalContacts()).isEqualTo(250);
        assertThat(campaign.contactColumns()).containsExactly("first_name", "company");
        assertThat(campaign.importSummary().accepted()).isEqualTo(250);
        assertThat(campaign.retryConfig()).isEqualTo(RetryConfig.ofDefaults());
        assertThat(fixture.reload(campaign)).isEqualTo(campaign);
        assertCountersMatchTheRows(campaign);
    }

    @Test
    void another_organisations_campaign_is_not_found() {
        Campaign campaign = fixture.draft(ORG, 3, 1);

        assertThat(store.findCampaign("org-2", campaign.id())).isEmpty();
        assertThat(store.listCampaigns("org-2", PageRequest.first()).total()).isZero();
        assertThatThrownBy(() -> store.updateCampaign("org-2", campaign.id(), CampaignChange::none))
                .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(fixture.reload(campaign)).isEqualTo(campaign);
    }

    @Test
    void campaigns_are_listed_newest_first_a_page_at_a_time_with_the_total() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(fixture.draft(ORG, 1, 1).id());
        }
        fixture.draft("org-2", 1, 1);

        var page = store.listCampaigns(ORG, new PageRequest(2, 2));

        assertThat(page.total()).isEqualTo(5);
        assertThat(page.items()).extracting(Campaign::id).containsExactly(ids.get(2), ids.get(1));
    }

    @Test
    void an_import_whose_source_throws_stores_nothing_and_rethrows_the_same_exception() {
        IllegalStateException failure = new IllegalStateException("disk vanished at row 150");
        ContactSource failing = sink -> {
            List<ImportedContact> batch = new ArrayList<>();
            for (int i = 1; i <= 100; i++) {
                batch.add(new ImportedContact(i, phone(i), List.of("x", "y")));
            }
            sink.accept(batch);
            throw failure;
        };

        assertThatThrownBy(() -> store.createCampaign(new NewCampaign(ORG, "broken", 1, "k", 1, null, null, null,
                null, T0), failing)).isSameAs(failure);

        assertThat(store.listCampaigns(ORG, PageRequest.first()).total()).isZero();
        assertThat(Recount.query(dataSource, "SELECT COUNT(*) FROM campaign_contacts WHERE 0 = ?", 0)).isZero();
    }

    @Test
    void an_update_writes_settings_and_status_but_never_counters_and_a_throwing_change_writes_nothing() {
        Campaign campaign = fixture.draft(ORG, 4, 2);

        Campaign updated = store.updateCampaign(ORG, campaign.id(), c -> CampaignChange.none(c).toSettings("Renamed", 7,
                null, RetryConfig.disabled(), T0.plusSeconds(5)));

        assertThat(updated.name()).isEqualTo("Renamed");
        assertThat(updated.maxConcurrency()).isEqualTo(7);
        assertThat(updated.retryConfig()).isEqualTo(RetryConfig.disabled());
        assertThat(updated.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(updated.progress().pending()).isEqualTo(4);
        assertThat(fixture.reload(campaign)).isEqualTo(updated);

        assertThatThrownBy(() -> store.updateCampaign(ORG, campaign.id(), c -> {
            throw CampaignException.invalidState(c.id(), "start", c.status());
        })).isInstanceOf(CampaignException.class);
        assertThat(fixture.reload(campaign)).isEqualTo(updated);
    }

    @Test
    void a_claim_never_exceeds_the_campaigns_max_concurrency() {
        Campaign campaign = fixture.running(ORG, 20, 3);

        ClaimResult first = fixture.claim(campaign, T0, 10);
        ClaimResult second = fixture.claim(campaign, T0, 10);

        assertThat(first.calls()).hasSize(3);
        assertThat(second.calls()).isEmpty();
        assertThat(first.campaign().progress().inProgress()).isEqualTo(3);
        assertThat(first.campaign().progress().pending()).isEqualTo(17);
        assertCountersMatchTheRows(campaign);
    }

    @Test
    void the_organisation_limit_holds_across_its_campaigns() {
        Campaign one = fixture.running(ORG, 10, 10);
        Campaign two = fixture.running(ORG, 10, 10);

        ClaimResult a = fixture.claim(one, "node-1", T0, 10, 4, numbers(50));
        ClaimResult b = fixture.claim(two, "node-2", T0, 10, 4, numbers(50));

        assertThat(a.calls()).hasSize(4);
        assertThat(b.calls()).isEmpty();
        assertThat(Recount.orgInFlight(dataSource, ORG)).isEqualTo(4);
        fixture.report(a.calls().get(0).sessionId(), CallOutcome.COMPLETED, T0.plusSeconds(30));
        assertThat(fixture.claim(two, "node-2", T0.plusSeconds(30), 10, 4, numbers(50)).calls()).hasSize(1);
    }

    @Test
    void each_call_holds_its_own_caller_number_until_it_ends() {
        Campaign one = fixture.running(ORG, 10, 10);
        Campaign two = fixture.running(ORG, 10, 10);
        List<String> numbers = numbers(3);

        ClaimResult a = fixture.claim(one, "node-1", T0, 2, 100, numbers);
        ClaimResult b = fixture.claim(two, "node-1", T0, 5, 100, numbers);

        assertThat(a.calls()).extracting(CallSession::callerNumber).containsExactly(numbers.get(0), numbers.get(1));
        assertThat(b.calls()).extracting(CallSession::callerNumber).containsExactly(numbers.get(2));
        fixture.report(a.calls().get(1).sessionId(), CallOutcome.BUSY, T0.plusSeconds(20));
        ClaimResult c = fixture.claim(two, "node-1", T0.plusSeconds(20), 5, 100, numbers);
        assertThat(c.calls()).extracting(CallSession::callerNumber).containsExactly(numbers.get(1));
        assertThat(Recount.heldNumbers(dataSource)).isEqualTo(3);
    }

    @Test
    void a_campaign_that_is_not_running_claims_nothing() {
        Campaign draft = fixture.draft(ORG, 5, 5);

        ClaimResult result = fixture.claim(draft, T0, 5);

        assertThat(result.calls()).isEmpty();
        assertThat(fixture.reload(draft).progress().pending()).isEqualTo(5);
    }

    @Test
    void due_retries_come_first_oldest_first_then_fresh_contacts_in_file_order() {
        Campaign campaign = fixture.running(ORG, 10, 10);
        List<CallSession> firstWave = fixture.claim(campaign, T0, 3).calls();
        assertThat(firstWave).extracting(CallSession::phoneNumber).containsExactly(phone(1), phone(2), phone(3));
        // Contact 3 ends first, then 1: their retries fall due in that order; contact 2 is reached.
        fixture.report(firstWave.get(2).sessionId(), CallOutcome.BUSY, T0.plusSeconds(10));
        fixture.report(firstWave.get(0).sessionId(), CallOutcome.NO_ANSWER, T0.plusSeconds(20));
        fixture.report(firstWave.get(1).sessionId(), CallOutcome.COMPLETED, T0.plusSeconds(30));

        ClaimResult early = fixture.claim(campaign, T0.plusSeconds(60), 2);
        assertThat(early.calls()).extracting(CallSession::phoneNumber).containsExactly(phone(4), phone(5));
        assertThat(early.nextRetryAt()).isEqualTo(T0.plusSeconds(130));

        ClaimResult later = fixture.claim(campaign, T0.plusSeconds(200), 4);
        assertThat(later.calls()).extracting(CallSession::phoneNumber)
                .containsExactly(phone(3), phone(1), phone(6), phone(7));
        assertThat(later.calls()).extracting(CallSession::attempt).containsExactly(2, 2, 1, 1);
        assertThat(later.nextRetryAt()).isNull();
        assertCountersMatchTheRows(campaign);
    }

    @Test
    void a_claimed_call_carries_the_contacts_columns_and_a_lease_for_its_node() {
        Campaign campaign = fixture.running(ORG, 2, 2);

        CallSession call = fixture.claim(campaign, T0, 1).calls().get(0);

        assertThat(call.status()).isEqualTo(CallSessionStatus.IN_PROGRESS);
        assertThat(call.attempt()).isEqualTo(1);
        assertThat(call.startedAt()).isEqualTo(T0);
        assertThat(call.initialContext()).containsExactly(Map.entry("first_name", "Name 1"),
                Map.entry("company", "Acme \"1\", Inc"));
        assertThat(store.findSession(call.sessionId())).contains(call);
    }

    @Test
    void contact_values_come_back_as_imported_whatever_characters_they_hold() {
        // What a CSV or JSON encoding could get wrong on the way in (PostgreSQL's COPY, H2's inserts).
        List<String> awkward = List.of("", "\"", "\"\"", "a,b", "back\\slash\\", "\\\"", "line\nbreak\r\n",
                "nul\u0000, tab\tand\u0001\u001f\u007f", "[\"not\", \"json\"]", "\u2028\u2029", "caf\u00e9 \u4e2d\u6587",
                "\ud83d\udcde\ud83c\udff3\ufe0f\u200d\ud83c\udf08", "\\N", "NULL");
        List<ImportedContact> contacts = new ArrayList<>();
        for (int i = 0; i < awkward.size(); i++) {
            contacts.add(new ImportedContact(i + 1, phone(i + 1), List.of(awkward.get(i), "#" + i)));
        }
        Campaign draft = store.createCampaign(new NewCampaign(ORG, "awkward", 1, "k", awkward.size(), null, null,
                null, null, T0), sink -> {
                    sink.accept(contacts);
                    return new ContactSource.ImportResult(List.of("value", "index"),
                            new ImportSummary(awkward.size(), awkward.size(), 0, 0, List.of()));
                });
        Campaign campaign = store.updateCampaign(ORG, draft.id(),
                c -> CampaignChange.none(c).toStatus(CampaignStatus.RUNNING, null, T0));

        List<CallSession> calls = fixture.claim(campaign, T0, awkward.size()).calls();

        assertThat(calls).hasSize(awkward.size());
        for (CallSession call : calls) {
            int index = Integer.parseInt(call.initialContext().get("index").substring(1));
            assertThat(call.initialContext().get("value")).as("value %d", index).isEqualTo(awkward.get(index));
        }
    }

    @Test
    void an_outcome_reported_twice_is_recorded_once() {
        Campaign campaign = fixture.running(ORG, 3, 3);
        CallSession call = fixture.claim(campaign, T0, 1).calls().get(0);

        RecordResult first = fixture.report(call.sessionId(), CallOutcome.COMPLETED, T0.plusSeconds(40));
        RecordResult second = fixture.report(call.sessionId(), CallOutcome.BUSY, T0.plusSeconds(90));

        assertThat(first.kind()).isEqualTo(RecordResult.Kind.RECORDED);
        assertThat(first.session().durationSeconds()).isEqualTo(40);
        assertThat(first.session().answered()).isTrue();
        assertThat(second.kind()).isEqualTo(RecordResult.Kind.DUPLICATE);
        assertThat(second.session()).isEqualTo(first.session());
        assertThat(second.campaign().progress()).isEqualTo(first.campaign().progress());
        assertThat(first.campaign().progress().completed()).isEqualTo(1);
        assertThat(first.campaign().progress().answered()).isEqualTo(1);
        assertCountersMatchTheRows(campaign);
    }

    /**
     * A group of outcomes moves one counter shard row of its campaign, whatever shards its sessions map to, so that
     * groups recorded at once by several nodes rarely wait on each other's shard rows; the counters stay right.
     */
    @Test
    void a_group_of_outcomes_moves_one_counter_shard_of_its_campaign() throws SQLException {
        Campaign campaign = fixture.running(ORG, 80, 40);   // contacts left pending: no outcome locks the campaign
        List<CallSession> calls = fixture.claim(campaign, T0, 40, numbers(40), 1).calls();
        assertThat(calls).hasSize(40);

        Map<String, RecordResult> results = store.recordOutcomes(reports(calls, CallOutcome.COMPLETED));

        assertThat(results).hasSize(40);
        assertThat(results.values()).allMatch(r -> r.kind() == RecordResult.Kind.RECORDED);
        try (Connection c = dataSource.getConnection();
             PreparedStatement moved = c.prepareStatement("SELECT COUNT(*) FROM campaign_counter_shards"
                     + " WHERE campaign_id = ? AND completed <> 0")) {
            moved.setLong(1, campaign.id());
            try (ResultSet row = moved.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getLong(1)).as("shard rows moved by one group of 40").isEqualTo(1);
            }
        }
        assertThat(fixture.reload(campaign).progress().completed()).isEqualTo(40);
        assertCountersMatchTheRows(campaign);
    }

    @Test
    void each_outcome_of_a_group_sees_its_campaigns_totals_with_what_earlier_groups_moved_to_the_shards() {
        Campaign campaign = fixture.running(ORG, 12, 6);   // contacts left pending: no outcome locks the campaign
        List<CallSession> calls = fixture.claim(campaign, T0, 6, numbers(6), 1).calls();
        assertThat(calls).hasSize(6);
        store.recordOutcomes(reports(calls.subList(0, 3), CallOutcome.COMPLETED));

        Map<String, RecordResult> second = store.recordOutcomes(reports(calls.subList(3, 6), CallOutcome.COMPLETED));

        // Each result is the campaign as the group read it (the first group's three on the shards) plus its own.
        assertThat(second).hasSize(3);
        assertThat(second.values()).allSatisfy(result -> {
            assertThat(result.kind()).isEqualTo(RecordResult.Kind.RECORDED);
            assertThat(result.campaign().progress().completed()).isEqualTo(4);
            assertThat(result.campaign().progress().inProgress()).isEqualTo(2);
            assertThat(result.campaign().progress().pending()).isEqualTo(6);
        });
        assertThat(fixture.reload(campaign).progress().completed()).isEqualTo(6);
    }

    private static List<OutcomeReport> reports(List<CallSession> calls, CallOutcome outcome) {
        return calls.stream().map(call -> new OutcomeReport(call.sessionId(), CallResult.of(outcome),
                T0.plusSeconds(30), NO_RETRY, 0)).toList();
    }

    @Test
    void an_unknown_session_is_not_found() {
        assertThatThrownBy(() -> fixture.report("no-such-session", CallOutcome.COMPLETED, T0))
                .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void the_campaign_completes_when_its_last_contact_is_final() {
        Campaign campaign = fixture.running(ORG, 2, 2);
        List<CallSession> calls = fixture.claim(campaign, T0, 2).calls();

        fixture.report(calls.get(0).sessionId(), CallResult.of(CallOutcome.INVALID_NUMBER), T0.plusSeconds(5), NO_RETRY);
        RecordResult last = fixture.report(calls.get(1).sessionId(), CallOutcome.COMPLETED, T0.plusSeconds(9));

        assertThat(last.campaign().status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(last.campaign().completedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(store.runningCampaigns()).isEmpty();
        assertCountersMatchTheRows(campaign);
    }

    @Test
    void technical_failures_in_a_row_pause_the_campaign_with_the_last_reason() {
        Campaign campaign = fixture.running(ORG, 10, 5);
        List<CallSession> calls = fixture.claim(campaign, T0, 3).calls();

        store.recordOutcome(new OutcomeReport(calls.get(0).sessionId(), CallResult.failed("sip 503"), T0, NO_RETRY, 2));
        store.recordOutcome(new OutcomeReport(calls.get(1).sessionId(), CallResult.of(CallOutcome.BUSY), T0,
                NO_RETRY, 2));
        store.recordOutcome(new OutcomeReport(calls.get(2).sessionId(), CallResult.failed("sip 502"), T0, NO_RETRY, 2));
        assertThat(fixture.reload(campaign).status()).isEqualTo(CampaignStatus.RUNNING);

        CallSession next = fixture.claim(campaign, T0, 1).calls().get(0);
        RecordResult paused = store.recordOutcome(new OutcomeReport(next.sessionId(), CallResult.failed("sip 500"),
                T0.plusSeconds(1), NO_RETRY, 2));

        assertThat(paused.campaign().status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(paused.campaign().statusReason())
                .isEqualTo("paused after 2 technical failures in a row; last: sip 500");
    }

    @Test
    void a_session_whose_lease_expired_is_closed_failed_and_its_real_outcome_is_still_recorded_late() {
        Campaign campaign = fixture.running(ORG, 1, 1);
        CallSession call = fixture.claim(campaign, T0, 1).calls().get(0);
        fixture.handOver(List.of(call));

        assertThat(store.recoverExpiredSessions(T0.plus(LEASE), 10)).isZero();
        assertThat(store.recoverExpiredSessions(T0.plus(LEASE).plusSeconds(1), 10)).isEqualTo(1);

        CallSession closed = store.findSession(call.sessionId()).orElseThrow();
        assertThat(closed.status()).isEqualTo(CallSessionStatus.ENDED);
        assertThat(closed.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(closed.failureReason()).isEqualTo("lease expired: node node-1 stopped renewing");
        Campaign afterRecovery = fixture.reload(campaign);
        assertThat(afterRecovery.progress().failed()).isEqualTo(1);
        assertThat(afterRecovery.status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(Recount.orgInFlight(dataSource, ORG)).isZero();
        assertThat(Recount.heldNumbers(dataSource)).isZero();

        RecordResult late = fixture.report(call.sessionId(), CallOutcome.COMPLETED, T0.plusSeconds(200));
        assertThat(late.kind()).isEqualTo(RecordResult.Kind.LATE);
        assertThat(late.session().outcome()).isEqualTo(CallOutcome.COMPLETED);
        assertThat(late.campaign().progress().completed()).isEqualTo(1);
        assertThat(late.campaign().progress().failed()).isZero();
        assertThat(late.campaign().progress().answered()).isEqualTo(1);
        assertThat(fixture.report(call.sessionId(), CallOutcome.COMPLETED, T0.plusSeconds(300)).kind())
                .isEqualTo(RecordResult.Kind.DUPLICATE);
        assertCountersMatchTheRows(campaign);
    }

    @Test
    void an_expired_session_never_handed_over_is_returned_with_its_slot_and_caller_number() {
        Campaign campaign = fixture.running(ORG, 3, 3);
        List<CallSession> calls = fixture.claim(campaign, T0, 2).calls();
        fixture.handOver(calls.subList(1, 2));

        assertThat(store.recoverExpiredSessions(T0.plus(LEASE).plusSeconds(1), 10)).isEqualTo(2);

        assertThat(store.findSession(calls.get(0).sessionId())).isEmpty();
        assertThat(fixture.reload(campaign).progress().pending()).isEqualTo(2);
        assertThat(Recount.orgInFlight(dataSource, ORG)).isZero();
        assertThat(Recount.heldNumbers(dataSource)).isZero();
        assertCountersMatchTheRows(campaign);
        assertThat(fixture.claim(campaign, T0.plusSeconds(200), 1).calls()).extracting(CallSession::phoneNumber)
                .containsExactly(phone(1));
    }

    @Test
    void a_returned_session_frees_its_slot_and_caller_number_and_its_retry_keeps_its_due_instant() {
        Campaign campaign = fixture.running(ORG, 4, 4);
        CallSession first = fixture.claim(campaign, T0, 1).calls().get(0);
        fixture.handOver(List.of(first));
        fixture.report(first.sessionId(), CallOutcome.BUSY, T0.plusSeconds(10));          // due at T0 + 130
        List<CallSession> calls = fixture.claim(campaign, T0.plusSeconds(140), 3).calls();
        assertThat(calls).extracting(CallSession::phoneNumber).containsExactly(phone(1), phone(2), phone(3));
        fixture.handOver(calls.subList(2, 3));

        assertThat(store.returnUndialled(calls.stream().map(CallSession::sessionId).toList()))
                .isEqualTo(2);

        assertThat(Recount.orgInFlight(dataSource, ORG)).isEqualTo(1);
        assertThat(Recount.heldNumbers(dataSource)).isEqualTo(1);
        assertCountersMatchTheRows(campaign);
        ClaimResult early = fixture.claim(campaign, T0.plusSeconds(100), 1);
        assertThat(early.calls()).extracting(CallSession::phoneNumber).containsExactly(phone(2));
        assertThat(early.nextRetryAt()).isEqualTo(T0.plusSeconds(130));
        // The retry's late report still finds its contact's latest session: the returned one left no trace.
        assertThat(fixture.claim(campaign, T0.plusSeconds(150), 1).calls()).extracting(CallSession::attempt)
                .containsExactly(2);
        assertCountersMatchTheRows(campaign);
    }

    @Test
    void a_shared_caller_number_is_held_once_per_call_up_to_its_places() {
        Campaign campaign = fixture.running(ORG, 10, 10);
        List<String> one = numbers(1);

        List<CallSession> calls = fixture.claim(campaign, T0, 5, one, 3).calls();

        assertThat(calls).hasSize(3).extracting(CallSession::callerNumber).containsOnly(one.get(0));
        assertThat(Recount.heldNumbers(dataSource)).isEqualTo(3);
        fixture.report(calls.get(0).sessionId(), CallOutcome.COMPLETED, T0.plusSeconds(5));
        assertThat(Recount.heldNumbers(dataSource)).isEqualTo(2);
        assertThat(fixture.claim(campaign, T0.plusSeconds(5), 5, one, 3).calls()).hasSize(1);
        assertThat(fixture.claim(campaign, T0.plusSeconds(5), 5, one, 1).calls()).isEmpty();
        assertCountersMatchTheRows(campaign);
    }

    @Test
    void a_pause_racing_handovers_leaves_every_session_either_handed_over_or_returned() throws Exception {
        for (int round = 0; round < 10; round++) {
            String org = "org-race-" + round;   // its own caller numbers: handed-over calls keep theirs
            Campaign campaign = fixture.running(org, 12, 12);
            List<CallSession> calls = fixture.claim(campaign, T0, 12).calls();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<List<String>>> handovers = new ArrayList<>();
            for (int part = 0; part < 2; part++) {
                List<CallSession> half = calls.subList(part * 6, part * 6 + 6);
                handovers.add(pool.submit(() -> {
                    start.await();
                    List<String> handed = new ArrayList<>();
                    for (CallSession call : half) {
                        handed.addAll(fixture.handOver(List.of(call)));
                    }
                    return handed;
                }));
            }
            java.util.concurrent.Future<Campaign> pause = pool.submit(() -> {
                start.await();
                return store.updateCampaign(org, campaign.id(),
                        c -> CampaignChange.none(c).toStatus(CampaignStatus.PAUSED, null, T0.plusSeconds(1)));
            });
            start.countDown();
            List<String> handed = new ArrayList<>();
            for (var h : handovers) {
                handed.addAll(h.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            Campaign paused = pause.get(30, java.util.concurrent.TimeUnit.SECONDS);
            pool.shutdown();

            for (CallSession call : calls) {
                assertThat(store.findSession(call.sessionId()).isPresent())
                        .as("session %s is kept exactly when it was handed over", call.sessionId())
                        .isEqualTo(handed.contains(call.sessionId()));
            }
            assertThat(paused.progress().inProgress()).isEqualTo(handed.size());
            assertThat(store.handOver(new HandOverRequest(calls.stream().map(CallSession::sessionId).toList(),
                    T0.plusSeconds(2), null)).handedOver()).isEmpty();
            assertCountersMatchTheRows(campaign);
        }
    }

    @Test
    void renewing_extends_only_the_nodes_own_leases() {
        Campaign campaign = fixture.running(ORG, 4, 4);
        fixture.claim(campaign, "node-a", T0, 2, 100, numbers(4));
        fixture.claim(campaign, "node-b", T0, 2, 100, numbers(4));

        assertThat(store.renewLeases("node-a", T0.plus(LEASE).plus(LEASE))).isEqualTo(2);

        assertThat(store.recoverExpiredSessions(T0.plus(LEASE).plusSeconds(1), 10)).isEqualTo(2);
        assertThat(fixture.reload(campaign).progress().inProgress()).isEqualTo(2);
        assertThat(store.renewLeases("node-b", T0.plus(LEASE).plus(LEASE))).isZero();
        assertCountersMatchTheRows(campaign);
    }

    @Test
    void a_call_in_flight_longer_than_the_longest_call_is_no_longer_renewed_and_gets_recovered() {
        JdbcCampaignStore bounded = JdbcCampaignStore.builder(dataSource).maxCallDuration(java.time.Duration.ofMinutes(10))
                .build();
        Campaign campaign = fixture.running(ORG, 2, 2);
        fixture.claim(campaign, T0, 1);

        assertThat(bounded.renewLeases("node-1", T0.plusSeconds(9 * 60))).isEqualTo(1);
        assertThat(bounded.renewLeases("node-1", T0.plusSeconds(11 * 60))).isZero();
        assertThat(bounded.recoverExpiredSessions(T0.plusSeconds(9 * 60 + 1), 10)).isEqualTo(1);
        assertCountersMatchTheRows(campaign);
    }

    @Test
    void a_claim_or_an_import_whose_commit_failed_after_reaching_the_database_still_returns_its_result() {
        FlakyDataSource flakyDataSource = new FlakyDataSource(dataSource, 0, 1);
        JdbcCampaignStore flaky = JdbcCampaignStore.builder(flakyDataSource).dialect(store.dialect()).build();
        StoreFixture flakyFixture = new StoreFixture(flaky);

        flakyDataSource.failNextCommitAfterCommitting();
        Campaign campaign = flakyFixture.draft(ORG, 3, 3);
        assertThat(store.listCampaigns(ORG, PageRequest.first()).items()).containsExactly(campaign);

        store.updateCampaign(ORG, campaign.id(), c -> CampaignChange.none(c).toStatus(CampaignStatus.RUNNING, null, T0));
        flakyDataSource.failNextCommitAfterCommitting();
        ClaimResult claim = flakyFixture.claim(campaign, T0, 2);
        assertThat(claim.calls()).hasSize(2);
        assertThat(store.findSession(claim.calls().get(1).sessionId())).isPresent();
        assertThat(flakyDataSource.failedAfterCommit.get()).isEqualTo(2);
        assertCountersMatchTheRows(campaign);
    }

    @Test
    void recovery_closes_at_most_the_number_asked_for() {
        Campaign campaign = fixture.running(ORG, 5, 5);
        fixture.claim(campaign, T0, 5);

        assertThat(store.recoverExpiredSessions(T0.plus(LEASE).plusSeconds(1), 3)).isEqualTo(3);
        assertThat(store.recoverExpiredSessions(T0.plus(LEASE).plusSeconds(1), 3)).isEqualTo(2);
        assertCountersMatchTheRows(campaign);
    }

    @Test
    void counters_always_equal_a_recount_of_the_rows_through_a_random_run() {
        Random random = new Random(42);
        Campaign campaign = fixture.running(ORG, 60, 6);
        Instant now = T0;
        List<CallOutcome> outcomes = List.of(CallOutcome.values());
        for (int step = 0; step < 80 && fixture.reload(campaign).status() == CampaignStatus.RUNNING; step++) {
            now = now.plusSeconds(30);
            for (CallSession call : fixture.claim(campaign, now, 1 + random.nextInt(6)).calls()) {
                CallOutcome outcome = outcomes.get(random.nextInt(outcomes.size()));
                if (random.nextInt(10) == 0) {
                    continue; // left in flight: lease recovery closes it
                }
                fixture.report(call.sessionId(), outcome, now.plusSeconds(random.nextInt(20)));
                if (random.nextInt(5) == 0) {
                    fixture.report(call.sessionId(), outcome, now.plusSeconds(25));
                }
            }
            store.recoverExpiredSessions(now.minus(LEASE), 100);
            assertCountersMatchTheRows(campaign);
        }
        Campaign end = fixture.reload(campaign);
        assertThat(end.status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(end.progress().completed() + end.progress().failed()).isEqualTo(60);
    }

    @Test
    void runs_filter_sort_and_page_with_the_total() {
        Campaign campaign = fixture.running(ORG, 6, 6);
        List<CallSession> calls = fixture.claim(campaign, T0, 6).calls();
        CallOutcome[] outcomes = {CallOutcome.COMPLETED, CallOutcome.BUSY, CallOutcome.COMPLETED,
            CallOutcome.NO_ANSWER, CallOutcome.VOICEMAIL, CallOutcome.COMPLETED};
        for (int i = 0; i < 6; i++) {
            fixture.report(calls.get(i).sessionId(), new CallResult(outcomes[i], null, null, null, (long) (60 - i * 10),
                    null, null, null), T0.plusSeconds(100 + i), NO_RETRY);
        }

        var completed = store.sessions(campaign.id(), new SessionQuery(new SessionQuery.Filter(CallOutcome.COMPLETED,
                null, null, null, null, null), SessionQuery.Sort.DURATION_SECONDS, false, new PageRequest(1, 2)));
        assertThat(completed.total()).isEqualTo(3);
        assertThat(completed.items()).extracting(CallSession::phoneNumber).containsExactly(phone(6), phone(3));

        var answeredNot = store.sessions(campaign.id(), new SessionQuery(new SessionQuery.Filter(null, null, 1, false,
                T0, T0.plusSeconds(1)), SessionQuery.Sort.PHONE_NUMBER, true, new PageRequest(1, 10)));
        assertThat(answeredNot.items()).extracting(CallSession::phoneNumber)
                .containsExactly(phone(5), phone(4), phone(2));

        var byPhone = store.sessions(campaign.id(), new SessionQuery(new SessionQuery.Filter(null, phone(4), null,
                null, null, null), SessionQuery.Sort.STARTED_AT, false, PageRequest.first()));
        assertThat(byPhone.items()).extracting(CallSession::outcome).containsExactly(CallOutcome.NO_ANSWER);

        var lastPage = store.sessions(campaign.id(), new SessionQuery(SessionQuery.Filter.none(),
                SessionQuery.Sort.STARTED_AT, false, new PageRequest(2, 4)));
        assertThat(lastPage.total()).isEqualTo(6);
        assertThat(lastPage.items()).extracting(CallSession::phoneNumber).containsExactly(phone(5), phone(6));

        var late = store.sessions(campaign.id(), new SessionQuery(new SessionQuery.Filter(null, null, null, null,
                T0.plusSeconds(1), null), SessionQuery.Sort.ENDED_AT, true, PageRequest.first()));
        assertThat(late.total()).isZero();
    }

    @Test
    void text_that_looks_like_sql_is_only_ever_a_value() {
        Campaign campaign = fixture.running(ORG, 2, 2);
        fixture.claim(campaign, T0, 2);
        String[] attacks = {"'; DROP TABLE call_sessions; --", "+1' OR '1'='1", "\" OR 1=1 --", "started_at; drop table"};

        for (String attack : attacks) {
            var page = store.sessions(campaign.id(), new SessionQuery(new SessionQuery.Filter(null, attack, null,
                    null, null, null), SessionQuery.Sort.STARTED_AT, false, PageRequest.first()));
            assertThat(page.total()).isZero();
            assertThat(store.findSession(attack)).isEmpty();
            assertThat(store.findCampaign(attack, campaign.id())).isEmpty();
        }
        assertThat(Recount.sessionsInFlight(dataSource, campaign.id())).isEqualTo(2);
        assertThat(Recount.query(dataSource, "SELECT COUNT(*) FROM campaign_contacts WHERE 0 = ?", 0)).isEqualTo(2);
    }

    @Test
    void ended_sessions_stream_oldest_first_within_the_start_bounds() {
        Campaign campaign = fixture.running(ORG, 5, 1);
        List<String> ended = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant now = T0.plusSeconds(60L * i);
            CallSession call = fixture.claim(campaign, now, 1).calls().get(0);
            fixture.report(call.sessionId(), CallResult.of(CallOutcome.INVALID_NUMBER), now.plusSeconds(5), NO_RETRY);
            ended.add(call.sessionId());
        }

        List<String> streamed = new ArrayList<>();
        store.forEachEndedSession(campaign.id(), T0.plusSeconds(60), T0.plusSeconds(240),
                s -> streamed.add(s.sessionId()));
        List<String> all = new ArrayList<>();
        store.forEachEndedSession(campaign.id(), null, null, s -> all.add(s.sessionId()));

        assertThat(streamed).containsExactlyElementsOf(ended.subList(1, 4));
        assertThat(all).containsExactlyElementsOf(ended);
    }

    /**
     * Activity counts the calls in flight at a window's start before it or after it, whichever side is shorter: both
     * must count exactly the sessions started before the instant and not ended before it.
     */
    @Test
    void the_calls_in_flight_at_a_windows_start_are_the_same_counted_before_it_or_after_it() throws SQLException {
        Campaign campaign = fixture.running(ORG, 25, 20);
        Campaign other = fixture.running("org-2", 5, 5);
        fixture.handOver(fixture.claim(other, T0, 5).calls());
        // A wave of 5 calls every 10 s, each lasting 25 s; the last wave is still in flight.
        List<List<CallSession>> waves = new ArrayList<>();
        for (int second = 0; second <= 55; second += 5) {
            Instant now = T0.plusSeconds(second);
            if (second % 10 == 5 && second >= 25) {
                for (CallSession call : waves.get((second - 25) / 10)) {
                    fixture.report(call.sessionId(), CallResult.of(CallOutcome.COMPLETED), now, NO_RETRY);
                }
            }
            if (second % 10 == 0 && second <= 40) {
                List<CallSession> wave = fixture.claim(campaign, now, 5).calls();
                fixture.handOver(wave);
                waves.add(wave);
            }
        }
        ActivityCounts counts = new ActivityCounts(store.dialect());

        for (int second : new int[] {-5, 0, 5, 22, 25, 33, 47, 60, 600}) {
            Instant at = T0.plusSeconds(second);
            long expected = Recount.inFlightAt(dataSource, campaign.id(), at);
            try (Connection c = dataSource.getConnection()) {
                assertThat(counts.inFlightAt(c, campaign.id(), at, true)).as("counted before %s", at)
                        .isEqualTo(expected);
                assertThat(counts.inFlightAt(c, campaign.id(), at, false)).as("counted after %s", at)
                        .isEqualTo(expected);
            }
            assertThat(store.sessionActivity(campaign.id(), at, at.plusSeconds(60), Duration.ofMinutes(1), 1)
                    .inFlightAtFrom()).as("activity from %s", at).isEqualTo(expected);
        }
        assertThat(Recount.inFlightAt(dataSource, campaign.id(), T0.plusSeconds(22))).as("waves 0, 1 and 2")
                .isEqualTo(15);
        assertThat(Recount.inFlightAt(dataSource, campaign.id(), T0.plusSeconds(600))).as("the last wave")
                .isEqualTo(5);
    }

    @Test
    void redial_contacts_are_the_unreached_ones_whose_last_outcome_was_asked_for_in_file_order() {
        Campaign campaign = fixture.running(ORG, 5, 5);
        List<CallSession> calls = fixture.claim(campaign, T0, 5).calls();
        CallOutcome[] outcomes = {CallOutcome.BUSY, CallOutcome.COMPLETED, CallOutcome.VOICEMAIL,
            CallOutcome.FAILED, CallOutcome.BUSY};
        for (int i = 0; i < 5; i++) {
            fixture.report(calls.get(i).sessionId(), CallResult.of(outcomes[i]), T0.plusSeconds(9), NO_RETRY);
        }

        List<StoredContact> redial = new ArrayList<>();
        store.forEachRedialContact(campaign.id(), EnumSet.of(CallOutcome.BUSY, CallOutcome.VOICEMAIL), redial::add);

        assertThat(redial).extracting(StoredContact::phoneNumber).containsExactly(phone(1), phone(3), phone(5));
        assertThat(redial.get(0).values()).containsExactly("Name 1", "Acme \"1\", Inc");
        assertThat(redial.get(0).lastOutcome()).isEqualTo(CallOutcome.BUSY);
    }

    @Test
    void building_twice_on_one_database_keeps_the_existing_schema_and_data() {
        Campaign campaign = fixture.draft(ORG, 3, 1);

        JdbcCampaignStore again = JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();

        assertThat(again.findCampaign(ORG, campaign.id())).contains(campaign);
    }

    @Test
    void a_contact_source_with_an_empty_file_creates_an_empty_campaign() {
        Campaign campaign = store.createCampaign(new NewCampaign(ORG, "empty", 1, "k", 1, null, null, null, null, T0),
                sink -> new ContactSource.ImportResult(List.of(), new ImportSummary(0, 0, 0, 0, List.of())));

        assertThat(campaign.progress().totalContacts()).isZero();
        Campaign started = store.updateCampaign(ORG, campaign.id(), c -> CampaignChange.none(c).toStatus(CampaignStatus.RUNNING, null, T0));
        assertThat(fixture.claim(started, T0, 1).campaign().status()).isEqualTo(CampaignStatus.COMPLETED);
    }
}
