package io.outbound.campaign.spi;

import io.outbound.campaign.AttemptLimit;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The contact rules a claim applies, worked out by the engine for the claim's instant from the campaign's
 * {@link io.outbound.campaign.ContactRules}, its calling hours and each zone's legal window. The store decides
 * nothing about law or time zones: it applies these to each candidate contact, in this order, in the same atomic
 * operation as the claim.
 *
 * <ol>
 *   <li>The contact's zone ({@link ImportedContact#zone()}): a zone that is {@linkplain ZoneRule#skipReason
 *       skipped} makes the contact final as {@code skipped} with that reason; a {@linkplain ZoneRule#closedUntil
 *       closed} zone's contacts are not claimed, and a due retry of one is moved to when the zone opens.</li>
 *   <li>With {@code respectSuppression}, a number on the organisation's suppression list makes the contact final
 *       as {@code skipped}, with the suppression's reason.</li>
 *   <li>Each limit of {@code attemptLimits} and of the zone's rule: when the organisation's dials to the number
 *       (sessions started, in any campaign, and not returned undialled) within the limit's period before
 *       {@code now} already number {@code max_attempts}, the contact waits ({@code retry_scheduled}) until enough
 *       of them leave the period, and says why. Counted under the organisation's claim lock, so two nodes
 *       cannot both place the call over a limit.</li>
 * </ol>
 *
 * @param zones              the rule of each zone of the campaign, by index; a zone past the list's end is open
 *                           without limits of its own
 * @param attemptLimits      limits applying to every contact
 * @param respectSuppression whether suppressed numbers are skipped
 */
public record ClaimRules(List<ZoneRule> zones, List<AttemptLimit> attemptLimits, boolean respectSuppression) {

    /** No rules: every contact may be claimed. */
    public static final ClaimRules NONE = new ClaimRules(List.of(), List.of(), false);

    public ClaimRules {
        zones = List.copyOf(zones);
        attemptLimits = List.copyOf(attemptLimits);
    }

    /** The rule of the zone with the index. */
    public ZoneRule zone(int index) {
        return index >= 0 && index < zones.size() ? zones.get(index) : ZoneRule.OPEN;
    }

    /** Whether contacts of every zone may be claimed now (none closed, none skipped). */
    public boolean allZonesOpen() {
        return zones.stream().allMatch(ZoneRule::open);
    }

    /** Whether a claim must look at each candidate's number (suppression or a limit applies). */
    public boolean checksNumbers() {
        return respectSuppression || !attemptLimits.isEmpty()
                || zones.stream().anyMatch(z -> !z.attemptLimits().isEmpty());
    }

    /**
     * What may be done with the contacts of one zone at the claim's instant.
     *
     * @param closedUntil   when the zone's window opens, when it is closed now; {@code null} when open
     * @param skipReason    why the zone's contacts can never be called (final {@code skipped}), or {@code null}
     * @param attemptLimits limits applying to the zone's contacts besides the campaign's (a jurisdiction's)
     * @param describe      how the zone's window reads to a person (for reasons), or {@code null}
     */
    public record ZoneRule(Instant closedUntil, String skipReason, List<AttemptLimit> attemptLimits, String describe) {

        /** Open, no limits of its own. */
        public static final ZoneRule OPEN = new ZoneRule(null, null, List.of(), null);

        public ZoneRule {
            attemptLimits = List.copyOf(attemptLimits);
            if (closedUntil != null && skipReason != null) {
                throw new IllegalArgumentException("a zone is either closed until an instant or skipped, not both");
            }
        }

        /** Whether its contacts may be claimed now. */
        public boolean open() {
            return closedUntil == null && skipReason == null;
        }

        /** Open with these limits. */
        public static ZoneRule open(List<AttemptLimit> limits, String describe) {
            return new ZoneRule(null, null, limits, describe);
        }

        /** Closed until the instant. */
        public static ZoneRule closedUntil(Instant opens, List<AttemptLimit> limits, String describe) {
            return new ZoneRule(Objects.requireNonNull(opens, "opens"), null, limits, describe);
        }

        /** Never callable, for the reason. */
        public static ZoneRule skipped(String reason) {
            return new ZoneRule(null, Objects.requireNonNull(reason, "reason"), List.of(), null);
        }
    }
}
