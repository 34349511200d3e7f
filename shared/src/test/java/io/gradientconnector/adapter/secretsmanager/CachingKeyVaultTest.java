package io.gradientconnector.adapter.secretsmanager;

import io.gradientconnector.domain.WebhookSecrets;
import io.gradientconnector.testing.InMemoryKeyVault;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CachingKeyVaultTest {
    private static final Duration TTL = Duration.ofSeconds(300);
    private static final PartnerId PARTNER = PartnerId.of("msp-1");

    private MutableClock clock;
    private InMemoryKeyVault backend;
    private CachingKeyVault cache;

    @BeforeEach
    void setUp() {
        clock = MutableClock.at("2025-06-01T00:00:00Z");
        backend = InMemoryKeyVault.create(Secret.of("vendor-v1"), WebhookSecrets.of(Secret.of("hook-v1")));
        cache = new CachingKeyVault(backend, TTL, clock);
    }

    @Test
    void vendorKey_shouldReadBackendOnce_whileWithinTtl() {
        cache.vendorKey();
        clock.advance(TTL.minusSeconds(1));
        cache.vendorKey();

        assertEquals(1, backend.reads());
    }

    @Test
    void vendorKey_shouldPickUpRotation_afterTtl() {
        assertEquals("vendor-v1", cache.vendorKey().reveal());
        backend.setVendorKey(Secret.of("vendor-v2"));

        assertEquals("vendor-v1", cache.vendorKey().reveal());
        clock.advance(TTL);
        assertEquals("vendor-v2", cache.vendorKey().reveal());
    }

    @Test
    void webhookSecrets_shouldPickUpRotation_afterTtl() {
        cache.webhookSecrets();
        backend.setWebhookSecrets(new WebhookSecrets(Secret.of("hook-v2"), Optional.of(Secret.of("hook-v1"))));
        clock.advance(TTL.plusSeconds(1));

        assertEquals("hook-v2", cache.webhookSecrets().current().reveal());
        assertEquals(2, backend.reads());
    }

    @Test
    void partnerKey_shouldNotCacheAbsence_soANewKeyIsSeenAtOnce() {
        assertEquals(Optional.empty(), cache.partnerKey(PARTNER));
        backend.putPartnerKey(PARTNER, Secret.of("k1"));

        assertEquals("k1", cache.partnerKey(PARTNER).orElseThrow().reveal());
    }

    @Test
    void putPartnerKey_shouldInvalidateCachedKey() {
        cache.putPartnerKey(PARTNER, Secret.of("k1"));
        cache.partnerKey(PARTNER);

        cache.putPartnerKey(PARTNER, Secret.of("k2"));

        assertEquals("k2", cache.partnerKey(PARTNER).orElseThrow().reveal());
    }

    @Test
    void deletePartnerKey_shouldInvalidateCachedKey() {
        cache.putPartnerKey(PARTNER, Secret.of("k1"));
        cache.partnerKey(PARTNER);

        cache.deletePartnerKey(PARTNER);

        assertEquals(Optional.empty(), cache.partnerKey(PARTNER));
    }

    @Test
    void invalidate_shouldMakeNextReadHitBackend() {
        backend.putPartnerKey(PARTNER, Secret.of("k1"));
        cache.partnerKey(PARTNER);
        backend.putPartnerKey(PARTNER, Secret.of("k2")); // replaced by another instance

        cache.invalidate(PARTNER);

        assertEquals("k2", cache.partnerKey(PARTNER).orElseThrow().reveal());
    }

    @Test
    void zeroTtl_shouldReadBackendEveryTime() {
        CachingKeyVault uncached = new CachingKeyVault(backend, Duration.ZERO, clock);

        uncached.vendorKey();
        uncached.vendorKey();

        assertEquals(2, backend.reads());
    }

    @Test
    void constructor_shouldReject_whenTtlNegative() {
        assertThrows(IllegalArgumentException.class, () -> new CachingKeyVault(backend, Duration.ofSeconds(-1), clock));
    }

    @Test
    void partnerKeyAtFingerprint_shouldServeTheCache_whileItHoldsTheNamedKey() {
        Secret key = Secret.of("partner-v1");
        backend.putPartnerKey(PARTNER, key);

        cache.partnerKey(PARTNER, key.fingerprint());
        cache.partnerKey(PARTNER, key.fingerprint());

        assertEquals(1, backend.reads());
    }

    @Test
    void partnerKeyAtFingerprint_shouldReadAgainAtOnce_whenAnotherContainerStoredANewKey() {
        Secret old = Secret.of("partner-v1");
        Secret rotated = Secret.of("partner-v2");
        backend.putPartnerKey(PARTNER, old);
        assertEquals(Optional.of(old), cache.partnerKey(PARTNER, old.fingerprint()));
        backend.putPartnerKey(PARTNER, rotated); // written through another container's cache

        assertEquals(Optional.of(rotated), cache.partnerKey(PARTNER, rotated.fingerprint()), "no TTL to wait out");
        assertEquals(Optional.of(rotated), cache.partnerKey(PARTNER));
    }

    @Test
    void partnerKeyAtFingerprint_shouldAnswerEmpty_afterTwoReadsOfAnotherKey() {
        backend.putPartnerKey(PARTNER, Secret.of("partner-v1"));
        int before = backend.reads();

        assertEquals(Optional.empty(), cache.partnerKey(PARTNER, Secret.of("partner-v9").fingerprint()));
        assertEquals(before + 2, backend.reads(), "read, then re-read once");
    }
}
