package io.outbound.campaign.memory;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.rules.ContactFacts;
import io.outbound.campaign.rules.ContactState;
import io.outbound.campaign.rules.CounterDelta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** A campaign, its contacts and sessions, and what it keeps beside its progress. */
final class CampaignState {
    Campaign campaign;
    final List<ContactRow> contacts;
    final TreeSet<ContactRow> retries = new TreeSet<>(
            Comparator.comparing((ContactRow c) -> c.facts.nextAttemptAt()).thenComparingLong(c -> c.seq));
    final List<SessionState> sessions = new ArrayList<>();
    int nextFresh;
    int failureStreak;

    CampaignState(Campaign campaign, List<ContactRow> contacts) {
        this.campaign = campaign;
        this.contacts = contacts;
    }

    /** Moves a contact to its next facts and the counters by the decision's delta. */
    void move(ContactRow contact, ContactFacts next, CounterDelta delta) {
        ContactState from = contact.facts.state();
        if (from == ContactState.RETRY_SCHEDULED) {
            retries.remove(contact);
        }
        contact.facts = next;
        if (next.state() == ContactState.RETRY_SCHEDULED) {
            retries.add(contact);
        } else if (next.state() == ContactState.PENDING) {
            nextFresh = Math.min(nextFresh, contact.index);
        }
        campaign = campaign.withProgress(delta.applyTo(campaign.progress(), campaign.status()));
    }

    /** The next contact to dial: the earliest due retry, else the next fresh contact in file order. */
    ContactRow nextDue(Instant now) {
        if (!retries.isEmpty() && !retries.first().facts.nextAttemptAt().isAfter(now)) {
            return retries.first();
        }
        while (nextFresh < contacts.size()) {
            ContactRow c = contacts.get(nextFresh++);
            if (c.facts.state() == ContactState.PENDING) {
                return c;
            }
        }
        return null;
    }

    Instant nextRetryAfter(Instant now) {
        return retries.stream().map(c -> c.facts.nextAttemptAt()).filter(t -> t.isAfter(now)).findFirst()
                .orElse(null);
    }
}
