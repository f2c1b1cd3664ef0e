package io.outbound.campaign.internal.engine;

import io.outbound.campaign.events.CallDialled;
import io.outbound.campaign.events.CallEnded;
import io.outbound.campaign.events.CampaignEvent;
import io.outbound.campaign.events.CampaignListener;
import io.outbound.campaign.events.CampaignStatusChanged;
import io.outbound.campaign.events.ContactSkipped;
import io.outbound.campaign.events.DialFailed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to the listeners on one thread of its own, in publication order, so that no listener runs on the
 * thread that claims, dials or records. {@link #publish} never blocks: when the bounded queue is full the event
 * is dropped, counted and logged (the first drop and every thousandth after it), since a slow listener must not
 * slow dialling down. The thread starts with the first event and stops at {@link #close}.
 */
final class EventQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventQueue.class);
    private static final long LOG_EVERY_DROPPED = 1000;

    private final List<CampaignListener> listeners;
    private final BlockingQueue<CampaignEvent> queue;
    private final int capacity;
    private final String threadName;
    private final Object progress = new Object();
    private long published;
    private long done;
    private long dropped;
    private Thread thread;
    private boolean closed;

    EventQueue(List<CampaignListener> listeners, int capacity, String nodeId) {
        this.listeners = List.copyOf(listeners);
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.threadName = "campaign-events-" + nodeId;
    }

    /** Whether any listener is registered: without one, nothing is built or queued. */
    boolean wanted() {
        return !listeners.isEmpty();
    }

    /** Queues the event for delivery, or drops and counts it when the queue is full or closed. */
    void publish(CampaignEvent event) {
        if (listeners.isEmpty()) {
            return;
        }
        long droppedNow = 0;
        synchronized (progress) {
            if (!closed && queue.offer(event)) {
                published++;
                startThread();
                return;
            }
            dropped++;
            droppedNow = dropped;
        }
        if (droppedNow == 1 || droppedNow % LOG_EVERY_DROPPED == 0) {
            log.warn("campaign event queue full (capacity {}) or closed: dropped {} of campaign {}; {} events dropped"
                    + " so far: a listener is too slow", capacity, event.getClass().getSimpleName(),
                    event.campaignId(), droppedNow);
        }
    }

    /** How many events were dropped because the queue was full (or the engine closed). */
    long dropped() {
        synchronized (progress) {
            return dropped;
        }
    }

    /**
     * Waits until every event published so far has been delivered to every listener.
     *
     * @return whether they were, before the timeout
     */
    boolean awaitDelivered(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            long target = published;
            while (done < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return true;
        }
    }

    private void startThread() {
        if (thread == null) {
            Thread t = new Thread(this::deliverLoop, threadName);
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    private void deliverLoop() {
        while (true) {
            CampaignEvent event;
            try {
                event = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (event == null) {
                synchronized (progress) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                }
                continue;
            }
            deliver(event);
            synchronized (progress) {
                done++;
                progress.notifyAll();
            }
        }
    }

    private void deliver(CampaignEvent event) {
        for (CampaignListener listener : listeners) {
            try {
                tell(listener, event);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                // One listener's failure must not keep the event from the others, nor stop delivery.
                log.warn("campaign listener {} failed on {}", listener.getClass().getName(), event, e);
            }
        }
    }

    private static void tell(CampaignListener listener, CampaignEvent event) {
        if (event instanceof CampaignStatusChanged e) {
            listener.campaignStatusChanged(e);
        } else if (event instanceof CallDialled e) {
            listener.callDialled(e);
        } else if (event instanceof CallEnded e) {
            listener.callEnded(e);
        } else if (event instanceof DialFailed e) {
            listener.dialFailed(e);
        } else if (event instanceof ContactSkipped e) {
            listener.contactSkipped(e);
        }
    }

    /**
     * Stops accepting events, delivers those queued for up to {@code timeout}, then stops the thread; events still
     * queued after that are dropped.
     */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    void close(Duration timeout) {
        Thread t;
        synchronized (progress) {
            closed = true;
            t = thread;
        }
        if (t == null) {
            return;
        }
        try {
            if (!awaitDelivered(timeout)) {
                log.warn("{} campaign events still undelivered after {}; dropping them", queue.size(), timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        t.interrupt();
    }
}
