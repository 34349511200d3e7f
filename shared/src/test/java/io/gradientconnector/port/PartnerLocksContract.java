package io.gradientconnector.port;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link PartnerLocks} must do; run against the fake and against DynamoDB. */
public abstract class PartnerLocksContract {
    private static final Duration TTL = Duration.ofSeconds(60);
    private final Instant now = Instant.parse("2025-03-01T10:00:00Z");

    protected abstract PartnerLocks locks();

    private final PartnerId partner = TestEvents.uniquePartner();

    @Test
    void tryAcquire_shouldGrantTheLock_whenItIsFree() {
        assertTrue(locks().tryAcquire(partner, "a", now, TTL));
    }

    @Test
    void tryAcquire_shouldRefuseAnotherOwner_whenTheLockIsHeld() {
        PartnerLocks locks = locks();
        locks.tryAcquire(partner, "a", now, TTL);

        assertFalse(locks.tryAcquire(partner, "b", now.plusSeconds(30), TTL));
        assertTrue(locks.tryAcquire(TestEvents.uniquePartner(), "b", now, TTL), "other partners are independent");
    }

    @Test
    void tryAcquire_shouldGrantTheHolderAgain_whenItAlreadyHoldsIt() {
        PartnerLocks locks = locks();
        locks.tryAcquire(partner, "a", now, TTL);

        assertTrue(locks.tryAcquire(partner, "a", now.plusSeconds(1), TTL));
    }

    @Test
    void tryAcquire_shouldGrantAnotherOwner_whenTheLockHasExpired() {
        PartnerLocks locks = locks();
        locks.tryAcquire(partner, "a", now, TTL);

        assertTrue(locks.tryAcquire(partner, "b", now.plus(TTL).plusSeconds(1), TTL));
        assertFalse(locks.tryAcquire(partner, "a", now.plus(TTL).plusSeconds(2), TTL), "b holds it now");
    }

    @Test
    void release_shouldFreeTheLock_whenTheOwnerReleasesIt() {
        PartnerLocks locks = locks();
        locks.tryAcquire(partner, "a", now, TTL);

        locks.release(partner, "a");

        assertTrue(locks.tryAcquire(partner, "b", now, TTL));
    }

    @Test
    void release_shouldKeepTheLock_whenAnotherOwnerReleasesIt() {
        PartnerLocks locks = locks();
        locks.tryAcquire(partner, "a", now, TTL);

        locks.release(partner, "b");

        assertFalse(locks.tryAcquire(partner, "b", now, TTL));
    }
}
