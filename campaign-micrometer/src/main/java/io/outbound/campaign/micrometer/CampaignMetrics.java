package io.outbound.campaign.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.events.CallDialled;
import io.outbound.campaign.events.CallEnded;
import io.outbound.campaign.events.CampaignListener;
import io.outbound.campaign.events.CampaignStatusChanged;
import io.outbound.campaign.events.ContactSkipped;
import io.outbound.campaign.events.DialFailed;
import io.outbound.campaign.events.EngineObserver;
import io.outbound.campaign.events.StoreOperation;
import io.outbound.campaign.spi.CampaignStore;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Micrometer meters for one engine node, built on the engine's {@link CampaignListener} and {@link EngineObserver}
 * hooks: register the same instance as both.
 *
 * <pre>{@code
 * CampaignMetrics metrics = CampaignMetrics.builder(registry).store(store).build();
 * CampaignEngine engine = CampaignEngine.builder()...listener(metrics).observer(metrics).build();
 * }</pre>
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>tags</th></tr>
 * <tr><td>{@value #CALLS_DIALLED}</td><td>counter</td><td>none</td></tr>
 * <tr><td>{@value #CALLS_ENDED}</td><td>counter</td><td>{@code outcome} (the five outcomes), {@code late}</td></tr>
 * <tr><td>{@value #DIALS_FAILED}</td><td>counter</td><td>{@code reason}: {@code failed} or {@code timed_out}</td></tr>
 * <tr><td>{@value #CONTACTS_SKIPPED}</td><td>counter</td><td>none</td></tr>
 * <tr><td>{@value #STATUS_CHANGES}</td><td>counter</td><td>{@code status}: the status entered</td></tr>
 * <tr><td>{@value #DIAL_LATENCY}</td><td>timer</td><td>{@code result}: {@code accepted} or {@code error}</td></tr>
 * <tr><td>{@value #STORE_LATENCY}</td><td>timer</td><td>{@code operation} ({@code claim}, {@code hand_over},
 *     {@code record_outcome}), {@code result} ({@code ok} or {@code error})</td></tr>
 * <tr><td>{@value #STORE_ERRORS}</td><td>counter</td><td>{@code operation}</td></tr>
 * <tr><td>{@value #CALLS_IN_FLIGHT}</td><td>gauge</td><td>{@code campaign}: the id of each running campaign</td></tr>
 * </table>
 *
 * <p><b>Bounded tags.</b> Every tag has a fixed set of values except {@code campaign}, which names only the
 * campaigns running at the last refresh: a campaign that stops running loses its gauge. No tag carries a phone
 * number, an organisation, a session id or a carrier's message.
 *
 * <p><b>Calls in flight</b> are the store's count of a campaign's calls in progress, across every node (not this
 * node's share: outcomes arrive on any node), read with {@link CampaignStore#runningCampaigns()} when a status
 * changes and otherwise at most once per {@linkplain Builder#inFlightRefresh refresh interval}, on the engine's
 * event thread; {@link #refreshInFlight()} reads it at once. Without a store the gauge is not registered.
 */
public final class CampaignMetrics implements CampaignListener, EngineObserver {
    /** Calls handed over to the telephony. */
    public static final String CALLS_DIALLED = "campaign.calls.dialled";
    /** Outcomes recorded, by outcome. */
    public static final String CALLS_ENDED = "campaign.calls.ended";
    /** Dials that failed or timed out. */
    public static final String DIALS_FAILED = "campaign.dials.failed";
    /** Contacts skipped without a call. */
    public static final String CONTACTS_SKIPPED = "campaign.contacts.skipped";
    /** Campaign status changes, by the status entered. */
    public static final String STATUS_CHANGES = "campaign.status.changes";
    /** How long the telephony took to accept or refuse a dial. */
    public static final String DIAL_LATENCY = "campaign.dial.latency";
    /** How long the engine's hot store operations took. */
    public static final String STORE_LATENCY = "campaign.store.latency";
    /** Store operations that threw. */
    public static final String STORE_ERRORS = "campaign.store.errors";
    /** Calls in progress per running campaign, across all nodes. */
    public static final String CALLS_IN_FLIGHT = "campaign.calls.in_flight";
    /** How often, at most, the in-flight gauge is read from the store while events flow. */
    public static final Duration DEFAULT_IN_FLIGHT_REFRESH = Duration.ofSeconds(5);

    private final Counter dialled;
    private final Map<CallOutcome, Counter> ended = new EnumMap<>(CallOutcome.class);
    private final Map<CallOutcome, Counter> endedLate = new EnumMap<>(CallOutcome.class);
    private final Counter dialsFailed;
    private final Counter dialsTimedOut;
    private final Counter skipped;
    private final Map<CampaignStatus, Counter> statusChanges = new EnumMap<>(CampaignStatus.class);
    private final Timer dialAccepted;
    private final Timer dialError;
    private final Map<StoreOperation, Timer> storeOk = new EnumMap<>(StoreOperation.class);
    private final Map<StoreOperation, Timer> storeError = new EnumMap<>(StoreOperation.class);
    private final Map<StoreOperation, Counter> storeErrors = new EnumMap<>(StoreOperation.class);
    private final CampaignStore store;
    private final MultiGauge inFlight;
    private final long refreshNanos;
    private long lastRefreshNanos;
    private boolean refreshedOnce;

    private CampaignMetrics(Builder b) {
        MeterRegistry registry = b.registry;
        dialled = Counter.builder(CALLS_DIALLED).description("calls handed over to the telephony").register(registry);
        for (CallOutcome outcome : CallOutcome.values()) {
            ended.put(outcome, ended(registry, outcome, false));
            endedLate.put(outcome, ended(registry, outcome, true));
        }
        dialsFailed = Counter.builder(DIALS_FAILED).tag("reason", "failed")
                .description("dials the telephony refused or failed").register(registry);
        dialsTimedOut = Counter.builder(DIALS_FAILED).tag("reason", "timed_out")
                .description("dials the telephony refused or failed").register(registry);
        skipped = Counter.builder(CONTACTS_SKIPPED).description("contacts made final without a call")
                .register(registry);
        for (CampaignStatus status : CampaignStatus.values()) {
            statusChanges.put(status, Counter.builder(STATUS_CHANGES).tag("status", status.json())
                    .description("campaign status changes, by the status entered").register(registry));
        }
        dialAccepted = dialTimer(registry, "accepted");
        dialError = dialTimer(registry, "error");
        for (StoreOperation op : StoreOperation.values()) {
            String name = op.name().toLowerCase(Locale.ROOT);
            storeOk.put(op, Timer.builder(STORE_LATENCY).tags("operation", name, "result", "ok")
                    .description("store operations of the engine's hot paths").register(registry));
            storeError.put(op, Timer.builder(STORE_LATENCY).tags("operation", name, "result", "error")
                    .description("store operations of the engine's hot paths").register(registry));
            storeErrors.put(op, Counter.builder(STORE_ERRORS).tag("operation", name)
                    .description("store operations that threw").register(registry));
        }
        store = b.store;
        refreshNanos = b.inFlightRefresh.toNanos();
        inFlight = store == null ? null : MultiGauge.builder(CALLS_IN_FLIGHT)
                .description("calls in progress per running campaign, across all nodes").register(registry);
    }

    /** A builder for meters registered in {@code registry}. */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    private static Counter ended(MeterRegistry registry, CallOutcome outcome, boolean late) {
        return Counter.builder(CALLS_ENDED).tags("outcome", outcome.json(), "late", Boolean.toString(late))
                .description("call outcomes recorded").register(registry);
    }

    private static Timer dialTimer(MeterRegistry registry, String result) {
        return Timer.builder(DIAL_LATENCY).tag("result", result)
                .description("how long the telephony took to accept or refuse a dial").register(registry);
    }

    @Override
    public void campaignStatusChanged(CampaignStatusChanged event) {
        statusChanges.get(event.to()).increment();
        refreshInFlight();
    }

    @Override
    public void callDialled(CallDialled event) {
        dialled.increment();
        refreshInFlightIfDue();
    }

    @Override
    public void callEnded(CallEnded event) {
        (event.late() ? endedLate : ended).get(event.outcome()).increment();
        refreshInFlightIfDue();
    }

    @Override
    public void dialFailed(DialFailed event) {
        (event.timedOut() ? dialsTimedOut : dialsFailed).increment();
        refreshInFlightIfDue();
    }

    @Override
    public void contactSkipped(ContactSkipped event) {
        skipped.increment();
    }

    @Override
    public void storeOperation(StoreOperation operation, Duration elapsed, Throwable failure) {
        if (failure == null) {
            storeOk.get(operation).record(elapsed);
        } else {
            storeError.get(operation).record(elapsed);
            storeErrors.get(operation).increment();
        }
    }

    @Override
    public void dialReturned(Duration elapsed, Throwable failure) {
        (failure == null ? dialAccepted : dialError).record(elapsed);
    }

    /**
     * Reads the calls in flight of every running campaign from the store now, replacing the gauge's rows:
     * campaigns no longer running lose theirs. Does nothing without a store; a store that throws leaves the rows
     * as they were (the error is counted by the store's own hot paths, not here).
     */
    public void refreshInFlight() {
        if (inFlight == null) {
            return;
        }
        List<Campaign> running;
        try {
            running = store.runningCampaigns();
        } catch (RuntimeException e) {
            return;
        }
        synchronized (this) {
            lastRefreshNanos = System.nanoTime();
            refreshedOnce = true;
        }
        inFlight.register(running.stream()
                .map(c -> MultiGauge.Row.of(Tags.of("campaign", Long.toString(c.id())), c.progress().inProgress()))
                .toList(), true);
    }

    private void refreshInFlightIfDue() {
        if (inFlight == null) {
            return;
        }
        synchronized (this) {
            if (refreshedOnce && System.nanoTime() - lastRefreshNanos < refreshNanos) {
                return;
            }
        }
        refreshInFlight();
    }

    /** Builds {@link CampaignMetrics}. */
    public static final class Builder {
        private final MeterRegistry registry;
        private CampaignStore store;
        private Duration inFlightRefresh = DEFAULT_IN_FLIGHT_REFRESH;

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** The engine's store, read for the {@value #CALLS_IN_FLIGHT} gauge; without one there is no such gauge. */
        public Builder store(CampaignStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * How often, at most, the in-flight gauge is read from the store while events flow (default
         * {@link #DEFAULT_IN_FLIGHT_REFRESH}); every status change reads it at once.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder inFlightRefresh(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("inFlightRefresh must be positive, was " + interval);
            }
            this.inFlightRefresh = interval;
            return this;
        }

        /** Registers the meters and returns the listener and observer that moves them. */
        public CampaignMetrics build() {
            return new CampaignMetrics(this);
        }
    }
}
