package io.outbound.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.memory.InMemoryCampaignStore;
import io.outbound.campaign.spi.CampaignStore;
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
 * them differently, or claimed in another order, would show here.
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
