package io.outbound.campaign.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.spi.CallRequest;
import io.outbound.campaign.spi.Telephony;
import io.outbound.campaign.spi.TelephonyConfigs;
import io.outbound.campaign.testkit.FakeTelephony;
import io.outbound.campaign.memory.InMemoryFileStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/**
 * Several {@link CampaignEngine} nodes, each with its own dispatcher thread, connection pool and store, on one
 * database, sharing one simulated telephony provider on the real clock (which counts calls in flight as the
 * provider sees them) and one file store. A node can be killed: its dispatcher thread stops dead inside its
 * next dial and its connections are closed, with no cleanup, as when a host machine is lost.
 */
final class EngineCluster implements AutoCloseable {
    static final String ORG = "org-1";

    final Clock clock = Clock.systemUTC();
    final FakeTelephony telephony = new FakeTelephony(clock);
    final InMemoryFileStore files = new InMemoryFileStore(clock);
    final List<CampaignEngine> engines = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final AtomicInteger dialled = new AtomicInteger();
    private final List<CampaignEngine> dead = new ArrayList<>();
    private final Function<Integer, DataSource> dataSources;
    private final int orgLimit;
    private final Duration leaseTimeout;
    private final Duration maxCallDuration;
    private final TelephonyConfigs configs;

    /**
     * Starts {@code size} nodes; {@code dataSources} gives each its own data source, {@code leaseTimeout} is
     * how long a dead node's calls stay in flight.
     */
    EngineCluster(int size, Function<Integer, DataSource> dataSources, int orgLimit, Duration leaseTimeout,
                  long seed) {
        this(size, dataSources, orgLimit, leaseTimeout, seed, TelephonyConfigs.defaultNumbers(
                IntStream.range(0, 30).mapToObj(i -> String.format("+1555000%04d", i)).toList()),
                Duration.ofMillis(1), Duration.ofMillis(5));
    }

    /** As above, with the nodes' caller pools and the length of calls given. */
    EngineCluster(int size, Function<Integer, DataSource> dataSources, int orgLimit, Duration leaseTimeout,
                  long seed, TelephonyConfigs configs, Duration minCall, Duration maxCall) {
        this(size, dataSources, orgLimit, leaseTimeout, leaseTimeout.multipliedBy(2), seed, configs, minCall,
                maxCall);
    }

    /** As above, with how long a live node keeps renewing a call ({@code JdbcCampaignStore}'s maxCallDuration). */
    EngineCluster(int size, Function<Integer, DataSource> dataSources, int orgLimit, Duration leaseTimeout,
                  Duration maxCallDuration, long seed, TelephonyConfigs configs, Duration minCall, Duration maxCall) {
        this(size, dataSources, orgLimit, leaseTimeout, maxCallDuration, seed, configs, minCall, maxCall, i -> true);
    }

    /**
     * As above, starting at once only the nodes {@code startAtOnce} accepts; the others dispatch nothing until
     * {@link #start(int)} (their API, outcomes included, works meanwhile).
     */
    EngineCluster(int size, Function<Integer, DataSource> dataSources, int orgLimit, Duration leaseTimeout,
                  Duration maxCallDuration, long seed, TelephonyConfigs configs, Duration minCall, Duration maxCall,
                  IntPredicate startAtOnce) {
        this.dataSources = dataSources;
        this.orgLimit = orgLimit;
        this.leaseTimeout = leaseTimeout;
        this.maxCallDuration = maxCallDuration;
        this.configs = configs;
        telephony.startRealTime(minCall, maxCall, seed);
        for (int i = 0; i < size; i++) {
            Node node = new Node(dataSources.apply(i));
            nodes.add(node);
            engines.add(engine(i, node));
        }
        telephony.connect(engines.get(0).calls());
        for (int i = 0; i < size; i++) {
            if (startAtOnce.test(i)) {
                engines.get(i).start();
            }
        }
    }

    /** Starts node {@code index}'s dispatcher, held back when the cluster was made. */
    void start(int index) {
        engines.get(index).start();
    }

    private CampaignEngine engine(int index, Node node) {
        return CampaignEngine.builder()
                .store(JdbcCampaignStore.builder(node.dataSource).dialect(new PostgresDialect())
                        .maxCallDuration(maxCallDuration).build())
                .files(files)
                .telephony(node)
                .telephonyConfigs(configs)
                .orgLimits(org -> orgLimit)
                .clock(clock)
                .nodeId("node-" + index)
                .pollInterval(Duration.ofMillis(50))
                .leaseTimeout(leaseTimeout)
                .build();
    }

