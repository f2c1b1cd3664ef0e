package io.outbound.campaign.testkit;

import io.outbound.campaign.memory.InMemoryCampaignStore;

import io.outbound.campaign.CallReports;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.CampaignService;
import io.outbound.campaign.Suppressions;
import io.outbound.campaign.memory.InMemoryFileStore;
import io.outbound.campaign.spi.CallerPool;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.FileStore;
import io.outbound.campaign.spi.OrgLimits;
import io.outbound.campaign.spi.TelephonyConfigs;
import io.outbound.campaign.spi.WorkflowDirectory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A campaign engine in virtual time: a {@link ManualClock}, an in-memory store (or the one given), in-memory
 * files and a {@link FakeTelephony}, wired together. {@link #advance} and {@link #runUntilIdle} run the
 * dispatcher and the simulated calls event by event, so a week-long campaign with retries and calling hours
 * runs in milliseconds, and nothing sleeps.
 *
 * <pre>{@code
 * CampaignTestKit kit = CampaignTestKit.builder().startAt(Instant.parse("2026-06-01T13:00:00Z")).build();
 * kit.files().put("contacts.csv", csvStream);
 * Campaign c = kit.campaigns().create("org-1", request);
 * kit.campaigns().start("org-1", c.id());
 * kit.runUntilIdle();
 * }</pre>
 */
public final class CampaignTestKit {

    /** The most events {@link #runUntilIdle} processes before it gives up. */
    public static final int MAX_EVENTS = 10_000_000;
    /** The most virtual time {@link #runUntilIdle} covers before it gives up. */
    public static final Duration MAX_IDLE_HORIZON = Duration.ofDays(400);

    private final ManualClock clock;
    private final CampaignStore store;
    private final FileStore files;
    private final FakeTelephony telephony;
    private final CampaignEngine engine;

    private CampaignTestKit(Builder b) {
        this.clock = new ManualClock(b.startAt);
        this.store = b.store != null ? b.store : new InMemoryCampaignStore();
        this.files = b.files != null ? b.files : new InMemoryFileStore(clock);
        this.telephony = new FakeTelephony(clock);
        Map<String, CallerPool> pools = Map.copyOf(b.callerPools);
        Map<String, Integer> limits = Map.copyOf(b.orgLimits);
        CallerPool plenty = CallerPool.exclusive(plentyOfNumbers());
        TelephonyConfigs configs = b.telephonyConfigs != null ? b.telephonyConfigs
                : TelephonyConfigs.pooled((org, configId) -> configId != null ? Optional.empty()
                        : Optional.of(pools.getOrDefault(org, plenty)));
        OrgLimits orgLimits = org -> limits.getOrDefault(org, OrgLimits.UNLIMITED);
        CampaignEngine.Builder engineBuilder = CampaignEngine.builder()
                .store(store).files(files).telephony(telephony).telephonyConfigs(configs).orgLimits(orgLimits)
                .workflows(b.workflows).clock(clock).nodeId("test-kit-node");
        b.engineSettings.accept(engineBuilder);
        this.engine = engineBuilder.build();
        telephony.connect(engine.calls());
    }

    private static List<String> plentyOfNumbers() {
        List<String> numbers = new ArrayList<>(1000);
        for (int i = 0; i < 1000; i++) {
            numbers.add(String.format("+1555%07d", i));
        }
        return List.copyOf(numbers);
    }

    /** A builder; every setting is optional. */
    public static Builder builder() {
        return new Builder();
    }

    /** The campaign operations of the kit's engine. */
    public CampaignService campaigns() {
        return engine.campaigns();
    }

    /** Where outcomes are reported (the fake telephony reports here by itself). */
    public CallReports calls() {
        return engine.calls();
    }

    /** The organisations' suppression lists, as {@code engine().suppressions()}. */
    public Suppressions suppressions() {
        return engine().suppressions();
    }

    /** The engine, for what the kit does not wrap. */
    public CampaignEngine engine() {
        return engine;
    }

    /** The manual clock every part reads. */
    public ManualClock clock() {
        return clock;
    }

    /** The current virtual instant. */
    public Instant now() {
        return clock.instant();
    }

    /** The store. */
    public CampaignStore store() {
        return store;
    }

    /** The file store contact files are read from. */
    public FileStore files() {
        return files;
    }

    /** The simulated telephony. */
    public FakeTelephony telephony() {
        return telephony;
    }

    /** Stores a CSV text under the key (UTF-8): a shortcut for {@code files().put(key, stream)}. */
    public void putCsv(String key, String csv) {
        files.put(key, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Moves virtual time forward by the duration, doing on the way, in order, everything that falls due:
     * dials, call ends and their outcomes, retries, slot openings, lease renewals.
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        Instant target = clock.instant().plus(duration);
        for (int events = 0; events < MAX_EVENTS; events++) {
            Instant next = nextEvent(engine.runOnce());
            if (next == null || next.isAfter(target)) {
                break;
            }
            step(next);
        }
        clock.setInstant(target);
        telephony.deliverDue(target);
        engine.runOnce();
    }

    /**
     * Runs until no campaign has due or in-flight work: every running campaign is completed, paused or waiting
     * for nothing but a caller's action.
     *
     * @throws IllegalStateException when work remains after {@link #MAX_EVENTS} events or
     *                               {@link #MAX_IDLE_HORIZON} of virtual time
     */
    public void runUntilIdle() {
        Instant horizon = clock.instant().plus(MAX_IDLE_HORIZON);
        for (int events = 0; events < MAX_EVENTS; events++) {
            Instant next = nextEvent(engine.runOnce());
            if (next == null) {
                return;
            }
            if (next.isAfter(horizon)) {
                throw new IllegalStateException("still not idle after " + MAX_IDLE_HORIZON.toDays()
                        + " days of virtual time; next work falls due at " + next);
            }
            step(next);
        }
        throw new IllegalStateException("still not idle after " + MAX_EVENTS + " events");
    }

    /**
     * The next instant anything happens: the engine's next due work (a retry, a slot opening, a dial's
     * timeout, a paced dial), a dial accepted or a call ended by the telephony, or a lease renewal while calls
     * are in flight.
     */
    private Instant nextEvent(Instant engineDue) {
        Instant next = engineDue;
        Instant acceptance = telephony.nextAcceptance();
        if (acceptance != null) {
            next = next == null || acceptance.isBefore(next) ? acceptance : next;
        }
        Instant callEnd = telephony.nextCallEnd();
        if (callEnd != null) {
            next = next == null || callEnd.isBefore(next) ? callEnd : next;
        }
        if (callEnd != null || acceptance != null) {
            Instant renewal = clock.instant().plus(engine.leaseRenewalInterval());
            next = renewal.isBefore(next) ? renewal : next;
        }
        if (next != null && next.isBefore(clock.instant())) {
            next = clock.instant();
        }
        return next;
    }

    private void step(Instant next) {
        clock.setInstant(next);
        telephony.deliverDue(next);
    }

    /** Builds a kit. */
    public static final class Builder {
        private Instant startAt = Instant.parse("2026-06-01T13:00:00Z");
        private final Map<String, Integer> orgLimits = new HashMap<>();
        private final Map<String, CallerPool> callerPools = new HashMap<>();
        private TelephonyConfigs telephonyConfigs;
        private CampaignStore store;
        private FileStore files;
        private WorkflowDirectory workflows = WorkflowDirectory.acceptAll();
        private Consumer<CampaignEngine.Builder> engineSettings = b -> { };

        private Builder() {
        }

        /** Where the manual clock starts; default 2026-06-01T13:00:00Z (a Monday, 09:00 in New York). */
        public Builder startAt(Instant instant) {
            this.startAt = Objects.requireNonNull(instant, "startAt");
            return this;
        }

        /** An organisation's cap on simultaneous calls; default unlimited. */
        public Builder orgLimit(String orgId, int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("orgLimit must be positive, was " + limit);
            }
            orgLimits.put(orgId, limit);
            return this;
        }

        /** An organisation's caller numbers (its default configuration, exclusive); default 1,000 numbers. */
        public Builder callerNumbers(String orgId, List<String> numbers) {
            callerPools.put(orgId, CallerPool.exclusive(numbers));
            return this;
        }

        /**
         * An organisation's caller pool (its default configuration): shared caller ids, a dial rate.
         *
         * <pre>{@code
         * builder.callerPool("org-1", CallerPool.shared(numbers, 3).withCallsPerSecond(1))
         * }</pre>
         */
        public Builder callerPool(String orgId, CallerPool pool) {
            callerPools.put(orgId, Objects.requireNonNull(pool, "pool"));
            return this;
        }

        /** Replaces the caller-number lookup altogether (for unknown configurations, numberless orgs). */
        public Builder telephonyConfigs(TelephonyConfigs configs) {
            this.telephonyConfigs = Objects.requireNonNull(configs, "configs");
            return this;
        }

        /** The store; default a new {@link InMemoryCampaignStore}. */
        public Builder store(CampaignStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The file store; default a new {@link InMemoryFileStore} on the kit's clock. */
        public Builder files(FileStore files) {
            this.files = Objects.requireNonNull(files, "files");
            return this;
        }

        /** Which workflows exist; default every positive id. */
        public Builder workflows(WorkflowDirectory workflows) {
            this.workflows = Objects.requireNonNull(workflows, "workflows");
            return this;
        }

        /** Further engine settings (lease timeout, failure threshold, ...), applied to the engine's builder. */
        public Builder engine(Consumer<CampaignEngine.Builder> settings) {
            this.engineSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public CampaignTestKit build() {
            return new CampaignTestKit(this);
        }
    }
}
