package io.gradientconnector.port;

import io.gradientconnector.domain.PartnerId;

import java.time.Duration;
import java.time.Instant;

/**
 * A short per-partner lock around the changes that must keep the stored key and the partner record in step
 * (submitting a key, disconnecting). Without it two submissions racing could leave the secret of one and the
 * record (fingerprint) of the other. A lock expires by itself, so a crashed holder blocks the partner for at most
 * its time to live. Implementations are thread-safe.
 */
public interface PartnerLocks {

    /**
     * Takes the partner's lock for {@code owner} until {@code now + ttl}, if it is free, expired, or already
     * {@code owner}'s. Returns whether {@code owner} holds it now.
     */
    boolean tryAcquire(PartnerId partnerId, String owner, Instant now, Duration ttl);

    /** Releases the lock if {@code owner} still holds it; nothing happens otherwise. */
    void release(PartnerId partnerId, String owner);
}
