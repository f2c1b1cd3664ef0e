package io.outbound.campaign.internal.engine;

import io.outbound.campaign.events.EngineObserver;
import io.outbound.campaign.events.StoreOperation;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Times store operations and dials for the {@link EngineObserver}s; without any, it only runs them. */
final class EngineTiming {
    private static final Logger log = LoggerFactory.getLogger(EngineTiming.class);

    private final List<EngineObserver> observers;

    EngineTiming(List<EngineObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    <T> T time(StoreOperation operation, Supplier<T> call) {
        if (observers.isEmpty()) {
            return call.get();
        }
        long start = System.nanoTime();
        T result;
        try {
            result = call.get();
        } catch (RuntimeException | Error e) {
            tell(operation, System.nanoTime() - start, e);
            throw e;
        }
        tell(operation, System.nanoTime() - start, null);
        return result;
    }

    private void tell(StoreOperation operation, long nanos, Throwable failure) {
        Duration elapsed = Duration.ofNanos(nanos);
        for (EngineObserver observer : observers) {
            try {
                observer.storeOperation(operation, elapsed, failure);
            } catch (RuntimeException e) {
                log.warn("engine observer {} failed", observer.getClass().getName(), e);
            }
        }
    }

    /** A start instant for {@link #dialReturned}: 0 when nobody observes, so no clock is read. */
    long dialStarted() {
        return observers.isEmpty() ? 0 : System.nanoTime();
    }

    /** A dial started at {@code startNanos} (from {@link #dialStarted}) returned or failed. */
    void dialReturned(long startNanos, Throwable failure) {
        if (observers.isEmpty()) {
            return;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        for (EngineObserver observer : observers) {
            try {
                observer.dialReturned(elapsed, failure);
            } catch (RuntimeException e) {
                log.warn("engine observer {} failed", observer.getClass().getName(), e);
            }
        }
    }
}
