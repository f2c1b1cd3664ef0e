package io.outbound.campaign.events;

import java.time.Duration;

/**
 * Told how long the engine's store operations (each claim, handover and outcome record) and its dials took, and
 * whether they failed: the hook that latency and error metrics are built on, without a metrics library in core.
 * Register any number with {@code CampaignEngine.builder().observer(observer)}.
 *
 * <p>Unlike a {@link CampaignListener}, an observer is called synchronously, on the thread that ran the
 * operation (the dispatcher, a dial thread, a thread reporting an outcome), right after it returned or threw: it
 * must be quick and must not block (recording into a timer is fine). An observer that throws is logged and
 * ignored. Durations are measured with {@link System#nanoTime()}: they are elapsed times, not times of day.
 */
public interface EngineObserver {

    /**
     * One store operation finished.
     *
     * @param operation which operation
     * @param elapsed   how long it took
     * @param failure   what it threw, or {@code null} when it succeeded
     */
    default void storeOperation(StoreOperation operation, Duration elapsed, Throwable failure) {
    }

    /**
     * One dial returned: {@code Telephony.dial} (or the stage of {@code dialAsync}) completed, from the moment it
     * was called.
     *
     * @param elapsed how long the telephony took to accept or refuse the call
     * @param failure what it threw, or {@code null} when the provider accepted the call; a dial cancelled after
     *                its timeout fails with a {@link java.util.concurrent.CancellationException}
     */
    default void dialReturned(Duration elapsed, Throwable failure) {
    }
}
