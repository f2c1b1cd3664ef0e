package io.outbound.campaign;

import io.outbound.campaign.internal.engine.EngineNode;
import io.outbound.campaign.events.CampaignListener;
import io.outbound.campaign.events.EngineObserver;
import io.outbound.campaign.internal.engine.EngineSettings;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.FileStore;
import io.outbound.campaign.spi.OrgLimits;
import io.outbound.campaign.spi.Telephony;
import io.outbound.campaign.spi.TelephonyConfigs;
import io.outbound.campaign.spi.WorkflowDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One node of the campaign engine, embedded in a host.
 *
 * <pre>{@code
 * CampaignEngine engine = CampaignEngine.builder()
 *     .store(store).files(files).telephony(telephony)
 *     .telephonyConfigs(configs).orgLimits(limits)
 *     .build();
 * engine.start();                        // background dispatch on this node
 * engine.campaigns().create(org, request);
 * engine.calls().report(sessionId, result);   // from the telephony webhook, on any node
 * engine.close();
 * }</pre>
 *
 * <p>Several nodes may share one store: each runs the same dispatcher, with no leader; the store's atomic
 * claim keeps every cap across nodes, and a node that dies has its calls closed by the others once its
 * leases expire. Hosts that drive the engine themselves (a test kit moving a manual clock, a serverless
 * function) call {@link #runOnce()} instead of {@link #start()}.
 */
public final class CampaignEngine implements AutoCloseable {

    private final EngineNode node;
    private final String nodeId;
    private final String leaseOwner;

    private CampaignEngine(EngineSettings settings) {
        this.node = new EngineNode(settings);
        this.nodeId = settings.nodeId();
        this.leaseOwner = settings.leaseOwner();
    }

    /** A builder; {@code store}, {@code files} and {@code telephony} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The campaign operations. */
    public CampaignService campaigns() {
        return node.campaigns();
    }

    /** Where call outcomes are reported. */
    public CallReports calls() {
        return node.calls();
    }

    /** The organisations' suppression lists: numbers no campaign that respects suppression dials. */
    public Suppressions suppressions() {
        return node.suppressions();
    }

    /** This node's id, as given to {@link Builder#nodeId} or drawn at random. */
    public String nodeId() {
        return nodeId;
    }

    /**
     * The owner of this engine's leases: its {@linkplain #nodeId() node id}, {@code #}, and an incarnation drawn at
     * random when the engine was built. A node's calls belong to one process life, not to its id: an engine built
     * again under the same id (a pod or host restarted) renews only the leases of calls it claimed itself, so the
     * calls its previous process lost expire after the lease timeout and are closed as any dead node's are, rather
     * than being renewed for ever by a process that knows nothing of them.
     */
    public String leaseOwner() {
        return leaseOwner;
    }

    /**
     * Starts this node's background work. Idempotent. Three kinds of thread run apart, so that none waits
     * behind another: the dispatcher claims due contacts (waking when work falls due: a retry, a
     * calling-hours slot opening, a freed slot, a start or resume, and at least every poll interval, which
     * only guards against missed signals from other nodes); the dial pool hands claimed calls to the
     * telephony, fairly between campaigns and within each configuration's pace; the lease keeper renews this
     * node's leases and closes calls of dead nodes on its own schedule.
     */
    public void start() {
        node.start();
    }

    /**
     * Whether this node dispatches: {@link #start()} ran, {@link #close()} has not, and its dispatcher thread is
     * alive. A health check reads it; an engine driven through {@link #runOnce()} is never dispatching.
     */
    public boolean isDispatching() {
        return node.dispatching();
    }

    /**
     * Does, on the calling thread, everything due at the clock's current instant: renews this node's leases,
     * closes sessions of dead nodes, ends dials past their timeout, and dials due contacts of every running
     * campaign within its caps, pacing and calling hours. Before {@link #start()}, dials run on the calling
     * thread too (through {@link Telephony#dialAsync}, whose stage may complete later), so a host or test kit
     * moving a manual clock sees every step in order.
     *
     * @return the earliest instant at which more work is known to fall due, or {@code null} when only an
     *         outcome or a caller's action can create work
     */
    public Instant runOnce() {
        return node.runOnce();
    }

    /**
     * How many events this node dropped because its listeners fell behind and the event queue was full (each drop
     * is also logged, the first and every thousandth); 0 while listeners keep up.
     */
    public long droppedEvents() {
        return node.droppedEvents();
    }

    /**
     * Waits until every event this node published so far has been delivered to its listeners: for tests, and for
     * a host that wants its listeners to have caught up before it reads what they recorded.
     *
     * @return whether they had been delivered before the timeout
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitEvents(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return node.awaitEvents(timeout);
    }

    /** How often this node renews its leases (a quarter of the lease timeout). */
    public Duration leaseRenewalInterval() {
        return node.leaseRenewalInterval();
    }

    /**
     * Stops this node: it claims nothing more, gives back every contact it claimed and has not yet handed to
     * the telephony (they return to where they were, with no attempt counted, ready for any node), and waits
     * up to the {@link Builder#shutdownTimeout shutdown timeout} for dials already handed over to return.
     * Calls in flight are not touched: their outcomes can still be reported to any node, and if this node
     * does not come back their leases expire and another node closes them.
     */
    @Override
    public void close() {
        node.close();
    }

    /** Builds an engine; fails fast, naming the setting, on anything missing or out of range. */
    public static final class Builder {
        /** The longest the dispatcher sleeps without a wake-up signal. */
        public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
        /** How long a call's lease lasts without renewal before other nodes close it as lost. */
        public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofMinutes(2);
        /** The most calls claimed in one store operation. */
        public static final int DEFAULT_CLAIM_BATCH_SIZE = 200;
        /** Technical failures in a row that pause a campaign. */
        public static final int DEFAULT_PAUSE_AFTER_CONSECUTIVE_FAILURES = 20;
        /** How long a source download URL stays valid. */
        public static final Duration DEFAULT_PRESIGN_TTL = Duration.ofMinutes(15);
        /** The most dials in progress on one node at once. */
        public static final int DEFAULT_DIAL_CONCURRENCY = 32;
        /** How long a dial may take before its attempt ends {@code failed} ("dial timed out"). */
        public static final Duration DEFAULT_DIAL_TIMEOUT = Duration.ofSeconds(30);
        /** How long {@code close()} waits for dials already handed over to the telephony. */
        public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
        /** The most contacts files one node imports at once (creates and redials). */
        public static final int DEFAULT_MAX_CONCURRENT_IMPORTS = 8;
        /** The longest node id: with its incarnation, a lease owner fits in 255 characters. */
        public static final int MAX_NODE_ID_LENGTH = 200;
        /** The most events waiting for the listeners before new ones are dropped. */
        public static final int DEFAULT_EVENT_QUEUE_CAPACITY = 10_000;

        private CampaignStore store;
        private FileStore files;
        private Telephony telephony;
        private TelephonyConfigs telephonyConfigs;
        private OrgLimits orgLimits = OrgLimits.unlimited();
        private WorkflowDirectory workflows = WorkflowDirectory.acceptAll();
        private Clock clock = Clock.systemUTC();
        private ImportLimits importLimits = ImportLimits.defaults();
        private String nodeId;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration leaseTimeout = DEFAULT_LEASE_TIMEOUT;
        private int claimBatchSize = DEFAULT_CLAIM_BATCH_SIZE;
        private int pauseAfterConsecutiveFailures = DEFAULT_PAUSE_AFTER_CONSECUTIVE_FAILURES;
        private Duration presignTtl = DEFAULT_PRESIGN_TTL;
        private int dialConcurrency = DEFAULT_DIAL_CONCURRENCY;
        private Duration dialTimeout = DEFAULT_DIAL_TIMEOUT;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private int maxConcurrentImports = DEFAULT_MAX_CONCURRENT_IMPORTS;
        private final List<CampaignListener> listeners = new ArrayList<>();
        private final List<EngineObserver> observers = new ArrayList<>();
        private int eventQueueCapacity = DEFAULT_EVENT_QUEUE_CAPACITY;

        private Builder() {
        }

        /** The persistence of campaigns, contacts and sessions (required). */
        public Builder store(CampaignStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Where contact files live (required). */
        public Builder files(FileStore files) {
            this.files = Objects.requireNonNull(files, "files");
            return this;
        }

        /** Places calls (required). */
        public Builder telephony(Telephony telephony) {
            this.telephony = Objects.requireNonNull(telephony, "telephony");
            return this;
        }

        /**
         * Caller numbers per organisation and configuration. Without it, every campaign fails at start for
         * want of caller numbers.
         */
        public Builder telephonyConfigs(TelephonyConfigs telephonyConfigs) {
            this.telephonyConfigs = Objects.requireNonNull(telephonyConfigs, "telephonyConfigs");
            return this;
        }

        /** Organisation-wide caps on simultaneous calls; default unlimited. */
        public Builder orgLimits(OrgLimits orgLimits) {
            this.orgLimits = Objects.requireNonNull(orgLimits, "orgLimits");
            return this;
        }

        /** Which workflow ids name agents of an organisation; default every positive id. */
        public Builder workflows(WorkflowDirectory workflows) {
            this.workflows = Objects.requireNonNull(workflows, "workflows");
            return this;
        }

        /** The only source of time; default the UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Limits on contact files; default {@link ImportLimits#defaults()}. */
        public Builder importLimits(ImportLimits importLimits) {
            this.importLimits = Objects.requireNonNull(importLimits, "importLimits");
            return this;
        }

        /**
         * This node's id; default a random id. Must be unique among live nodes; reusing the id of a node that has
         * died (a pod or host name) is safe: the leases belong to each engine instance ({@link #leaseOwner()}).
         *
         * @throws IllegalArgumentException when blank or longer than {@value #MAX_NODE_ID_LENGTH} characters
         */
        public Builder nodeId(String nodeId) {
            if (nodeId == null || nodeId.isBlank()) {
                throw new IllegalArgumentException("nodeId must not be blank, was '" + nodeId + "'");
            }
            if (nodeId.length() > MAX_NODE_ID_LENGTH) {
                throw new IllegalArgumentException("nodeId must be at most " + MAX_NODE_ID_LENGTH
                        + " characters, was " + nodeId.length());
            }
            this.nodeId = nodeId;
            return this;
        }

        /** The longest the dispatcher sleeps without a signal; default {@link #DEFAULT_POLL_INTERVAL}. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = positive("pollInterval", pollInterval);
            return this;
        }

        /** How long a call's lease lasts without renewal; default {@link #DEFAULT_LEASE_TIMEOUT}. */
        public Builder leaseTimeout(Duration leaseTimeout) {
            this.leaseTimeout = positive("leaseTimeout", leaseTimeout);
            if (leaseTimeout.toMillis() < 4) {
                throw new IllegalArgumentException("leaseTimeout must be at least 4 ms, was " + leaseTimeout);
            }
            return this;
        }

        /** The most calls claimed in one store operation; default {@value #DEFAULT_CLAIM_BATCH_SIZE}. */
        public Builder claimBatchSize(int claimBatchSize) {
            if (claimBatchSize < 1 || claimBatchSize > 10_000) {
                throw new IllegalArgumentException("claimBatchSize must be between 1 and 10000, was " + claimBatchSize);
            }
            this.claimBatchSize = claimBatchSize;
            return this;
        }

        /**
         * Pause a campaign after this many technical failures ({@code failed} outcomes, failed dials) in a
         * row, instead of burning through its list; 0 never pauses. Default
         * {@value #DEFAULT_PAUSE_AFTER_CONSECUTIVE_FAILURES}.
         */
        public Builder pauseAfterConsecutiveFailures(int failures) {
            if (failures < 0) {
                throw new IllegalArgumentException("pauseAfterConsecutiveFailures must not be negative, was "
                        + failures);
            }
            this.pauseAfterConsecutiveFailures = failures;
            return this;
        }

        /** How long source download URLs stay valid; default {@link #DEFAULT_PRESIGN_TTL}. */
        public Builder presignTtl(Duration presignTtl) {
            this.presignTtl = positive("presignTtl", presignTtl);
            return this;
        }

        /**
         * The most dials this node has in progress at once: its pool of dial threads, shared fairly by the
         * campaigns it dials (default {@value #DEFAULT_DIAL_CONCURRENCY}). {@link Telephony#dial} runs on this
         * pool, never on the thread that claims contacts or renews leases. A dial still in progress after a
         * second stops counting against the pool (up to as many again), so a carrier that hangs holds at
         * most its campaigns' fair share and never stops the other campaigns of the node.
         *
         * @throws IllegalArgumentException when not between 1 and 1000
         */
        public Builder dialConcurrency(int dialConcurrency) {
            if (dialConcurrency < 1 || dialConcurrency > 1000) {
                throw new IllegalArgumentException("dialConcurrency must be between 1 and 1000, was "
                        + dialConcurrency);
            }
            this.dialConcurrency = dialConcurrency;
            return this;
        }

        /**
         * How long a dial may take (from being handed to {@link Telephony#dial} until it returns) before its
         * attempt ends {@code failed} with the reason "dial timed out"; the dialling thread is interrupted and
         * an outcome reported for the session later is recorded as late. Default {@link #DEFAULT_DIAL_TIMEOUT}.
         */
        public Builder dialTimeout(Duration dialTimeout) {
            this.dialTimeout = positive("dialTimeout", dialTimeout);
            return this;
        }

        /**
         * How long {@link CampaignEngine#close()} waits for dials already handed to the telephony to return;
         * default {@link #DEFAULT_SHUTDOWN_TIMEOUT}.
         */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = positive("shutdownTimeout", shutdownTimeout);
            return this;
        }

        /**
         * The most contacts files this node imports at once, for {@code create} and {@code redial} together
         * (default {@value #DEFAULT_MAX_CONCURRENT_IMPORTS}). An import streams its file and holds at most one
         * record of {@code max_columns + 1} fields of {@code max_field_length + 1} characters (about 1 MB at the
         * default {@link ImportLimits}) plus about 16 bytes per contact to find duplicates (160 MB for ten million
         * rows), and keeps a store transaction open while it runs; this bounds the sum on one node.
         *
         * <p>A create or redial that finds every place taken does not wait: it fails at once with
         * {@code TOO_MANY_IMPORTS} (HTTP 503) having created and written nothing, and may be retried once an
         * import has finished. A host that would rather queue retries it, or bounds its own request threads.
         *
         * @throws IllegalArgumentException when not between 1 and 1000
         */
        public Builder maxConcurrentImports(int maxConcurrentImports) {
            if (maxConcurrentImports < 1 || maxConcurrentImports > 1000) {
                throw new IllegalArgumentException("maxConcurrentImports must be between 1 and 1000, was "
                        + maxConcurrentImports);
            }
            this.maxConcurrentImports = maxConcurrentImports;
            return this;
        }

        /**
         * Adds a listener told of campaign status changes, calls dialled and ended, failed dials and skipped
         * contacts, after the store committed them, on the engine's own event thread (see
         * {@link CampaignListener} for the delivery guarantees). May be called several times; listeners are
         * called in the order added.
         */
        public Builder listener(CampaignListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds an observer told how long each claim, handover, outcome record and dial took and whether it failed,
         * on the thread that ran it (see {@link EngineObserver}). May be called several times.
         */
        public Builder observer(EngineObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * The most events waiting for the listeners (default {@value #DEFAULT_EVENT_QUEUE_CAPACITY}). When the
         * listeners fall this far behind, new events are dropped and counted ({@link CampaignEngine#droppedEvents})
         * rather than slowing the dispatcher down.
         *
         * @throws IllegalArgumentException when not between 1 and 10,000,000
         */
        public Builder eventQueueCapacity(int eventQueueCapacity) {
            if (eventQueueCapacity < 1 || eventQueueCapacity > 10_000_000) {
                throw new IllegalArgumentException("eventQueueCapacity must be between 1 and 10000000, was "
                        + eventQueueCapacity);
            }
            this.eventQueueCapacity = eventQueueCapacity;
            return this;
        }

        /**
         * @throws IllegalStateException naming the first required setting that is missing
         */
        public CampaignEngine build() {
            if (store == null) {
                throw new IllegalStateException("store is required: a CampaignStore such as JdbcCampaignStore");
            }
            if (files == null) {
                throw new IllegalStateException("files is required: a FileStore such as LocalFileStore");
            }
            if (telephony == null) {
                throw new IllegalStateException("telephony is required: the Telephony that places calls");
            }
            TelephonyConfigs configs = telephonyConfigs != null ? telephonyConfigs
                    : (org, id) -> java.util.Optional.of(java.util.List.of());
            String node = nodeId != null ? nodeId : "node-" + UUID.randomUUID();
            return new CampaignEngine(new EngineSettings(store, files, telephony, configs, orgLimits, workflows,
                    clock, importLimits, node, pollInterval, leaseTimeout, claimBatchSize,
                    pauseAfterConsecutiveFailures, presignTtl, dialConcurrency, dialTimeout, shutdownTimeout,
                    maxConcurrentImports, listeners, observers, eventQueueCapacity, incarnation()));
        }

        /** 64 random bits in hex: two lives of one node id never share an incarnation in practice. */
        private static String incarnation() {
            return String.format("%016x", new java.security.SecureRandom().nextLong());
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
