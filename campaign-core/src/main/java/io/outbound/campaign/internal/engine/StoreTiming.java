package io.outbound.campaign.internal.engine;

import io.outbound.campaign.events.StoreObserver;
import io.outbound.campaign.events.StoreOperation;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Times store operations for the {@link StoreObserver}s; without any, it only runs them. */
final class StoreTiming {
    private static final Logger log = LoggerFactory.getLogger(StoreTiming.class);

    private final List<StoreObserver> observers;

    StoreTiming(List<StoreObserver> observers) {
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
        for (StoreObserver observer : observers) {
            try {
                observer.stored(operation, elapsed, failure);
            } catch (RuntimeException e) {
                log.warn("store observer {} failed", observer.getClass().getName(), e);
            }
        }
    }
}
