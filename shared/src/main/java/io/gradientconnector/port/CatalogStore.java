package io.gradientconnector.port;

import io.gradientconnector.domain.ServiceKey;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Which Gradient service id each catalog service key was created as, and who may create it.
 * Thread-safe; the DynamoDB implementation holds across processes.
 */
public interface CatalogStore {

    /** What {@link #claim} found. */
    enum Claim {
        /** Nobody had claimed the service: the caller may create it. */
        CLAIMED,
        /**
         * An earlier claim had expired: its owner may have created the service without recording it, so
         * the caller must look for it in Gradient by name before creating it.
         */
        RECLAIMED,
        /** Another owner's claim is still running: the caller must not create it. */
        HELD,
        /** The service's Gradient id is recorded already. */
        RECORDED
    }

    Optional<String> gradientServiceId(ServiceKey service);

    /** Every recorded mapping (claims without an id are not mappings). */
    Map<ServiceKey, String> all();

    /**
     * Claims the creation of {@code service} for {@code owner} until {@code now + lease}, atomically:
     * of any number of concurrent callers, in any number of processes, at most one holds an unexpired
     * claim. The same owner claiming again renews its claim ({@link Claim#CLAIMED}).
     */
    Claim claim(ServiceKey service, String owner, Instant now, Duration lease);

    /** Records (or replaces) the Gradient service id of {@code service}, ending any claim. */
    void put(ServiceKey service, String gradientServiceId, String name);
}
