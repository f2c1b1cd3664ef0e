package io.outbound.campaign.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.jdbc.JdbcCampaignStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code dispatch-jdbc}: a campaign of 100,000 contacts on PostgreSQL, every call completing the moment it is
 * dialled, one engine node running on its own threads (its dispatcher, and a dial pool of {@value #WORKERS}
 * places whose threads also record the outcomes): completed calls a second from start to the last outcome.
 * Baseline: db-scheduler executing 100,000 one-time no-op tasks on the same server with {@value #WORKERS}
 * executor threads (its default), scheduled beforehand and timed from the scheduler's start to the last
 * execution. Each side has a pool of {@value #POOL_SIZE} connections. Target: at least 1x. The baseline is the
 * nearest off-the-shelf work of the same shape (a durable queue of due work on the same database, each item taken
 * under a lock and marked done): it picks and completes one row per task; it does not take a campaign slot or a
 * caller number, keep a contact's state or a session, or move a campaign's counters, all of which a call does,
 * and its tasks are written before its clock starts, as the campaign's contacts are imported before the engine's.
 *
 * <p>Then three such nodes, each with its own store and pool, on one campaign, against one node on the same
 * campaign size ({@code three_nodes_calls_per_second}). {@code one_node_ms_per_call_in_*} split one node's store
 * time per call among the store's operations, summed over its threads, and {@code one_node_*_per_1000_calls} count
 * them: a breakdown, with no baseline of its own.
 *
 * <p>{@code database_ms_per_call}, {@code wal_records_per_call} and {@code buffers_per_call}: what PostgreSQL
 * executed for one node's measured campaign per call (statement time, WAL records, shared buffers, from
 * {@code pg_stat_statements}), against the same for db-scheduler's timed phase per task. WAL records and buffers
 * come out the same from run to run and statement time drifts less than the rates (a task's moved between 0.09 and
 * 0.12 ms on 2 cores): they say how much less a call would have to cost the database for the rate to reach the
 * baseline's on a machine where PostgreSQL is the bound.
 */
final class DispatchJdbcScenario implements Scenario {

    static final int CONTACTS = 100_000;
    static final double TARGET_RATIO = 1.0;
    /** db-scheduler's executor threads (its default), and each engine node's dial concurrency. */
    static final int WORKERS = 10;
    /** Connections of each side's pool (each engine node's): every worker, the poller or dispatcher, and one spare. */
    static final int POOL_SIZE = WORKERS + 2;
    private static final int NODES = 3;

    @Override
    public String name() {
        return "dispatch-jdbc";
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        int contacts = context.size(CONTACTS);
        String url = Databases.fresh(context, "bench_dispatch");
        ContactFile file = ContactFile.allValid(contacts);
        String key = StoredFiles.key(context, file);
        String warmupKey = StoredFiles.key(context, ContactFile.allValid(Math.max(1, contacts / 10)));

        StoreTimings timings = new StoreTimings();
        Completions completions = new Completions();
        List<HikariDataSource> pools = new ArrayList<>();
        List<CampaignEngine> engines = new ArrayList<>();
        try {
            for (int i = 0; i < NODES; i++) {
                HikariDataSource pool = Databases.pool(url, POOL_SIZE);
                pools.add(pool);
                JdbcCampaignStore store = Databases.store(pool);
                InstantTelephony telephony = new InstantTelephony();
                CampaignEngine engine = Engines.builder(i == 0 ? timings.wrap(store) : store,
                        StoredFiles.store(context), telephony, "node-" + i).dialConcurrency(WORKERS)
                        .listener(completions).build();
                telephony.connect(engine.calls());
                engines.add(engine);
            }
            CampaignEngine first = engines.get(0);
            first.start();
            nodes(List.of(first), Engines.create(first, "warmup", warmupKey), Math.max(1, file.rows() / 10),
                    completions);
            Campaign measured = Engines.create(first, "one node", key);
            timings.reset();
            StatementStats.reset(url);
            double oneNode = nodes(List.of(first), measured, file.rows(), completions);
            StatementStats.Totals oneNodeDatabase = StatementStats.read(url);
            Map<String, Double> seconds = timings.seconds();
            Map<String, Long> operations = timings.calls();
            engines.forEach(CampaignEngine::start);
            double threeNodes = nodes(engines, Engines.create(first, "three nodes", key), file.rows(), completions);
            StatementStats.Totals[] schedulerDatabase = new StatementStats.Totals[1];
            double dbScheduler = dbScheduler(url, file.rows(), schedulerDatabase);
            double calls = file.rows();
            List<Figure> figures = new ArrayList<>(List.of(
                    Figure.against(name(), "calls_per_second", oneNode, dbScheduler, "calls/s")
                            .ratioAtLeast(TARGET_RATIO),
                    Figure.against(name(), "three_nodes_calls_per_second", threeNodes, oneNode, "calls/s"),
                    Figure.of(name(), "calls_per_campaign", file.rows(), "calls"),
                    // The database work of one node's call against one db-scheduler task (same count of each).
                    Figure.against(name(), "database_ms_per_call", oneNodeDatabase.executionMs() / calls,
                            schedulerDatabase[0].executionMs() / calls, "ms"),
                    Figure.against(name(), "wal_records_per_call", oneNodeDatabase.walRecords() / calls,
                            schedulerDatabase[0].walRecords() / calls, "records"),
                    Figure.against(name(), "buffers_per_call", oneNodeDatabase.buffers() / calls,
                            schedulerDatabase[0].buffers() / calls, "buffers")));
            // Where one node's time goes: milliseconds per completed call in each store operation.
            seconds.forEach((operation, spent) -> figures.add(Figure.of(name(),
                    "one_node_ms_per_call_in_" + StoreTimings.snake(operation), spent * 1000 / file.rows(), "ms")));
            // How often each is called: a claim or handover of many calls costs one round of locks.
            operations.forEach((operation, count) -> figures.add(Figure.of(name(),
                    "one_node_" + StoreTimings.snake(operation) + "_per_1000_calls", count * 1000.0 / file.rows(),
                    "operations")));
            return figures;
        } finally {
            engines.forEach(CampaignEngine::close);
            pools.forEach(HikariDataSource::close);
        }
    }

    /** Calls a second of the started nodes dialling the campaign, from its start to its last outcome. */
    static double nodes(List<CampaignEngine> engines, Campaign campaign, int contacts, Completions completions)
            throws InterruptedException {
        CampaignEngine first = engines.get(0);
        long started = System.nanoTime();
        first.campaigns().start(Engines.ORG, campaign.id());
        completions.await(first, campaign.id(), started + TimeUnit.MINUTES.toNanos(30));
        double seconds = Timing.since(started);
        expectCompleted(first, campaign, contacts);
        return contacts / seconds;
    }

    private static void expectCompleted(CampaignEngine engine, Campaign campaign, int contacts) {
        CampaignProgress progress = Engines.progress(engine, campaign.id());
        if (progress.completed() != contacts) {
            throw new IllegalStateException("expected " + contacts + " completed calls, got " + progress);
        }
    }

    /**
     * Executions a second of db-scheduler running {@code tasks} no-op one-time tasks, all due at once; what the
     * database executed from its start to the last execution goes into {@code database[0]}.
     */
    private static double dbScheduler(String url, int tasks, StatementStats.Totals[] database) throws Exception {
        try (HikariDataSource pool = Databases.pool(url, POOL_SIZE)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 InputStream ddl = DispatchJdbcScenario.class.getResourceAsStream("db-scheduler-postgresql.sql")) {
                s.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
            }
            CountDownLatch executed = new CountDownLatch(tasks);
            OneTimeTask<Void> noop = Tasks.oneTime("noop").execute((instance, context) -> executed.countDown());
            Scheduler scheduler = Scheduler.create(pool, noop)
                    .threads(WORKERS)
                    .pollUsingLockAndFetch(0.5, 1.0)
                    .pollingInterval(Duration.ofMillis(100))
                    .build();
            List<TaskInstance<?>> instances = new ArrayList<>(tasks);
            for (int i = 0; i < tasks; i++) {
                instances.add(noop.instance("task-" + i));
            }
            scheduler.scheduleBatch(instances, Instant.now());
            StatementStats.reset(url);
            long started = System.nanoTime();
            scheduler.start();
            try {
                if (!executed.await(30, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("db-scheduler left " + executed.getCount() + " tasks unexecuted");
                }
                double rate = tasks / Timing.since(started);
                database[0] = StatementStats.read(url);
                return rate;
            } finally {
                scheduler.stop();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the db-scheduler schema", e);
        }
    }
}
