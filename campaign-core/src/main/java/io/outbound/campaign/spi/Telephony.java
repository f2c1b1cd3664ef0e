package io.outbound.campaign.spi;

/**
 * Places calls through the host's telephony provider.
 *
 * <p>{@link #dial} returns as soon as the provider has accepted the call; the call's outcome arrives
 * later, on any engine node, through {@code engine.calls().report(sessionId, result)}. A dial that
 * throws is recorded as a {@code failed} attempt with the exception's message as the reason; it is
 * not retried as a dial (the retry policy decides, and {@code failed} is never retried).
 *
 * <p>Called from the engine's dispatch threads, possibly concurrently; implementations are thread-safe.
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
}
