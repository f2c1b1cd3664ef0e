package io.outbound.campaign.internal.engine;

import com.github.benmanes.caffeine.cache.Cache;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.events.StoreOperation;
import io.outbound.campaign.internal.calendar.CallingCalendar;
import io.outbound.campaign.rules.CampaignLifecycle;
import io.outbound.campaign.spi.CampaignChange;
import io.outbound.campaign.spi.CallerPool;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.ClaimResult;
import io.outbound.campaign.spi.ClaimRules;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's dispatcher: for every running campaign, inside its calling hours, claims due contacts through
 * the store's one atomic claim (which enforces every cap across nodes) and queues them in the node's
 * {@link DialPool}, which hands them to the telephony. It never dials and never waits for a dial: it claims
 * only what the pool has room for (about one dial per place), and the pool wakes it when a line needs topping up.
 *
 * <p>{@link #dispatch()} does all the claiming due now and says when more falls due, so the same code runs
 * on the engine's own thread and under a test kit moving a manual clock.
 */
final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** The status reason of a running campaign whose dials wait for their configuration's pace. */
    static final String PACED_REASON = "dialling paced: ";
    /** The status reason of a running campaign some of whose contacts wait for their local calling hours. */
    static final String LOCAL_HOURS_REASON = "waiting for local calling hours: ";
    /** Why a campaign's waiting calls go back when its calling hours are closed. */
    private static final String CLOSED = "its calling hours are closed";
    /** How long after its last dial held back by pacing a campaign still says it is paced. */
    private static final Duration PACED_MEMORY = Duration.ofSeconds(5);

    private final EngineSettings settings;
    private final CalendarCache calendars;
    private final DialPool dials;
    private final Cache<ContactRulesPlan.Key, ContactRulesPlan> plans = ContactRulesPlan.cache();
    private final EngineEvents events;
    private final EngineTiming timing;
    private int rotation;
    /** Whether this pass left a running campaign with fewer calls than it asked for while contacts wait. */
    private boolean heldBack;

    Dispatcher(EngineSettings settings, CalendarCache calendars, DialPool dials, EngineEvents events,
               EngineTiming timing) {
        this.settings = settings;
        this.calendars = calendars;
        this.dials = dials;
        this.events = events;
        this.timing = timing;
    }

    /**
     * Claims due contacts of every running campaign, as many as the dial pool has room for, starting each pass
     * with another campaign so that none is always served first.
     *
     * @return the earliest instant at which more work is known to fall due (a retry, a slot opening), or
     *         {@code null} when only an outcome, a finished dial or a caller's action can create work
     */
    synchronized Instant dispatch() {
        List<Campaign> running = settings.store().runningCampaigns();
        Set<Long> ids = new HashSet<>();
        running.forEach(c -> ids.add(c.id()));
        dials.retainCampaigns(ids);
        Instant next = null;
        int n = running.size();
        heldBack = false;
        for (int i = 0; i < n; i++) {
            Campaign campaign = running.get(Math.floorMod(rotation + i, n));
            try {
                next = earliest(next, dispatch(campaign, n));
            } catch (RuntimeException e) {
                // One campaign's failure (its store rows, a host SPI throwing) must not starve the others.
                log.warn("dispatch of campaign {} failed", campaign.id(), e);
                heldBack = true;
            }
        }
        // While every campaign either filled its line or waits for its hours, a dial ending wakes the next pass
        // only when a line is down to its top-up level: a pass that would claim nothing costs a listing.
        dials.heldBack(heldBack);
        rotation++;
        return next;
    }

    private Instant dispatch(Campaign campaign, int runningCampaigns) {
        CallingCalendar calendar = calendars.of(campaign.callingHours());
        Instant checkedAt = settings.clock().instant();
        Instant opensAt = calendar.nextOpening(checkedAt);
        if (opensAt == null || opensAt.isAfter(checkedAt)) {
            // Outside calling hours nothing is claimed, so the host's lookups below are not needed yet; calls
            // claimed before (under these hours, or under hours since changed) and still waiting go back.
            dials.giveBackWaiting(campaign.id(), window -> true, CLOSED);
            return opensAt;
        }
        Optional<CallerPool> found = settings.telephonyConfigs()
                .callerPool(campaign.orgId(), campaign.telephonyConfigurationId());
        String fatal = TelephonyCheck.problem(campaign, found);
        if (fatal != null) {
            fail(campaign, fatal);
            return null;
        }
        CallerPool pool = found.get();
        int orgLimit = settings.orgLimits().concurrentCallLimit(campaign.orgId());
        ContactRulesPlan plan = ContactRulesPlan.of(plans, campaign, calendar);
        // Calls claimed under calling hours or contact rules an update has changed since may not start under them.
        dials.giveBackWaiting(campaign.id(), window -> !window.plan().sameAs(plan),
                "its calling hours or contact rules changed after they were claimed");
        showWaiting(campaign, pool, plan.at(checkedAt), checkedAt);
        while (true) {
            Instant now = settings.clock().instant();
            if (!calendar.isOpen(now)) {
                dials.giveBackWaiting(campaign.id(), window -> true, CLOSED);
                return calendar.nextOpening(now);
            }
            int room = dials.room(campaign.id(), pool, runningCampaigns);
            if (room == 0) {
                return null;     // the pool wakes the dispatcher when the line is down to its top-up level
            }
            int batch = Math.min(Math.min(settings.claimBatchSize(), campaign.maxConcurrency()), room);
            ClaimRequest request = new ClaimRequest(campaign.id(), settings.leaseOwner(), now,
                    now.plus(settings.leaseTimeout()), batch, orgLimit, pool.numbers(), pool.maxCallsPerNumber(),
                    plan.at(now));
            ClaimResult claim = timing.time(StoreOperation.CLAIM, () -> settings.store().claim(request));
            events.claimed(request, claim);
            ClaimRules rules = request.rules();
            dials.enqueue(campaign, pool, claim.calls(), new DialWindow(calendar, plan, request.rules()));
            // Contacts set aside (skipped, or held by a limit) took the place of calls: more may be due at once.
            if (claim.calls().size() + claim.setAside() < batch
                    || claim.campaign().status() != CampaignStatus.RUNNING) {
                // Held below what it asked for while contacts wait (a cap, a closed zone, a retry): a freed place
                // or slot may change that. With nothing left to claim it cannot, and the outcomes end the campaign.
                CampaignProgress left = claim.campaign().progress();
                heldBack |= claim.campaign().status() == CampaignStatus.RUNNING
                        && (left.pending() > 0 || left.retryScheduled() > 0);
                return earliest(claim.nextRetryAt(), ContactRulesPlan.nextOpening(rules));
            }
        }
    }

    /**
     * Says in a running campaign's status reason what its dials wait for, writing only when that changes: their
     * configuration's pace, or (failing that) the local calling hours of some of its contacts' zones. A reason
     * the engine did not write this way is left alone.
     */
    private void showWaiting(Campaign campaign, CallerPool pool, ClaimRules rules, Instant now) {
        String text = null;
        if (pool.paced() && dials.pacedSince(campaign.id(), now.minus(PACED_MEMORY))) {
            text = PACED_REASON + (campaign.telephonyConfigurationId() == null
                    ? "the default telephony configuration"
                    : "telephony configuration " + campaign.telephonyConfigurationId())
                    + " allows " + String.format(Locale.ROOT, "%s", pool.callsPerSecond()) + " calls per second";
        } else {
            long closed = rules.zones().stream().filter(z -> z.closedUntil() != null).count();
            if (closed > 0) {
                text = LOCAL_HOURS_REASON + "contacts of " + closed + " of " + rules.zones().size()
                        + " time zones; the next opens at " + ContactRulesPlan.nextOpening(rules);
            }
        }
        String reason = campaign.statusReason();
        if (Objects.equals(reason, text) || text == null && !isWaitingReason(reason)) {
            return;
        }
        String shown = text;
        settings.store().updateCampaign(campaign.orgId(), campaign.id(), c -> {
            boolean ours = c.statusReason() == null || isWaitingReason(c.statusReason());
            return c.status() == CampaignStatus.RUNNING && ours && !Objects.equals(c.statusReason(), shown)
                    ? CampaignChange.none(c).toStatus(CampaignStatus.RUNNING, shown, now) : CampaignChange.none(c);
        });
    }

    private static boolean isWaitingReason(String reason) {
        return reason != null && (reason.startsWith(PACED_REASON) || reason.startsWith(LOCAL_HOURS_REASON));
    }

    private void fail(Campaign campaign, String reason) {
        Instant now = settings.clock().instant();
        events.updateCampaign(settings.store(), campaign.orgId(), campaign.id(),
                c -> CampaignChange.none(CampaignLifecycle.failed(c, reason, now)));
        log.warn("campaign {} failed: {}", campaign.id(), reason);
    }

    static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
