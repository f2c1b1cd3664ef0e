package io.outbound.campaign.spi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The caller numbers of an organisation's telephony configurations, and how calls share them.
 *
 * <p>The simple form is {@link #callerNumbers}: each call holds one caller number from dial to outcome, so
 * the number count caps an organisation's simultaneous calls, and dials are not paced. A host whose carrier
 * allows several calls per caller id, or caps calls per second, answers {@link #callerPool} instead (see
 * {@link #pooled}).
 *
 * <p>The engine asks on every dispatch pass of a campaign, and for its progress, so that a change of a host's
 * numbers takes effect at the next pass; answer from pools built beforehand. The default {@link #callerPool}
 * builds a pool, checking its numbers, on each call; {@link #defaultNumbers}, {@link #perOrganisation} and a
 * {@link #pooled} lookup returning prebuilt pools do not.
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

    /**
     * The caller pool of a configuration: its numbers, whether calls share them, and its dial rate. By
     * default the {@link #callerNumbers} of the configuration, exclusive and unpaced.
     *
     * @param orgId           the organisation
     * @param configurationId the configuration, or {@code null} for the organisation's default
     * @return the pool; empty when the configuration is unknown (a campaign using it fails with a reason)
     */
    default Optional<CallerPool> callerPool(String orgId, Long configurationId) {
        return callerNumbers(orgId, configurationId).map(CallerPool::exclusive);
    }

    /**
     * The same numbers for every organisation's default configuration; other configuration ids are unknown. The pool
     * is built (and its numbers checked) once, here.
     *
     * @throws IllegalArgumentException when a number repeats
     */
    static TelephonyConfigs defaultNumbers(List<String> numbers) {
        Optional<CallerPool> pool = Optional.of(CallerPool.exclusive(numbers));
        return pooled((org, id) -> id == null ? pool : Optional.empty());
    }

    /**
     * Numbers per organisation for its default configuration; other organisations have none. The pools are built
     * (and their numbers checked) once, here.
     *
     * @throws IllegalArgumentException when a number repeats within an organisation's
     */
    static TelephonyConfigs perOrganisation(Map<String, List<String>> numbers) {
        Map<String, Optional<CallerPool>> pools = new HashMap<>();
        Map.copyOf(numbers).forEach((org, list) -> pools.put(org, Optional.of(CallerPool.exclusive(list))));
        return pooled((org, id) -> id == null ? pools.getOrDefault(org, Optional.empty()) : Optional.empty());
    }

    /**
     * Configurations given as caller pools.
     *
     * <pre>{@code
     * TelephonyConfigs.pooled((org, id) -> Optional.of(CallerPool.shared(numbersOf(org), 5).withCallsPerSecond(1)))
     * }</pre>
     *
     * @param pools the pool of an organisation's configuration ({@code null} id: its default), empty when unknown
     */
    static TelephonyConfigs pooled(BiFunction<String, Long, Optional<CallerPool>> pools) {
        Objects.requireNonNull(pools, "pools");
        return new TelephonyConfigs() {
            @Override
            public Optional<List<String>> callerNumbers(String orgId, Long configurationId) {
                return callerPool(orgId, configurationId).map(CallerPool::numbers);
            }

            @Override
            public Optional<CallerPool> callerPool(String orgId, Long configurationId) {
                return Objects.requireNonNull(pools.apply(orgId, configurationId),
                        "the caller pool lookup returned null; return Optional.empty() for an unknown configuration");
            }
        };
    }
}
