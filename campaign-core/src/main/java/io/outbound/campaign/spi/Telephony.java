package io.outbound.campaign.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Places calls through the host's telephony provider.
 *
 * <p>{@link #dial} returns as soon as the provider has accepted the call; the call's outcome arrives
 * later, on any engine node, through {@code engine.calls().report(sessionId, result)}. A dial that
 * throws is recorded as a {@code failed} attempt with the exception's message as the reason; it is
 * not retried as a dial (the retry policy decides, and {@code failed} is never retried).
 *
 * <p>The engine calls it on a bounded pool of dial threads per node ({@code dialConcurrency}), never on
 * the thread that claims contacts or renews leases, so a slow or hung provider delays only its own
 * dials. A dial that has not returned after the engine's {@code dialTimeout} ends its attempt as
 * {@code failed} ("dial timed out"); the engine interrupts the dialling thread, and an outcome reported
 * for the session afterwards is recorded as late. Implementations are thread-safe, use the session id as
 * the provider's idempotency key, and should give their own HTTP client a timeout shorter than the
 * engine's.
 */
@FunctionalInterface
public interface Telephony {

    /**
     * Places the call.
     *
     * @param request what to dial, with the session id to report the outcome under
     * @throws RuntimeException when the provider refused or could not be reached
     */
    void dial(CallRequest request);

    /**
     * Places the call without holding a thread while the provider answers, for hosts with an asynchronous
     * HTTP client. The stage completes when the provider accepted the call, or exceptionally when it
     * refused; the engine counts the dial against {@code dialConcurrency} until then, and cancels the
     * stage when it times out. The default runs {@link #dial} on the calling dial thread.
     *
     * @param request what to dial, with the session id to report the outcome under
     * @return a stage completed when the provider accepted the call
     */
    default CompletionStage<Void> dialAsync(CallRequest request) {
        dial(request);
        return CompletableFuture.completedFuture(null);
    }
}
