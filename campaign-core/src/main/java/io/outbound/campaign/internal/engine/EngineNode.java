package io.outbound.campaign.internal.engine;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallReports;
import io.outbound.campaign.CampaignService;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.Suppressions;
import io.outbound.campaign.spi.RecordResult;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running parts of one engine node: the service, the outcome path, and three kinds of work that never
 * wait for one another: the dispatcher (claims), the dial pool (handovers and dials) and the lease keeper.
 */
public final class EngineNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EngineNode.class);

    private final EngineSettings settings;
    private final Wakeup wakeup = new Wakeup();
    private final Dispatcher dispatcher;
    private final DialPool dials;
    private final LeaseKeeper leases;
    private final OutcomeRecorder outcomes;
    private final EngineCampaignService service;
    private final EngineSuppressions suppressions;
    private final EventQueue events;
    private Thread thread;
    private ScheduledExecutorService timers;
    private ExecutorService dialThreads;
    private volatile boolean running;

    public EngineNode(EngineSettings settings) {
        this.settings = settings;
        CalendarCache calendars = new CalendarCache();
        this.events = new EventQueue(settings.listeners(), settings.eventQueueCapacity(), settings.nodeId());
        EngineEvents told = new EngineEvents(events);
        EngineTiming timing = new EngineTiming(settings.observers());
        this.outcomes = new OutcomeRecorder(settings, calendars, this::recorded, told, timing);
        this.dials = new DialPool(settings, outcomes, wakeup::signal, told, timing);
        this.dispatcher = new Dispatcher(settings, calendars, dials, told, timing);
        this.leases = new LeaseKeeper(settings);
        this.service = new EngineCampaignService(settings, dials, wakeup::signal, told);
        this.suppressions = new EngineSuppressions(settings);
    }

    /**
     * An outcome freed its call's slot: that matters to the dispatcher only when its last pass left a campaign held
     * below what it asked for ({@link DialPool#isHeldBack}), when the outcome may have scheduled a retry
     * (due perhaps at once), or when it ended the campaign's run. Otherwise the next top-up of the line wakes it.
     */
    private void recorded(RecordResult recorded) {
        CallOutcome outcome = recorded.session().outcome();
        if (recorded.campaign().status() != CampaignStatus.RUNNING || outcome == null || outcome.retryable()
                || dials.isHeldBack()) {
            wakeup.signal();
        }
    }

    public Suppressions suppressions() {
        return suppressions;
    }

    public CampaignService campaigns() {
        return service;
    }

    public CallReports calls() {
        return outcomes;
    }

    /**
     * Leases, then dial timeouts, then claims and handovers until nothing more can start now. Before
     * {@link #start()} the dials run on the calling thread.
     */
    public Instant runOnce() {
        leases.run();
        dials.tick(settings.clock().instant());
        Instant due = dispatcher.dispatch();
        return Dispatcher.earliest(due, dials.tick(settings.clock().instant()));
    }

    /** How many events were dropped because the listeners fell behind. */
    public long droppedEvents() {
        return events.dropped();
    }

    /** Waits until every event published so far reached the listeners; whether it did within the timeout. */
    public boolean awaitEvents(Duration timeout) throws InterruptedException {
        return events.awaitDelivered(timeout);
    }

    public Duration leaseRenewalInterval() {
        return leases.renewInterval();
    }

    /** Whether {@link #start()} ran, {@link #close()} did not, and the dispatcher thread is alive. */
    public synchronized boolean dispatching() {
        return running && thread != null && thread.isAlive();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        String node = settings.nodeId();
        timers = new ScheduledThreadPoolExecutor(2, named("campaign-timer-" + node));
        dialThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                named("campaign-dial-" + node));
        dials.useThreads(dialThreads, at -> timers.schedule(this::tick, millisUntil(at), TimeUnit.MILLISECONDS));
        long renewMillis = Math.max(1, leases.renewInterval().toMillis());
        timers.scheduleWithFixedDelay(this::keepLeases, 0, renewMillis, TimeUnit.MILLISECONDS);
        Thread t = new Thread(this::loop, "campaign-dispatcher-" + node);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private long millisUntil(Instant at) {
        return Math.max(0, Duration.between(settings.clock().instant(), at).toMillis() + 1);
    }

    private void tick() {
        try {
            dials.timerTick();
        } catch (RuntimeException e) {
            log.warn("dial pool tick failed", e);
        }
    }

    private void keepLeases() {
        try {
            leases.run();
        } catch (RuntimeException e) {
            log.warn("renewing leases failed, trying again at the next renewal", e);
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private void loop() {
        long pollMillis = settings.pollInterval().toMillis();
        while (running) {
            Instant next = null;
            try {
                next = dispatcher.dispatch();
            } catch (RuntimeException e) {
                log.warn("dispatch pass failed, retrying after the poll interval", e);
            }
            long waitMillis = pollMillis;
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

    /**
     * Stops claiming, gives back the calls claimed and not handed over, waits for dials in progress up to the
     * shutdown timeout, then stops the threads.
     */
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
        dials.close(settings.shutdownTimeout());
        ScheduledExecutorService timerPool;
        ExecutorService dialPool;
        synchronized (this) {
            timerPool = timers;
            dialPool = dialThreads;
            timers = null;
            dialThreads = null;
        }
        if (timerPool != null) {
            timerPool.shutdownNow();
        }
        if (dialPool != null) {
            dialPool.shutdownNow();
        }
        events.close();
    }
}
