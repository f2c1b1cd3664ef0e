package io.outbound.campaign.internal.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Store operations asked for at the same time done in groups, one store operation per group (group commit):
 * the calling threads are the workers, and no thread or timer is added. A request arriving while no group is
 * being done is done at once, alone, so a lone request waits for nothing. Requests arriving while a group is
 * being done queue up; when the group ends, its leader hands the lead to the oldest request waiting, whose
 * thread does everything queued by then (up to {@link #MAX_GROUP}, one request per key) as the next group. The
 * leader's own request is always the oldest queued, so it is in the group it does, and no calling thread works
 * for others beyond that one group.
 *
 * <p>Each caller gets its own request's answer, or the exception that doing its group threw.
 *
 * @param <Q> a request
 * @param <A> its answer
 */
final class GroupCommit<Q, A> {
    /** The most requests done in one store operation. */
    static final int MAX_GROUP = 64;

    /** How requests are done, alone or together. */
    interface Operation<Q, A> {
        /** Requests with the same key never share a group; {@code null}: any may. */
        Object key(Q request);

        /**
         * Only requests of equal kinds share a group (each group is one store operation, all or nothing); the
         * oldest request waiting chooses its group's kind. {@code null} for every request: any may.
         */
        default Object kind(Q request) {
            return null;
        }

        /** Does one request alone. */
        A alone(Q request);

        /**
         * Does several requests together.
         *
         * @return their answers in request order; {@code null} for a request {@link #missing} answers instead
         */
        List<A> together(List<Q> requests);

        /** The failure a caller gets when {@link #together} gave its request no answer. */
        RuntimeException missing(Q request);
    }

    private final Operation<Q, A> operation;
    private final Object lock = new Object();
    private final ArrayDeque<Pending<Q, A>> queue = new ArrayDeque<>();
    private boolean leading;

    GroupCommit(Operation<Q, A> operation) {
        this.operation = operation;
    }

    /** Does the request, in a group with others asked for meanwhile; its answer. */
    A run(Q request) {
        Pending<Q, A> mine = new Pending<>(request);
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
            List<Pending<Q, A>> group = takeGroup();
            run(group);
            if (mine.isDone()) {
                // The lead passes to the oldest request waiting, or lapses.
                synchronized (lock) {
                    Pending<Q, A> next = queue.peek();
                    if (next == null) {
                        leading = false;
                    } else {
                        next.promote();
                    }
                }
            }
        }
    }

    /** How many requests wait for a group (for tests). */
    int waiting() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** The requests queued now of the oldest one's kind, oldest first, one per key, up to {@link #MAX_GROUP}. */
    private List<Pending<Q, A>> takeGroup() {
        synchronized (lock) {
            if (queue.size() == 1) {
                return List.of(queue.poll());   // a lone request: the common case, when requests do not overlap
            }
            List<Pending<Q, A>> group = new ArrayList<>();
            Set<Object> keys = new HashSet<>();
            Object kind = operation.kind(queue.peek().request);
            Iterator<Pending<Q, A>> waiting = queue.iterator();
            while (waiting.hasNext() && group.size() < MAX_GROUP) {
                Pending<Q, A> p = waiting.next();
                Object key = operation.key(p.request);
                if (Objects.equals(kind, operation.kind(p.request)) && (key == null || keys.add(key))) {
                    group.add(p);
                    waiting.remove();
                }
            }
            return group;
        }
    }

    private void run(List<Pending<Q, A>> group) {
        try {
            if (group.size() == 1) {
                group.get(0).complete(operation.alone(group.get(0).request), null);
                return;
            }
            List<A> answers = operation.together(group.stream().map(p -> p.request).toList());
            for (int i = 0; i < group.size(); i++) {
                Pending<Q, A> p = group.get(i);
                A answer = answers.get(i);
                p.complete(answer, answer != null ? null : operation.missing(p.request));
            }
        } catch (RuntimeException | Error e) {
            for (Pending<Q, A> p : group) {
                if (!p.isDone()) {
                    p.complete(null, e);
                }
            }
        }
    }

    /** A request waiting to be done, and then its answer. */
    private static final class Pending<Q, A> {
        final Q request;
        private boolean lead;
        private boolean done;
        private A result;
        private Throwable failure;

        Pending(Q request) {
            this.request = request;
        }

        synchronized void complete(A recorded, Throwable failed) {
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
                        // The request is in a group another thread does: wait for it, then keep the interrupt.
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

        synchronized A result() {
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
