package io.outbound.campaign.events;

import java.time.Duration;

/**
 * Told how long each claim, handover and outcome record took in the store, and whether it failed: the hook that
 * store-latency and store-error metrics are built on, without a metrics library in core. Register any number
 * with {@code CampaignEngine.builder().storeObserver(observer)}.
 *
 * <p>Unlike a {@link CampaignListener}, an observer is called synchronously, on the thread that ran the
 * operation (the dispatcher, a dial thread, a thread reporting an outcome), right after it returned or threw: it
 * must be quick and must not block (recording into a timer is fine). An observer that throws is logged and
 * ignored.
 */
@FunctionalInterface
public interface StoreObserver {

    /**
     * One store operation finished.
     *
     * @param operation which operation
     * @param elapsed   how long it took (measured with {@link System#nanoTime()}: a duration, not a time of day)
     * @param failure   what it threw, or {@code null} when it succeeded
     */
    void stored(StoreOperation operation, Duration elapsed, Throwable failure);
}
