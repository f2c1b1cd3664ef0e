package io.outbound.campaign.spi;

import io.outbound.campaign.CallResult;
import java.time.Instant;
import java.util.Objects;

/**
 * An outcome to record, with what the store needs to apply it in one atomic operation.
 *
 * @param sessionId                     the session
 * @param result                        the outcome as reported
 * @param now                           the time of recording ({@code ended_at} when the result has none)
 * @param retryPlanner                  decides the retry
 * @param pauseAfterConsecutiveFailures pause the campaign when this many {@code failed} outcomes come in a
 *                                      row; 0 never pauses
 * @param lost                          the engine closes the session without the provider's outcome (its dial
 *                                      timed out): like a session closed by lease recovery, it then takes one
 *                                      late report ({@link RecordResult.Kind#LATE})
 */
public record OutcomeReport(
        String sessionId,
        CallResult result,
        Instant now,
        RetryPlanner retryPlanner,
        int pauseAfterConsecutiveFailures,
        boolean lost) {

    public OutcomeReport {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(retryPlanner, "retryPlanner");
    }

    /** An outcome the provider reported. */
    public OutcomeReport(String sessionId, CallResult result, Instant now, RetryPlanner retryPlanner,
                         int pauseAfterConsecutiveFailures) {
        this(sessionId, result, now, retryPlanner, pauseAfterConsecutiveFailures, false);
    }
}
