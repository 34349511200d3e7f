package io.gradientconnector.port;

import java.time.Duration;
import java.util.Optional;

/**
 * The one rate budget every Gradient request draws from, in every container: a request is sent only with a permit
 * of its scope (the vendor key, or one partner token). The Gradient client takes a permit before each attempt, so
 * use cases never see it. Implementations are thread-safe.
 */
public interface RateBudget {

    /**
     * Waits until one request of {@code scope} may be sent and must then be sent at once.
     *
     * @param scope    which budget (an opaque name that never contains a key)
     * @param maxWait  the longest the caller may wait (e.g. until its deadline); null for no limit
     * @return how long the caller waited, or empty when no permit could be granted within {@code maxWait}
     * @throws StoreUnavailableException the shared budget could not be read or updated
     */
    Optional<Duration> acquire(String scope, Duration maxWait) throws InterruptedException;

    /**
     * Gradient answered 429 for {@code scope}: no permit of the scope is granted, in any container, for
     * {@code pause} from now.
     */
    void backOff(String scope, Duration pause);
}
