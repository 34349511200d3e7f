package io.gradientconnector.port;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.testing.TestEvents;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Base of the store contract suites: each test gets fresh stores (a fresh table for DynamoDB), a
 * hand-moved clock and a unique partner id. Subclasses say how stores are made.
 */
public abstract class StoreContractSupport {
    protected static final Duration DEDUP_TTL = Duration.ofDays(30);

    protected MutableClock clock;
    protected ConnectorStores stores;
    protected PartnerId partner;

    /** Fresh, empty stores on {@code clock}. */
    protected abstract ConnectorStores newStores(MutableClock clock);

    @BeforeEach
    void freshStores() {
        clock = MutableClock.at("2025-06-01T12:00:00Z");
        stores = newStores(clock);
        partner = TestEvents.uniquePartner();
    }

    /** Runs every task at once on {@code threads} threads and returns their results in task order. */
    protected static <T> List<T> concurrently(int threads, List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = pool.invokeAll(tasks);
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every item of a paged listing, following cursors to the end. */
    protected static <T> List<T> all(Function<Optional<String>, Page<T>> lister) {
        List<T> items = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<T> page = lister.apply(cursor);
            items.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return items;
    }
}
