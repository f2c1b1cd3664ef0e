package io.outbound.campaign.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One call for the {@link Telephony} to place.
 *
 * @param sessionId                the call session id: report the outcome under it, and use it as the
 *                                 provider's idempotency key (a retried dial of the same session must not
 *                                 place a second call)
 * @param orgId                    the organisation
 * @param campaignId               the campaign
 * @param toNumber                 the contact's number, E.164
 * @param callerNumber             the caller number to present, E.164, held for this call until it ends
 * @param workflowId               the voice agent to run
 * @param telephonyConfigurationId the telephony configuration, or {@code null} for the organisation's default
 * @param attempt                  1 for the first attempt, 2 for the first retry, ...
 * @param initialContext           the contact's other columns, in file order, for the agent's
 *                                 {@code {{column}}} variables
 */
public record CallRequest(
        String sessionId,
        String orgId,
        long campaignId,
        String toNumber,
        String callerNumber,
        long workflowId,
        Long telephonyConfigurationId,
        int attempt,
        Map<String, String> initialContext) {

    public CallRequest {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(toNumber, "toNumber");
        initialContext = initialContext == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(initialContext));
    }
}
