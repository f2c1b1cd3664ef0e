package io.outbound.campaign.internal.engine;

import io.outbound.campaign.CallReports;
import io.outbound.campaign.CampaignService;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running parts of one engine node: the service, the outcome path, the dispatcher and its thread.
 */
public final class EngineNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EngineNode.class);

    private final EngineSettings settings;
    private final Wakeup wakeup = new Wakeup();
    private final Dispatcher dispatcher;
    private final OutcomeRecorder outcomes;
    private final EngineCampaignService service;
    private volatile Thread thread;
    private volatile boolean running;

    public EngineNode(EngineSettings settings) {
        this.settings = settings;
        CalendarCache calendars = new CalendarCache();
        this.outcomes = new OutcomeRecorder(settings, calendars, wakeup::signal);
        this.dispatcher = new Dispatcher(settings, calendars, outcomes);
        this.service = new EngineCampaignService(settings, dispatcher, wakeup::signal);
    }

    public CampaignService campaigns() {
        return service;
    }

    public CallReports calls() {
        return outcomes;
    }

    public Instant runOnce() {
        return dispatcher.runOnce();
    }

    public Duration leaseRenewalInterval() {
        return dispatcher.renewInterval();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::loop, "campaign-dispatcher-" + settings.nodeId());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void loop() {
        long pollMillis = settings.pollInterval().toMillis();
        long renewMillis = dispatcher.renewInterval().toMillis();
        while (running) {
            Instant next = null;
            try {
                next = dispatcher.runOnce();
            } catch (RuntimeException e) {
                log.warn("dispatch pass failed, retrying after the poll interval: {}", e.toString());
            }
            long waitMillis = Math.min(pollMillis, renewMillis);
            if (next != null) {
                long untilDue = Duration.between(settings.clock().instant(), next).toMillis();
                waitMillis = Math.max(0, Math.min(waitMillis, untilDue));
            }
            try {
                if (waitMillis > 0) {
                    wakeup.await(waitMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t != null) {
            wakeup.signal();
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
