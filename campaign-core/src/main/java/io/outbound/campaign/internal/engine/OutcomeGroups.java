package io.outbound.campaign.internal.engine;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.spi.RecordResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records outcomes reported at the same time in groups, one store operation per group (group commit): the
 * threads reporting are the workers, and no thread or timer is added. A report arriving while no group is being
 * recorded is recorded at once, alone, so a lone report waits for nothing. Reports arriving while a group is
 * being recorded queue up; when the group ends, its leader hands the lead to the first report waiting, whose
 * thread records everything queued by then (up to {@link #MAX_GROUP}, one report per session) as the next group.
 * A leader records at most its own group and the groups its own report was deferred from, so no reporting thread
 * works for others indefinitely.
 *
 * <p>Each caller gets its own report's result, or the exception that recording its group threw (the store then
 * recorded all of the group or, for a store that records one by one, part of it; a retried report answers
 * {@code DUPLICATE} when it was recorded).
 */
final class OutcomeGroups {
    /** The most reports recorded in one store operation. */
    static final int MAX_GROUP = 64;

    private final CampaignStore store;
    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean leading;

    OutcomeGroups(CampaignStore store) {
        this.store = store;
    }

    /**
     * Records the report, in a group with others reported meanwhile; what recording it did. The leader's own
     * report is always the oldest queued, so it is in the group it records.
     */
    RecordResult record(OutcomeReport report) {
        Pending mine = new Pending(report);
        synchronized (lock) {
            queue.add(mine);
            if (!leading) {
                leading = true;
                mine.promote();
            }
        }
        while (true) {
            if (mine.awaitDoneOrLead()) {
                return mine.result();
            }
            List<Pending> group = takeGroup();
            record(group);
            if (mine.isDone()) {
                // The lead passes to the oldest report waiting, or lapses.
                synchronized (lock) {
                    Pending next = queue.peek();
                    if (next == null) {
                        leading = false;
                    } else {
                        next.promote();
                    }
                }
            }
        }
    }

    /** How many reports wait for a group (for tests). */
    int waiting() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** The reports queued now, oldest first, one per session, up to {@link #MAX_GROUP}. */
    private List<Pending> takeGroup() {
        List<Pending> group = new ArrayList<>();
        Set<String> sessions = new HashSet<>();
        synchronized (lock) {
            Iterator<Pending> waiting = queue.iterator();
            while (waiting.hasNext() && group.size() < MAX_GROUP) {
                Pending p = waiting.next();
                if (sessions.add(p.report.sessionId())) {
                    group.add(p);
                    waiting.remove();
                }
            }
        }
        return group;
    }

    private void record(List<Pending> group) {
        try {
            if (group.size() == 1) {
                group.get(0).complete(store.recordOutcome(group.get(0).report), null);
                return;
            }
            Map<String, RecordResult> results = store.recordOutcomes(group.stream().map(p -> p.report).toList());
            for (Pending p : group) {
                RecordResult result = results.get(p.report.sessionId());
                p.complete(result, result != null ? null : new CampaignException(ErrorCode.NOT_FOUND,
                        "call session '" + p.report.sessionId() + "' not found"));
            }
        } catch (RuntimeException | Error e) {
            for (Pending p : group) {
                if (!p.isDone()) {
                    p.complete(null, e);
                }
            }
        }
    }

    /** A report waiting to be recorded, and then its result. */
    private static final class Pending {
        final OutcomeReport report;
        private boolean lead;
        private boolean done;
        private RecordResult result;
        private Throwable failure;

        Pending(OutcomeReport report) {
            this.report = report;
        }

        synchronized void complete(RecordResult recorded, Throwable failed) {
            result = recorded;
            failure = failed;
            done = true;
            notifyAll();
        }

        synchronized boolean isDone() {
            return done;
        }

        synchronized void promote() {
            lead = true;
            notifyAll();
        }

        /** Waits until recorded ({@code true}) or asked to lead ({@code false}). */
        synchronized boolean awaitDoneOrLead() {
            boolean interrupted = false;
            try {
                while (!done && !lead) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // The report is in a group another thread records: wait for it, then keep the interrupt.
                        interrupted = true;
                    }
                }
                return done;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        synchronized RecordResult result() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return result;
        }
    }
}
