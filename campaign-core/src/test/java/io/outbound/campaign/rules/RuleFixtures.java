package io.outbound.campaign.rules;

import io.outbound.campaign.CallSession;
import io.outbound.campaign.CallSessionStatus;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Campaigns, sessions and contacts for the rules' tests. */
final class RuleFixtures {
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private RuleFixtures() {
    }

    static Campaign campaign(CampaignStatus status, long pending, long inProgress, long retryScheduled,
                             long completed, long failed) {
        return new Campaign(7, "org-1", "Spring renewals", 42, "contacts/spring.csv", 10, null, null, null, status,
                null, List.of("name"), null, null, T0, T0, T0, null,
                CampaignProgress.of(status, pending, inProgress, retryScheduled, completed, failed, 0));
    }

    static CallSession session(String id, int attempt) {
        return new CallSession(id, 7, "+14155550100", attempt, CallSessionStatus.IN_PROGRESS, null, false,
                "+14155550999", T0, null, null, null, null, null, Map.of("name", "Ada"), null);
    }

    static ContactFacts inCall(String sessionId, int attempts) {
        return new ContactFacts(ContactState.IN_PROGRESS, attempts, null, null, false, false, sessionId);
    }
}
