package io.outbound.campaign.boot;

import io.outbound.campaign.CampaignEngine;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the engine's dispatching when the application context has started, and closes the engine when it stops.
 *
 * <p>Its phase is {@link SmartLifecycle#DEFAULT_PHASE}: it starts after the web server (so the webhooks that report
 * outcomes are being served before the first dial) and stops before it. On stop the engine claims nothing more,
 * gives back the calls it claimed and had not dialled, and waits up to {@code campaign.shutdown-timeout} for dials in
 * progress; outcomes that arrive while the web server drains are still recorded, since reporting needs only the
 * store.
 */
public class CampaignEngineLifecycle implements SmartLifecycle {
    private final CampaignEngine engine;
    private final boolean autoStartup;
    private volatile boolean running;

    /**
     * @param engine      the engine to start and close
     * @param autoStartup whether to start it with the context ({@code campaign.auto-startup})
     */
    public CampaignEngineLifecycle(CampaignEngine engine, boolean autoStartup) {
        this.engine = engine;
        this.autoStartup = autoStartup;
    }

    @Override
    public void start() {
        engine.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        engine.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }
}
