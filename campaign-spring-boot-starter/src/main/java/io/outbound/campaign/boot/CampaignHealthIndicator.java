package io.outbound.campaign.boot;

import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.spi.CampaignStore;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The engine's health ({@code campaign} in Actuator's health endpoint): down when the store cannot be reached or
 * when the engine was started with the context and its dispatcher is no longer running.
 *
 * <p>The store check is one indexed read of a campaign that does not exist, so it also fails when the campaign
 * tables are missing.
 */
public class CampaignHealthIndicator extends AbstractHealthIndicator {
    /** No organisation has this id (organisation ids are the host's), and no campaign has id 0. */
    private static final String PROBE_ORG = "health-check";

    private final CampaignEngine engine;
    private final CampaignStore store;
    private final CampaignEngineLifecycle lifecycle;

    /**
     * @param engine    the engine whose dispatcher is checked
     * @param store     the store that must answer
     * @param lifecycle whether the engine is meant to be dispatching; {@code null} when nothing starts it
     */
    public CampaignHealthIndicator(CampaignEngine engine, CampaignStore store, CampaignEngineLifecycle lifecycle) {
        super("campaign health check failed");
        this.engine = engine;
        this.store = store;
        this.lifecycle = lifecycle;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("node", engine.nodeId());
        boolean up = true;
        try {
            store.findCampaign(PROBE_ORG, 0L);
            builder.withDetail("store", "reachable");
        } catch (RuntimeException e) {
            up = false;
            builder.withDetail("store", "unreachable: " + e.getMessage());
        }
        boolean meantToRun = lifecycle != null && lifecycle.isRunning();
        if (engine.isDispatching()) {
            builder.withDetail("dispatcher", "running");
        } else if (meantToRun) {
            up = false;
            builder.withDetail("dispatcher", "stopped");
        } else {
            builder.withDetail("dispatcher", "not started");
        }
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
