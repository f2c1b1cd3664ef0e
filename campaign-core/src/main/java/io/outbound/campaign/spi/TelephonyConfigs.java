package io.outbound.campaign.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The caller numbers of an organisation's telephony configurations. Each call holds one caller number
 * from dial to outcome, so the number count caps an organisation's simultaneous calls.
 */
@FunctionalInterface
public interface TelephonyConfigs {

    /**
     * The caller numbers (E.164) of a configuration.
     *
     * @param orgId           the organisation
     * @param configurationId the configuration, or {@code null} for the organisation's default
     * @return the numbers; empty when the configuration is unknown (a campaign using it fails with a reason)
     */
    Optional<List<String>> callerNumbers(String orgId, Long configurationId);

    /** The same numbers for every organisation's default configuration; other configuration ids are unknown. */
    static TelephonyConfigs defaultNumbers(List<String> numbers) {
        List<String> copy = List.copyOf(numbers);
        return (org, id) -> id == null ? Optional.of(copy) : Optional.empty();
    }

    /** Numbers per organisation for its default configuration; other organisations have none. */
    static TelephonyConfigs perOrganisation(Map<String, List<String>> numbers) {
        Map<String, List<String>> copy = Map.copyOf(numbers);
        return (org, id) -> id == null ? Optional.ofNullable(copy.get(org)).map(List::copyOf) : Optional.empty();
    }
}