    /**
     * Starts a new process of node {@code index} under the same node id, with a new pool (its predecessor must
     * have been killed): the engine that replaces it in {@link #engines}; the old one stays halted.
     */
    CampaignEngine restart(int index) {
        Node node = new Node(dataSources.apply(index));
        CampaignEngine engine = engine(index, node);
        synchronized (this) {
            nodes.add(node);
            dead.add(engines.set(index, engine));
        }
        engine.start();
        return engine;
    }

    /** Uploads a CSV of the numbers and creates a draft campaign through the first node. */
    Campaign create(List<String> numbers, int maxConcurrency, RetryConfig retry) {
        String key = "uploads/" + System.nanoTime() + ".csv";
        String csv = "phone_number,name\n" + IntStream.range(0, numbers.size())
                .mapToObj(i -> numbers.get(i) + ",Contact " + i).collect(Collectors.joining("\n")) + "\n";
        files.put(key, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        return engines.get(0).campaigns().create(ORG, CreateCampaignRequest.of("cluster", 247, key, maxConcurrency)
                .withRetryConfig(retry));
    }

    /**
     * Kills node {@code index} at its first dial after {@code dials} dials in the cluster; from then on outcomes
     * reach the engine of {@code survivor}.
     */
    void killAfterDials(int index, int survivor, int dials) {
        Node node = nodes.get(index);
        node.killAfter = dials;
        node.survivor = survivor;
    }

    /**
     * Kills node {@code index} at its own {@code dial}-th dial (which is not placed), whatever the other nodes
     * dial: deterministic when the node has claimed that many calls; from then on outcomes reach the engine of
     * {@code survivor}.
     */
    void killAtOwnDial(int index, int survivor, int dial) {
        Node node = nodes.get(index);
        node.killAtOwnDial = dial;
        node.survivor = survivor;
    }

    /** How many calls node {@code index}'s first process has handed to the provider. */
    int ownDials(int index) {
        return nodes.get(index).ownDials.get();
    }

    /** How many calls the nodes have handed to the provider. */
    int dialCount() {
        return dialled.get();
    }

    /** Whether the killed node has stopped dead. */
    boolean stopped(int index) {
        return nodes.get(index).stopped.getCount() == 0;
    }

    /** The progress of each campaign once none is running, checked every 20 ms, waiting up to a limit. */
    List<CampaignProgress> awaitEnd(List<Campaign> campaigns, Duration limit) throws Exception {
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        CompletableFuture<List<CampaignProgress>> finished = new CompletableFuture<>();
        poller.scheduleWithFixedDelay(() -> {
            try {
                List<CampaignProgress> progress = campaigns.stream()
                        .map(c -> engines.get(0).campaigns().progress(ORG, c.id())).toList();
                if (progress.stream().noneMatch(p -> p.status() == CampaignStatus.RUNNING)) {
                    finished.complete(progress);
                }
            } catch (RuntimeException e) {
                // The database may be down for a while: look again at the next tick.
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        try {
            return finished.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            poller.shutdownNow();
        }
    }

    @Override
    public void close() {
        telephony.stopRealTime();
        nodes.forEach(n -> n.release.countDown());
        engines.forEach(CampaignEngine::close);
        dead.forEach(CampaignEngine::close);
    }

    /** One node's view of the provider: dials pass through until the node is killed. */
    private final class Node implements Telephony {
        private final DataSource dataSource;
        private final CountDownLatch release = new CountDownLatch(1);
        private final CountDownLatch stopped = new CountDownLatch(1);
        private volatile int killAfter = Integer.MAX_VALUE;
        private volatile int killAtOwnDial = Integer.MAX_VALUE;
        private volatile int survivor;
        private final AtomicInteger ownAttempts = new AtomicInteger();
        private final AtomicInteger ownDials = new AtomicInteger();

        Node(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public void dial(CallRequest request) {
            if (dialled.get() >= killAfter || ownAttempts.incrementAndGet() >= killAtOwnDial) {
                telephony.connect(engines.get(survivor).calls());
                if (dataSource instanceof HikariDataSource pool) {
                    pool.close();
                }
                stopped.countDown();
                try {
                    release.await(); // the node's dispatcher thread is halted for the rest of the test
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("node is dead");
            }
            dialled.incrementAndGet();
            ownDials.incrementAndGet();
            telephony.dial(request);
        }
    }
}
