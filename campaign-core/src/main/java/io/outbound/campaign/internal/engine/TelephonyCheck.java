package io.outbound.campaign.internal.engine;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.spi.CallerPool;
import java.util.Optional;

/** The fatal telephony problems that fail a campaign: an unknown configuration, no caller numbers. */
final class TelephonyCheck {
    private TelephonyCheck() {
    }

    /** The reason the campaign cannot dial, or {@code null} when it can. */
    static String problem(Campaign campaign, Optional<CallerPool> pool) {
        String config = campaign.telephonyConfigurationId() == null ? "the default telephony configuration"
                : "telephony configuration " + campaign.telephonyConfigurationId();
        if (pool.isEmpty()) {
            return config + " is unknown for organisation '" + campaign.orgId() + "'";
        }
        if (pool.get().numbers().isEmpty()) {
            return config + " of organisation '" + campaign.orgId() + "' has no caller numbers";
        }
        return null;
    }
}
