package io.outbound.campaign.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The pace of one telephony configuration: at most one dial handed over per {@code interval}, counted by
 * the store across every node.
 *
 * @param orgId           the organisation
 * @param configurationId its telephony configuration, or {@code null} for its default
 * @param interval        the least time between two dials of the configuration, positive
 */
public record DialPacing(String orgId, Long configurationId, Duration interval) {

    public DialPacing {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
    }

    /** The key a store keeps the configuration's next free dial instant under. */
    public String key() {
        return configurationId == null ? "default" : configurationId.toString();
    }
}
