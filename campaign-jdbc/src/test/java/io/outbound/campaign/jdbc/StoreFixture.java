package io.outbound.campaign.jdbc;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ImportSummary;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.spi.CampaignChange;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.ClaimResult;
import io.outbound.campaign.spi.ContactSource;
import io.outbound.campaign.spi.HandOverRequest;
import io.outbound.campaign.spi.ImportedContact;
import io.outbound.campaign.spi.NewCampaign;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.spi.RecordResult;
import io.outbound.campaign.spi.RetryPlanner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Campaigns, contacts, claims and outcomes for the store tests, in a few words each. */
final class StoreFixture {
    static final Instant T0 = Instant.parse("2026-06-01T13:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(2);
    static final List<String> COLUMNS = List.of("first_name", "company");
    /** Busy, no-answer and voicemail are retried two minutes later, up to three attempts in all. */
    static final RetryPlanner RETRY_TWICE = (campaign, outcome, attempt, endedAt) ->
            outcome.retryable() && attempt < 3 ? endedAt.plusSeconds(120) : null;
    static final RetryPlanner NO_RETRY = (campaign, outcome, attempt, endedAt) -> null;

    private final CampaignStore store;

    StoreFixture(CampaignStore store) {
        this.store = store;
    }

    static String phone(int i) {
        String digits = Integer.toString(10_000 + i % 10_000).substring(1);
        return "+1415" + (555 + i / 10_000) + digits;
    }

    static List<String> numbers(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> String.format("+1555000%04d", i)).toList();
    }

    /** A source of {@code count} contacts, {@code +14155550001} onwards, in batches of 100. */
    static ContactSource contacts(int count) {
        return sink -> {
            List<ImportedContact> batch = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                batch.add(new ImportedContact(i, phone(i), List.of("Name " + i, "Acme \"" + i + "\", Inc")));
                if (batch.size() == 100) {
                    sink.accept(List.copyOf(batch));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                sink.accept(List.copyOf(batch));
            }
            return new ContactSource.ImportResult(COLUMNS, new ImportSummary(count, count, 0, 0, List.of()));
        };
    }

    Campaign draft(String org, int contacts, int maxConcurrency) {
        return store.createCampaign(new NewCampaign(org, "June outreach", 247, "campaigns/" + org + "/contacts.csv",
                maxConcurrency, null, RetryConfig.ofDefaults(), null, null, T0), contacts(contacts));
    }

    Campaign running(String org, int contacts, int maxConcurrency) {
        Campaign draft = draft(org, contacts, maxConcurrency);
        return store.updateCampaign(org, draft.id(), c -> CampaignChange.none(c).toStatus(CampaignStatus.RUNNING, null, T0));
    }

    ClaimResult claim(Campaign campaign, Instant now, int maxCalls) {
        return claim(campaign, "node-1", now, maxCalls, 1000, numbers(100));
    }

    ClaimResult claim(Campaign campaign, String node, Instant now, int maxCalls, int orgLimit, List<String> numbers) {
        return store.claim(new ClaimRequest(campaign.id(), node, now, now.plus(LEASE), maxCalls, orgLimit, numbers));
    }

    ClaimResult claim(Campaign campaign, Instant now, int maxCalls, List<String> numbers, int maxCallsPerNumber) {
        return store.claim(new ClaimRequest(campaign.id(), "node-1", now, now.plus(LEASE), maxCalls, 1000, numbers,
                maxCallsPerNumber));
    }

    /** Hands claimed calls over to the telephony at their start, as the engine does just before dialling. */
    List<String> handOver(List<CallSession> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        return store.handOver(new HandOverRequest(calls.stream().map(CallSession::sessionId).toList(),
                calls.get(0).startedAt(), null)).handedOver();
    }

    RecordResult report(String sessionId, CallOutcome outcome, Instant now) {
        return report(sessionId, CallResult.of(outcome), now, RETRY_TWICE);
    }

    RecordResult report(String sessionId, CallResult result, Instant now, RetryPlanner planner) {
        return store.recordOutcome(new OutcomeReport(sessionId, result, now, planner, 0));
    }

    Campaign reload(Campaign campaign) {
        return store.findCampaign(campaign.orgId(), campaign.id()).orElseThrow();
    }
}
