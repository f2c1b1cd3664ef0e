package io.outbound.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.AttemptLimit;
import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.Suppression;
import io.outbound.campaign.memory.InMemoryCampaignStore;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.ClaimResult;
import io.outbound.campaign.spi.ClaimRules;
import io.outbound.campaign.testkit.CampaignTestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One scripted campaign run through every store the project ships: the in-memory store, H2 and PostgreSQL end it
 * with the same progress and the same call sessions (the same contacts dialled in the same order from the same
 * caller numbers, with the same outcomes, instants and reasons). The rules are core's; a store that applied
 * them differently, or claimed in another order, would show here. A second script claims under contact rules
 * (suppression, a closed and a skipped zone, an attempt limit across campaigns, an opt-out) straight from each store.
 */
class SameScenarioEveryStoreTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private static final String ORG = "org-1";

    @Test
    void memory_h2_and_postgresql_end_a_scripted_campaign_with_the_same_sessions_and_progress() {
        Run memory = run(new InMemoryCampaignStore());
        Run h2 = run(JdbcCampaignStore.builder(DATABASES.h2(4)).createSchemaIfMissing(true).build());
        Run postgres = run(JdbcCampaignStore.builder(DATABASES.postgres(4)).createSchemaIfMissing(true).build());

        assertThat(memory.progress()).isEqualTo(new CampaignProgress(12, 12, 6, 6, 6, 0, 0,
                CampaignStatus.COMPLETED, 0));
        assertThat(memory.sessions()).hasSize(21);
        assertThat(h2).isEqualTo(memory);
        assertThat(postgres).isEqualTo(memory);
    }

    @Test
    void memory_h2_and_postgresql_apply_contact_rules_alike_and_their_counters_match_a_recount() {
        List<String> memory = runWithRules(new InMemoryCampaignStore(), null);
        var h2Source = DATABASES.h2(4);
        List<String> h2 = runWithRules(JdbcCampaignStore.builder(h2Source).createSchemaIfMissing(true).build(),
                h2Source);
        var pgSource = DATABASES.postgres(4);
        List<String> postgres = runWithRules(JdbcCampaignStore.builder(pgSource).createSchemaIfMissing(true).build(),
                pgSource);

        assertThat(memory).as("the script must reach skips, holds, a closed zone and an opt-out")
                .anySatisfy(line -> assertThat(line).contains("suppressed: complaint"))
                .anySatisfy(line -> assertThat(line).contains("local time unknown"))
                .anySatisfy(line -> assertThat(line).contains("setAside=2"))
                .anySatisfy(line -> assertThat(line).contains("opted out"));
        assertThat(h2).containsExactlyElementsOf(memory);
        assertThat(postgres).containsExactlyElementsOf(memory);
    }

    /**
     * A campaign of eight contacts in three zones, claimed straight from the store under changing rules, after
     * another campaign of the organisation dialled two of its numbers: what each claim returns, the skipped
     * contacts, the suppressions and the final progress, as lines to compare. On a database store each claim's
     * counters are also held against a recount of the rows.
     */
    private static List<String> runWithRules(CampaignStore store, javax.sql.DataSource recount) {
        java.time.Instant t0 = java.time.Instant.parse("2026-06-01T13:00:00Z");
        List<String> n = IntStream.range(0, 8).mapToObj(i -> String.format("+1415555%04d", i)).toList();
        int[] zones = {0, 1, 0, 1, 2, 0, 1, 0};
        RetryConfig retry = new RetryConfig(true, 2, 300, true, true, true);
        io.outbound.campaign.spi.RetryPlanner planner = (campaign, outcome, attempt, endedAt) ->
                retry.retries(outcome) && attempt <= retry.maxRetries()
                        ? endedAt.plusSeconds(retry.retryDelaySeconds()) : null;
        Campaign earlier = start(store, create(store, n.subList(0, 2), new int[] {0, 0}, null, t0));
        Campaign campaign = start(store, create(store, n, zones, retry, t0));
        List<String> lines = new ArrayList<>();
        java.util.function.BiFunction<java.time.Instant, ClaimRules, List<CallSession>> claim = (now, rules) -> {
            ClaimResult result = store.claim(new ClaimRequest(campaign.id(), "node-1", now, now.plusSeconds(120),
                    10, 100, List.of("+15550000001", "+15550000002", "+15550000003"), 2, rules));
            lines.add("claim at " + now + ": " + result.calls().stream()
                    .map(c -> c.phoneNumber() + "#" + c.attempt() + " via " + c.callerNumber()).toList()
                    + " setAside=" + result.setAside() + " next=" + result.nextRetryAt() + " "
                    + result.campaign().progress());
            if (recount != null) {
                assertThat(result.campaign().progress()).as("counters after the claim at %s", now)
                        .isEqualTo(Recount.progress(recount, campaign.id(), result.campaign().status()));
            }
            return result.calls();
        };
        java.util.function.BiConsumer<CallSession, CallResult> report = (call, result) -> store.recordOutcome(
                new io.outbound.campaign.spi.OutcomeReport(call.sessionId(), result, call.startedAt().plusSeconds(40),
                        planner, 0));
        List<AttemptLimit> onePerDay = List.of(new AttemptLimit(1, 24));

        store.claim(new ClaimRequest(earlier.id(), "node-1", t0, t0.plusSeconds(120), 10, 100,
                List.of("+15550000009"), 10)).calls().forEach(c -> report.accept(c, CallResult.of(CallOutcome.NO_ANSWER)));
        store.addSuppressions(ORG, List.of(new Suppression(n.get(2), "complaint", t0)));
        java.time.Instant opens = t0.plus(Duration.ofHours(2));
        ClaimRules morning = new ClaimRules(List.of(ClaimRules.ZoneRule.OPEN,
                ClaimRules.ZoneRule.closedUntil(opens, List.of(), "08:00-21:00 America/Los_Angeles"),
                ClaimRules.ZoneRule.skipped("local time unknown under us")), onePerDay, true);
        List<CallSession> first = claim.apply(t0.plusSeconds(60), morning);
        for (CallSession call : first) {
            report.accept(call, call.phoneNumber().equals(n.get(5)) ? CallResult.of(CallOutcome.BUSY)
                    : CallResult.of(CallOutcome.COMPLETED).withOptOut());
        }
        claim.apply(t0.plusSeconds(400), morning);
        ClaimRules day = new ClaimRules(List.of(ClaimRules.ZoneRule.OPEN, ClaimRules.ZoneRule.OPEN,
                ClaimRules.ZoneRule.skipped("local time unknown under us")), onePerDay, true);
        List<CallSession> afternoon = claim.apply(opens, day);
        afternoon.forEach(call -> report.accept(call, CallResult.of(CallOutcome.NO_ANSWER)));
        for (java.time.Instant at = opens.plus(Duration.ofHours(1)); at.isBefore(t0.plus(Duration.ofDays(3)));
             at = at.plus(Duration.ofHours(6))) {
            claim.apply(at, day).forEach(call -> report.accept(call, CallResult.of(CallOutcome.COMPLETED)));
        }
        store.forEachSkippedContact(campaign.id(), s -> lines.add("skipped " + s));
        // An opt-out's reason names its session, whose id is random.
        store.suppressions(ORG, new io.outbound.campaign.PageRequest(1, 50)).items().forEach(s -> lines.add(
                "suppressed " + s.phoneNumber() + " at " + s.createdAt() + ": "
                        + s.reason().replaceAll("\\(session [^)]+\\)", "(session)")));
        lines.add("progress " + store.findCampaign(ORG, campaign.id()).orElseThrow().progress());
        return lines;
    }

    private static Campaign create(CampaignStore store, List<String> numbers, int[] zones, RetryConfig retry,
                                   java.time.Instant at) {
        return store.createCampaign(new io.outbound.campaign.spi.NewCampaign(ORG, "rules", 247, "contacts.csv", 10,
                null, retry, null, null, at, io.outbound.campaign.ContactRules.DEFAULT), sink -> {
            List<io.outbound.campaign.spi.ImportedContact> batch = new ArrayList<>();
            for (int i = 0; i < numbers.size(); i++) {
                batch.add(new io.outbound.campaign.spi.ImportedContact(i + 1, numbers.get(i), List.of("c" + i),
                        zones[i]));
            }
            sink.accept(batch);
            return new io.outbound.campaign.spi.ContactSource.ImportResult(List.of("name"),
                    new io.outbound.campaign.ImportSummary(numbers.size(), numbers.size(), 0, 0, List.of()),
                    List.of("America/New_York", "America/Los_Angeles", "unknown"));
        });
    }

    private static Campaign start(CampaignStore store, Campaign campaign) {
        return store.updateCampaign(ORG, campaign.id(), c -> io.outbound.campaign.spi.CampaignChange.none(c)
                .toStatus(CampaignStatus.RUNNING, null, campaign.createdAt()));
    }

    /** What a run ends with, without the random session ids. */
    record Run(CampaignProgress progress, List<String> sessions, List<String> late) {
    }

    private static Run run(CampaignStore store) {
        CampaignTestKit kit = CampaignTestKit.builder().store(store)
                .callerNumbers(ORG, List.of("+15550000001", "+15550000002", "+15550000003", "+15550000004"))
                .build();
        try {
            List<String> n = IntStream.range(0, 12).mapToObj(i -> String.format("+1415555%04d", i)).toList();
            kit.telephony()
                    .script(n.get(0), CallOutcome.COMPLETED)
                    .script(n.get(1), CallOutcome.BUSY, CallOutcome.COMPLETED)
                    .script(n.get(2), CallOutcome.NO_ANSWER, CallOutcome.NO_ANSWER, CallOutcome.NO_ANSWER)
                    .script(n.get(3), CallOutcome.VOICEMAIL, CallOutcome.COMPLETED)
                    .script(n.get(4), CallOutcome.INVALID_NUMBER)
                    .script(n.get(5), CallOutcome.FAILED, CallOutcome.COMPLETED)
                    .script(n.get(6), CallOutcome.BUSY, CallOutcome.BUSY, CallOutcome.BUSY)
                    .script(n.get(7), CallOutcome.COMPLETED)
                    .script(n.get(8), CallOutcome.NO_ANSWER, CallOutcome.COMPLETED)
                    .script(n.get(9), CallOutcome.VOICEMAIL, CallOutcome.VOICEMAIL, CallOutcome.VOICEMAIL)
                    .script(n.get(10), CallOutcome.COMPLETED)
                    .script(n.get(11), CallOutcome.FAILED, CallOutcome.FAILED, CallOutcome.FAILED)
                    .callDuration(Duration.ofSeconds(40));
            String key = "uploads/" + ORG + "/every-store.csv";
            kit.putCsv(key, "phone_number,name\n" + IntStream.range(0, n.size())
                    .mapToObj(i -> n.get(i) + ",Contact " + i).collect(Collectors.joining("\n")) + "\n");
            Campaign campaign = kit.campaigns().create(ORG, CreateCampaignRequest.of("Every store", 247, key, 3)
                    .withRetryConfig(new RetryConfig(true, 2, 300, true, true, true)));
            kit.campaigns().start(ORG, campaign.id());
            kit.runUntilIdle();

            List<CallSession> sessions = new ArrayList<>();
            kit.store().forEachEndedSession(campaign.id(), null, null, sessions::add);
            // A report repeated by the carrier is a duplicate on every store, and changes nothing.
            CallSession first = sessions.get(0);
            kit.calls().report(first.sessionId(), CallResult.of(CallOutcome.NO_ANSWER));
            sessions.sort(Comparator.comparing(CallSession::startedAt).thenComparing(CallSession::phoneNumber));
            return new Run(kit.campaigns().progress(ORG, campaign.id()),
                    sessions.stream().map(SameScenarioEveryStoreTest::described).toList(),
                    List.of(described(kit.store().findSession(first.sessionId()).orElseThrow())));
        } finally {
            kit.engine().close();
        }
    }

    private static String described(CallSession s) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("phone", s.phoneNumber());
        fields.put("attempt", s.attempt());
        fields.put("status", s.status());
        fields.put("outcome", s.outcome());
        fields.put("answered", s.answered());
        fields.put("caller", s.callerNumber());
        fields.put("started", s.startedAt());
        fields.put("ended", s.endedAt());
        fields.put("seconds", s.durationSeconds());
        fields.put("reason", s.failureReason());
        fields.put("context", s.initialContext());
        return fields.toString();
    }

}
