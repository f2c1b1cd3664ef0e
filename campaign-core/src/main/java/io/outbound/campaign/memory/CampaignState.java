package io.outbound.campaign.memory;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.rules.CallRules;
import io.outbound.campaign.rules.ContactFacts;
import io.outbound.campaign.rules.ContactState;
import io.outbound.campaign.rules.CounterDelta;
import io.outbound.campaign.spi.ClaimRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * A campaign, its contacts and sessions, and what it keeps beside its progress. Fresh contacts are reached per
 * zone, each zone with its own position, so that a claim while some zones are closed reads only the open zones'
 * contacts.
 */
final class CampaignState {
    /** The campaign, its counters as of the last {@link #campaign()}: read it through that method. */
    private Campaign campaign;
    /** The counters' changes since, a {@link CounterDelta}'s fields in order: folded in on the next read. */
    private final long[] unfolded = new long[7];
    private boolean folded = true;
    final List<ContactRow> contacts;
    final TreeSet<ContactRow> retries = new TreeSet<>(
            Comparator.comparing((ContactRow c) -> c.facts.nextAttemptAt()).thenComparingLong(c -> c.seq));
    final List<SessionState> sessions = new ArrayList<>();
    private final List<List<ContactRow>> byZone = new ArrayList<>();
    private final int[] nextFresh;
    int failureStreak;

    CampaignState(Campaign campaign, List<ContactRow> contacts) {
        this.campaign = campaign;
        this.contacts = contacts;
        for (ContactRow c : contacts) {
            while (byZone.size() <= c.zone) {
                byZone.add(new ArrayList<>());
            }
            c.zoneIndex = byZone.get(c.zone).size();
            byZone.get(c.zone).add(c);
        }
        nextFresh = new int[byZone.size()];
    }

    /** The campaign with its current counters. */
    Campaign campaign() {
        if (!folded) {
            set(campaign.withProgress(new CounterDelta(unfolded[0], unfolded[1], unfolded[2], unfolded[3],
                    unfolded[4], unfolded[5], unfolded[6]).applyTo(campaign.progress(), campaign.status())));
        }
        return campaign;
    }

    /** The campaign's settings, organisation and status, without folding its counters (which may lag). */
    Campaign settings() {
        return campaign;
    }

    /** Replaces the campaign, whose counters include every move made so far. */
    void set(Campaign next) {
        campaign = next;
        Arrays.fill(unfolded, 0);
        folded = true;
    }

    /**
     * Moves a contact to its next facts and the counters by the decision's delta, folded into the campaign when it
     * is next read (a claim moves many contacts and builds its campaign once).
     */
    void move(ContactRow contact, ContactFacts next, CounterDelta delta) {
        ContactState from = contact.facts.state();
        if (from == ContactState.RETRY_SCHEDULED) {
            retries.remove(contact);
        }
        contact.facts = next;
        if (next.state() == ContactState.RETRY_SCHEDULED) {
            retries.add(contact);
        } else if (next.state() == ContactState.PENDING) {
            nextFresh[contact.zone] = Math.min(nextFresh[contact.zone], contact.zoneIndex);
        }
        if (!delta.isNone()) {
            unfolded[0] += delta.pending();
            unfolded[1] += delta.inProgress();
            unfolded[2] += delta.retryScheduled();
            unfolded[3] += delta.completed();
            unfolded[4] += delta.failed();
            unfolded[5] += delta.skipped();
            unfolded[6] += delta.answered();
            folded = false;
        }
    }

    /**
     * The next contact to examine: the earliest due retry of a zone not closed, else the first fresh contact in file
     * order among the zones not closed. A due retry of a closed zone is moved to its zone's opening on the way.
     */
    ContactRow nextDue(Instant now, ClaimRules rules) {
        while (!retries.isEmpty() && !retries.first().facts.nextAttemptAt().isAfter(now)) {
            ContactRow due = retries.first();
            Instant opens = rules.zone(due.zone).closedUntil();
            if (opens == null) {
                return due;
            }
            move(due, CallRules.held(due.facts, opens, CallRules.OUTSIDE_LOCAL_HOURS), CounterDelta.NONE);
        }
        ContactRow first = null;
        for (int zone = 0; zone < byZone.size(); zone++) {
            if (rules.zone(zone).closedUntil() != null) {
                continue;
            }
            List<ContactRow> row = byZone.get(zone);
            while (nextFresh[zone] < row.size() && row.get(nextFresh[zone]).facts.state() != ContactState.PENDING) {
                nextFresh[zone]++;
            }
            if (nextFresh[zone] < row.size() && (first == null || row.get(nextFresh[zone]).index < first.index)) {
                first = row.get(nextFresh[zone]);
            }
        }
        return first;
    }

    Instant nextRetryAfter(Instant now) {
        return retries.stream().map(c -> c.facts.nextAttemptAt()).filter(t -> t.isAfter(now)).findFirst()
                .orElse(null);
    }
}
