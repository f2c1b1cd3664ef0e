package io.outbound.campaign.benchmarks;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.FileStore;
import io.outbound.campaign.spi.Telephony;
import io.outbound.campaign.spi.TelephonyConfigs;
import java.util.ArrayList;
import java.util.List;

/** Engines as the scenarios build them: one organisation, enough caller numbers never to be the cap. */
final class Engines {

    static final String ORG = "bench-org";
    /** The most a campaign may run at once. */
    static final int MAX_CONCURRENCY = 1000;
    private static final List<String> CALLER_NUMBERS = callerNumbers(MAX_CONCURRENCY);

    private Engines() {
    }

    /** An engine on the store and files, dialling through the telephony (connected to the engine). */
    static CampaignEngine build(CampaignStore store, FileStore files, InstantTelephony telephony, String nodeId) {
        CampaignEngine engine = builder(store, files, telephony, nodeId).build();
        telephony.connect(engine.calls());
        return engine;
    }

    /** A builder set as {@link #build} sets it, for a scenario that changes more (the dial pool's size). */
    static CampaignEngine.Builder builder(CampaignStore store, FileStore files, Telephony telephony, String nodeId) {
        return CampaignEngine.builder()
                .store(store)
                .files(files)
                .telephony(telephony)
                .telephonyConfigs(TelephonyConfigs.defaultNumbers(CALLER_NUMBERS))
                .nodeId(nodeId);
    }

    /** Creates a draft campaign of the file under the key. */
    static Campaign create(CampaignEngine engine, String name, String key) {
        return create(engine, name, key, MAX_CONCURRENCY);
    }

    /** Creates a draft campaign of the file under the key with its own {@code max_concurrency}. */
    static Campaign create(CampaignEngine engine, String name, String key, int maxConcurrency) {
        return create(engine, name, key, maxConcurrency, null);
    }

    /** Creates a draft campaign of the file under the key with contact rules ({@code null}: the defaults). */
    static Campaign create(CampaignEngine engine, String name, String key, int maxConcurrency,
                           io.outbound.campaign.ContactRules rules) {
        if (maxConcurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("there are caller numbers for " + MAX_CONCURRENCY
                    + " calls at once, not " + maxConcurrency);
        }
        return engine.campaigns().create(ORG, CreateCampaignRequest.of(name, 1, key, maxConcurrency)
                .withContactRules(rules));
    }

    /** Starts the campaign and drives dispatch on this thread until every contact has ended; the seconds taken. */
    static double dispatchToTheEnd(CampaignEngine engine, long campaignId) {
        long started = System.nanoTime();
        engine.campaigns().start(ORG, campaignId);
        long ended = -1;
        int idlePasses = 0;
        CampaignProgress progress;
        while (!(progress = progress(engine, campaignId)).finished()) {
            engine.runOnce();
            long nowEnded = progress.completed() + progress.failed();
            idlePasses = nowEnded == ended ? idlePasses + 1 : 0;
            ended = nowEnded;
            if (idlePasses > 1000) {
                throw new IllegalStateException("dispatch stopped making progress: " + progress);
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** The caller numbers every engine of the suite is given, as the default telephony configuration's. */
    static List<String> callerNumbers() {
        return CALLER_NUMBERS;
    }

    static CampaignProgress progress(CampaignEngine engine, long campaignId) {
        return engine.campaigns().progress(ORG, campaignId);
    }

    private static List<String> callerNumbers(int count) {
        List<String> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            numbers.add(String.format("+4420794%05d", i));
        }
        return List.copyOf(numbers);
    }
}
