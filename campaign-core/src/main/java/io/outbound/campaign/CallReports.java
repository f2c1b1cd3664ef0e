package io.outbound.campaign;

import io.outbound.campaign.spi.RecordResult;

/**
 * Where call outcomes come in, typically from a telephony provider's webhook, on any engine node.
 */
@FunctionalInterface
public interface CallReports {

    /**
     * Records a call's outcome: ends the session, frees its concurrency slot and caller number, updates the
     * contact and the counters, schedules a retry per the campaign's retry config, and completes the campaign
     * when nothing is left, all in one store operation. A second report of the same session changes nothing.
     *
     * @param sessionId the session id from the {@code CallRequest}
     * @param result    the outcome
     * @return {@code RECORDED}; {@code DUPLICATE} when the session already had an outcome; {@code LATE} when the
     *         session had been closed as lost (its node died) and this is its real outcome
     * @throws CampaignException (and nothing else) {@code VALIDATION_FAILED} naming each field of a report that
     *                           no store could keep or that describes no real call, or a blank session id, or a
     *                           missing result (see {@link io.outbound.campaign.rules.ReportRules}; nothing is
     *                           recorded, and the same report will be refused again); {@code NOT_FOUND} for an
     *                           unknown session or an id no session can have; {@code STORE_UNAVAILABLE} when
     *                           the store failed (nothing was recorded, or it was and a retry returns
     *                           {@code DUPLICATE}); the caller may retry
     */
    RecordResult.Kind report(String sessionId, CallResult result);
}
