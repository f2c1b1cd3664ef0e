package io.outbound.campaign.spi;

/** How a telephony configuration's caller numbers are shared between calls in flight. */
public enum CallerIdMode {
    /** Each call holds its caller number until it ends: one call per number at a time. */
    EXCLUSIVE,
    /**
     * Numbers are shared: each call takes the least-used number of the pool, up to
     * {@link CallerPool#maxCallsPerNumber()} calls per number at once, so that numbers rotate.
     */
    SHARED
}
