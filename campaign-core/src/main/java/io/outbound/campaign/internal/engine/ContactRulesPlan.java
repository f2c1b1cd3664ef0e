package io.outbound.campaign.internal.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.outbound.campaign.AttemptLimit;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CallingHours;
import io.outbound.campaign.ContactRules;
import io.outbound.campaign.Jurisdiction;
import io.outbound.campaign.internal.calendar.CallingCalendar;
import io.outbound.campaign.internal.local.ContactZone;
import io.outbound.campaign.internal.local.JurisdictionRules;
import io.outbound.campaign.internal.local.LocalWindow;
import io.outbound.campaign.internal.local.LocalWindows;
import io.outbound.campaign.spi.ClaimRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A campaign's contact rules compiled against its zones and calling hours: for each zone, the window in which its
 * contacts may be called (the campaign's calling hours and the jurisdiction's hours in every candidate zone of the
 * contact) and the limits the jurisdiction adds. {@link #at} turns it into the {@link ClaimRules} of one instant.
 * Immutable; compiled once per (rules, hours, zones) and shared.
 */
final class ContactRulesPlan {

    /** The skip reason of contacts whose local time cannot be known under a jurisdiction. */
    static final String UNKNOWN_ZONE = "local time unknown: no time zone for the number under jurisdiction ";

    private final Key key;
    private final ContactRules rules;
    private final List<LocalWindow> windows;
    private final List<String> skips;
    private final List<List<AttemptLimit>> limits;
    private final List<String> descriptions;
    private final boolean trivial;

    private ContactRulesPlan(Campaign campaign, CallingCalendar hours) {
        this.key = Key.of(campaign);
        this.rules = campaign.contactRules();
        Jurisdiction jurisdiction = rules.jurisdiction();
        int zones = jurisdiction == Jurisdiction.NONE ? 0 : campaign.contactZones().size();
        this.windows = new ArrayList<>(zones);
        this.skips = new ArrayList<>(zones);
        this.limits = new ArrayList<>(zones);
        this.descriptions = new ArrayList<>(zones);
        for (int i = 0; i < zones; i++) {
            ContactZone zone = ContactZone.parse(campaign.contactZones().get(i));
            LocalWindow legal = JurisdictionRules.window(jurisdiction, zone);
            String description = JurisdictionRules.describe(jurisdiction, zone);
            LocalWindow window = legal == null ? null : LocalWindows.allOf(List.of(hours, legal));
            String skip = legal == null ? UNKNOWN_ZONE + jurisdiction.wireName()
                    : window.nextOpening(Instant.EPOCH) == null ? "never callable: " + description
                    + " never overlaps the campaign's calling hours" : null;
            windows.add(skip == null ? window : null);
            skips.add(skip);
            limits.add(skip == null ? JurisdictionRules.impliedLimits(jurisdiction, zone) : List.of());
            descriptions.add(description);
        }
        this.trivial = zones == 0;
    }

    /** The plan of a campaign, from the cache. */
    static ContactRulesPlan of(Cache<Key, ContactRulesPlan> cache, Campaign campaign, CallingCalendar hours) {
        return cache.get(Key.of(campaign), k -> new ContactRulesPlan(campaign, hours));
    }

    /** A cache of plans. */
    static Cache<Key, ContactRulesPlan> cache() {
        return Caffeine.newBuilder().maximumSize(1_000).build();
    }

    /** What a plan is compiled from. */
    record Key(ContactRules rules, CallingHours hours, List<String> zones) {
        static Key of(Campaign campaign) {
            return new Key(campaign.contactRules(), campaign.callingHours(), campaign.contactZones());
        }
    }

    /**
     * Whether this plan was compiled from the same calling hours, contact rules and zones as {@code other} (equal
     * values; the cache may hold another instance of the same plan).
     */
    boolean sameAs(ContactRulesPlan other) {
        return this == other || key.equals(other.key);
    }

    /** The claim rules at an instant. */
    ClaimRules at(Instant now) {
        if (trivial) {
            return new ClaimRules(List.of(), rules.attemptLimits(), rules.respectSuppression());
        }
        List<ClaimRules.ZoneRule> zones = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            LocalWindow window = windows.get(i);
            if (window == null) {
                zones.add(ClaimRules.ZoneRule.skipped(skips.get(i)));
                continue;
            }
            Instant opens = window.isOpen(now) ? null : window.nextOpening(now);
            zones.add(opens == null ? ClaimRules.ZoneRule.open(limits.get(i), descriptions.get(i))
                    : ClaimRules.ZoneRule.closedUntil(opens, limits.get(i), descriptions.get(i)));
        }
        return new ClaimRules(zones, rules.attemptLimits(), rules.respectSuppression());
    }

    /**
     * Whether every zone open in {@code atClaim} (this plan's rules at some earlier instant) is open still at
     * {@code t}.
     */
    boolean stillOpen(ClaimRules atClaim, Instant t) {
        List<ClaimRules.ZoneRule> zones = atClaim.zones();
        for (int i = 0; i < zones.size() && i < windows.size(); i++) {
            LocalWindow window = windows.get(i);
            if (window != null && zones.get(i).open() && !window.isOpen(t)) {
                return false;
            }
        }
        return true;
    }

    /** The earliest opening of a zone closed in {@code claimRules}, or {@code null} when none is closed. */
    static Instant nextOpening(ClaimRules claimRules) {
        Instant next = null;
        for (ClaimRules.ZoneRule zone : claimRules.zones()) {
            next = Dispatcher.earliest(next, zone.closedUntil());
        }
        return next;
    }
}
