package io.outbound.campaign.benchmarks;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallReports;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.spi.CallRequest;
import io.outbound.campaign.spi.Telephony;
import java.util.concurrent.atomic.LongAdder;

/**
 * A telephony whose every call is answered and completed at once: {@link #dial} reports the outcome itself,
 * re-entrantly, before returning. What is left to measure is the engine and its store.
 */
final class InstantTelephony implements Telephony {

    private static final CallResult COMPLETED = CallResult.of(CallOutcome.COMPLETED);

    private final LongAdder dials = new LongAdder();
    private volatile CallReports reports;

    /** Where outcomes go: the engine's {@code calls()}, known only once the engine is built. */
    void connect(CallReports reports) {
        this.reports = reports;
    }

    @Override
    public void dial(CallRequest request) {
        dials.increment();
        reports.report(request.sessionId(), COMPLETED);
    }

    long dials() {
        return dials.sum();
    }
}
