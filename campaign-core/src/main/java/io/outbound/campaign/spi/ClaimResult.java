package io.outbound.campaign.spi;

import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import java.time.Instant;
import java.util.List;

/**
 * What a claim took.
 *
 * @param campaign    the campaign after the claim (counters and status; {@code completed} when the claim
 *                    found nothing pending, in flight or waiting for a retry)
 * @param calls       the new sessions, in flight, each with its caller number; due retries first (oldest
 *                    first), then fresh contacts in file order
 * @param nextRetryAt the earliest retry falling due after {@code now}, or {@code null} when none waits
 * @param setAside    candidates the claim's {@link ClaimRules} held back or skipped instead of calling: when
 *                    {@code calls + setAside} reached the request's {@code maxCalls}, more may be due at once
 * @param skipped     the candidates among those set aside that became final as {@code skipped}, with their reasons
 *                    (the engine tells listeners)
 */
public record ClaimResult(Campaign campaign, List<CallSession> calls, Instant nextRetryAt, int setAside,
                          List<SkippedContact> skipped) {

    /** A claim that set nothing aside. */
    public ClaimResult(Campaign campaign, List<CallSession> calls, Instant nextRetryAt) {
        this(campaign, calls, nextRetryAt, 0, List.of());
    }

    public ClaimResult {
        calls = List.copyOf(calls);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }
}
