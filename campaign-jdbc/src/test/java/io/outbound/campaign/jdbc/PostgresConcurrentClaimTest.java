package io.outbound.campaign.jdbc;

import static io.outbound.campaign.jdbc.StoreFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.ClaimResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several nodes (threads, each with its own node id) claim and report on one PostgreSQL at once, on two
 * campaigns of one organisation. What the threads observe, not what the store says, must respect every cap:
 * a call counts as in flight from the moment its claim returned until just before its outcome is reported,
 * an interval inside the one the store holds its slot, so an observed excess is a real one.
 */
class PostgresConcurrentClaimTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private static final int NODES = 4;
    private static final int CAMPAIGN_CAP = 6;
    private static final int ORG_LIMIT = 9;
    private static final int CONTACTS = 300;
    private static final String ORG = "org-1";

    private final AtomicLong clockSeconds = new AtomicLong();
    private final ConcurrentHashMap<Long, AtomicInteger> campaignInFlight = new ConcurrentHashMap<>();
    private final AtomicInteger orgInFlight = new AtomicInteger();
    private final AtomicInteger maxOrgInFlight = new AtomicInteger();
    private final ConcurrentHashMap<Long, AtomicInteger> maxCampaignInFlight = new ConcurrentHashMap<>();
    private final Set<String> phonesInCalls = ConcurrentHashMap.newKeySet();
    private final Set<String> numbersInCalls = ConcurrentHashMap.newKeySet();
    private final Set<String> sessionIds = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void nodes_claiming_at_once_never_share_a_contact_nor_a_caller_number_nor_exceed_a_cap() throws Exception {
        DataSource dataSource = DATABASES.postgres(NODES * 2);
        JdbcCampaignStore store = JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
        StoreFixture fixture = new StoreFixture(store);
        List<Campaign> campaigns = List.of(fixture.running(ORG, CONTACTS, CAMPAIGN_CAP),
                fixture.running(ORG, CONTACTS, CAMPAIGN_CAP));
        campaigns.forEach(c -> {
            campaignInFlight.put(c.id(), new AtomicInteger());
            maxCampaignInFlight.put(c.id(), new AtomicInteger());
        });
        List<String> callerNumbers = StoreFixture.numbers(ORG_LIMIT + 3);

        long started = System.nanoTime();
        ExecutorService nodes = Executors.newFixedThreadPool(NODES);
        List<Future<?>> runs = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            String node = "node-" + n;
            Random random = new Random(n);
            runs.add(nodes.submit(() -> {
                for (int round = 0; round < 3000 && (round % 16 != 0 || !allDone(fixture, campaigns)); round++) {
                    Campaign campaign = campaigns.get(random.nextInt(campaigns.size()));
                    Instant now = T0.plusSeconds(clockSeconds.addAndGet(1));
                    ClaimResult claim = store.claim(new ClaimRequest(campaign.id(), node, now,
                            now.plus(Duration.ofHours(1)), 1 + random.nextInt(4), ORG_LIMIT, callerNumbers));
                    claim.calls().forEach(this::callStarted);
                    for (CallSession call : claim.calls()) {
                        CallOutcome outcome = CallOutcome.values()[random.nextInt(CallOutcome.values().length)];
                        callEnding(call);
                        fixture.report(call.sessionId(), outcome, now.plusSeconds(random.nextInt(30)));
                    }
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get(3, TimeUnit.MINUTES);
        }
        nodes.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("concurrent claims on PostgreSQL: %d calls claimed and recorded by %d nodes in %.2f s"
                + " (%.0f calls/s)%n", calls.get(), NODES, seconds, calls.get() / seconds);

        assertThat(violations).isEmpty();
        assertThat(maxOrgInFlight.get()).isLessThanOrEqualTo(ORG_LIMIT);
        maxCampaignInFlight.values().forEach(max -> assertThat(max.get()).isLessThanOrEqualTo(CAMPAIGN_CAP));
        assertThat(maxOrgInFlight.get()).as("the test must have pushed against the cap").isGreaterThan(CAMPAIGN_CAP);
        for (Campaign campaign : campaigns) {
            Campaign end = fixture.reload(campaign);
            assertThat(end.status()).isEqualTo(CampaignStatus.COMPLETED);
            assertThat(end.progress()).isEqualTo(Recount.progress(dataSource, campaign.id(), end.status()));
            assertThat(end.progress().completed() + end.progress().failed()).isEqualTo(CONTACTS);
        }
        assertThat(Recount.orgInFlight(dataSource, ORG)).isZero();
        assertThat(Recount.heldNumbers(dataSource)).isZero();
    }

    private boolean allDone(StoreFixture fixture, List<Campaign> campaigns) {
        return campaigns.stream().allMatch(c -> fixture.reload(c).status() == CampaignStatus.COMPLETED);
    }

    private void callStarted(CallSession call) {
        calls.incrementAndGet();
        if (!sessionIds.add(call.sessionId())) {
            violations.add("session id reused: " + call.sessionId());
        }
        if (!phonesInCalls.add(call.campaignId() + call.phoneNumber())) {
            violations.add("contact in two calls at once: " + call.phoneNumber());
        }
        if (!numbersInCalls.add(call.callerNumber())) {
            violations.add("caller number in two calls at once: " + call.callerNumber());
        }
        int campaignNow = campaignInFlight.get(call.campaignId()).incrementAndGet();
        maxCampaignInFlight.get(call.campaignId()).accumulateAndGet(campaignNow, Math::max);
        maxOrgInFlight.accumulateAndGet(orgInFlight.incrementAndGet(), Math::max);
    }

    private void callEnding(CallSession call) {
        campaignInFlight.get(call.campaignId()).decrementAndGet();
        orgInFlight.decrementAndGet();
        phonesInCalls.remove(call.campaignId() + call.phoneNumber());
        numbersInCalls.remove(call.callerNumber());
    }
}
