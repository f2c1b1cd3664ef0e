package io.outbound.campaign.spi;

/** Each organisation's cap on simultaneous calls across all its campaigns. */
@FunctionalInterface
public interface OrgLimits {

    /** No organisation-wide cap. */
    int UNLIMITED = Integer.MAX_VALUE;

    /**
     * The organisation's cap on simultaneous calls, positive; {@link #UNLIMITED} for none.
     *
     * @param orgId the organisation
     */
    int concurrentCallLimit(String orgId);

    /** No cap for anyone. */
    static OrgLimits unlimited() {
        return org -> UNLIMITED;
    }
}
