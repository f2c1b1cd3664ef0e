package io.outbound.campaign.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.ContactRules;
import io.outbound.campaign.Jurisdiction;
import io.outbound.campaign.memory.InMemoryCampaignStore;
import io.outbound.campaign.spi.CampaignStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code dispatch-local-rules}: what calling under a jurisdiction costs. A campaign over US numbers taking turns
 * between four time zones (New York, Chicago, Denver, Los Angeles), every call completing the moment it is
 * dialled, with {@code contact_rules: {"jurisdiction": "us"}} against the same campaign without contact rules
 * (suppression still checked, as by default), on the same engine, store and clock, in the same run. The engine's
 * clock is the system clock moved to a Wednesday at 17:00 UTC, when every one of the four zones is open, so that
 * both runs dial everything at once and the figure is the cost of the rules, not of waiting for hours.
 *
 * <p>On the in-memory store, {@value #MEMORY_CONTACTS} contacts driven by {@code runOnce()} on one thread (as
 * {@code dispatch-memory}); on PostgreSQL, {@value #JDBC_CONTACTS} contacts and one node on its own threads (as
 * {@code dispatch-jdbc}'s one node). Target: at least 0.8x for each.
 */
final class DispatchLocalRulesScenario implements Scenario {

    static final int MEMORY_CONTACTS = 1_000_000;
    static final int JDBC_CONTACTS = 50_000;
    static final double TARGET_RATIO = 0.8;
    private static final ContactRules US = ContactRules.of(Jurisdiction.US);
    private final Completions completions = new Completions();

    @Override
    public String name() {
        return "dispatch-local-rules";
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        Clock open = openEverywhere();
        ContactFile memoryFile = ContactFile.usFourZones(context.size(MEMORY_CONTACTS));
        String memoryKey = StoredFiles.key(context, memoryFile);
        String warmupKey = StoredFiles.key(context, ContactFile.usFourZones(Math.max(1, memoryFile.rows() / 10)));
        memory(context, open, warmupKey, US, memoryFile.rows() / 10);
        memory(context, open, warmupKey, null, memoryFile.rows() / 10);
        double memoryPlain = memory(context, open, memoryKey, null, memoryFile.rows());
        double memoryRules = memory(context, open, memoryKey, US, memoryFile.rows());

        ContactFile jdbcFile = ContactFile.usFourZones(context.size(JDBC_CONTACTS));
        String jdbcKey = StoredFiles.key(context, jdbcFile);
        String url = Databases.fresh(context, "bench_local_rules");
        double jdbcPlain;
        double jdbcRules;
        try (HikariDataSource pool = Databases.pool(url, DispatchJdbcScenario.POOL_SIZE)) {
            CampaignStore store = Databases.store(pool);
            InstantTelephony telephony = new InstantTelephony();
            try (CampaignEngine engine = Engines.builder(store, StoredFiles.store(context), telephony, "rules-node")
                    .clock(open).dialConcurrency(DispatchJdbcScenario.WORKERS).listener(completions).build()) {
                telephony.connect(engine.calls());
                engine.start();
                String warmup = StoredFiles.key(context, ContactFile.usFourZones(Math.max(1, jdbcFile.rows() / 10)));
                running(engine, Engines.create(engine, "warmup", warmup, Engines.MAX_CONCURRENCY, US),
                        Math.max(1, jdbcFile.rows() / 10));
                jdbcPlain = running(engine, Engines.create(engine, "plain", jdbcKey, Engines.MAX_CONCURRENCY, null),
                        jdbcFile.rows());
                jdbcRules = running(engine, Engines.create(engine, "us", jdbcKey, Engines.MAX_CONCURRENCY, US),
                        jdbcFile.rows());
            }
        }
        return List.of(
                Figure.against(name(), "memory_calls_per_second", memoryRules, memoryPlain, "calls/s")
                        .ratioAtLeast(TARGET_RATIO),
                Figure.against(name(), "jdbc_calls_per_second", jdbcRules, jdbcPlain, "calls/s")
                        .ratioAtLeast(TARGET_RATIO),
                Figure.of(name(), "memory_contacts", memoryFile.rows(), "contacts"),
                Figure.of(name(), "jdbc_contacts", jdbcFile.rows(), "contacts"));
    }

    /** The system clock moved to the coming Wednesday 17:00 UTC: 12:00-13:00 in New York, 09:00-10:00 in LA. */
    private static Clock openEverywhere() {
        Instant target = Instant.parse("2027-03-03T17:00:00Z");
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), target));
    }

    private static double memory(BenchContext context, Clock clock, String key, ContactRules rules, int contacts) {
        InstantTelephony telephony = new InstantTelephony();
        try (CampaignEngine engine = Engines.builder(new InMemoryCampaignStore(), StoredFiles.store(context),
                telephony, "memory-node").clock(clock).build()) {
            telephony.connect(engine.calls());
            Campaign campaign = Engines.create(engine, "local rules", key, Engines.MAX_CONCURRENCY, rules);
            double seconds = Engines.dispatchToTheEnd(engine, campaign.id());
            expectCompleted(engine, campaign, contacts);
            return contacts / seconds;
        }
    }

    /** Calls a second of the started engine dialling the campaign, as {@code dispatch-jdbc} measures one node. */
    private double running(CampaignEngine engine, Campaign campaign, int contacts) throws InterruptedException {
        return DispatchJdbcScenario.nodes(List.of(engine), campaign, contacts, completions);
    }

    private static void expectCompleted(CampaignEngine engine, Campaign campaign, int contacts) {
        CampaignProgress progress = Engines.progress(engine, campaign.id());
        if (progress.completed() != contacts) {
            throw new IllegalStateException("expected " + contacts + " completed calls, got " + progress);
        }
    }
}
