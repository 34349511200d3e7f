package io.gradientconnector.adapter.secretsmanager;

import io.gradientconnector.domain.WebhookSecrets;
import io.gradientconnector.port.KeyVault;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A {@link KeyVault} decorator that keeps each value read for an explicit TTL, so a warm Lambda
 * does not call Secrets Manager per request while a rotated secret is still picked up within the
 * TTL. Writes and deletes through it invalidate that entry at once. A missing partner key is not
 * cached (a partner who just connected must not wait out the TTL). A TTL of zero disables caching.
 *
 * <p>Partner keys are read by fingerprint ({@link #partnerKey(PartnerId, String)}): the partner record names the
 * current key's fingerprint, and a cached key is returned only if it is that key. Any other cached key (replaced
 * through another container) is dropped and Secrets Manager read again, and once more if that read still returns
 * another key (a read racing the write of a new key). So a key stored elsewhere is used from the first call after the
 * record names it, never after the TTL. The TTL still bounds how long the vendor key and the webhook secrets, which
 * have no record naming them, may be stale.
 *
 * <p>Thread-safe: concurrent misses may both read the backend, which is harmless.
 */
public final class CachingKeyVault implements KeyVault {
    private static final Object VENDOR = new Object();
    private static final Object WEBHOOK = new Object();

    private final KeyVault delegate;
    private final Duration ttl;
    private final Clock clock;
    private final Map<Object, Entry<?>> entries = new ConcurrentHashMap<>();

    private record Entry<T>(T value, Instant expiresAt) {
    }

    public CachingKeyVault(KeyVault delegate, Duration ttl, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative");
        }
    }

    @Override
    public Secret vendorKey() {
        return cached(VENDOR, delegate::vendorKey);
    }

    @Override
    public WebhookSecrets webhookSecrets() {
        return cached(WEBHOOK, delegate::webhookSecrets);
    }

    @Override
    public Optional<Secret> partnerKey(PartnerId partnerId) {
        Secret hit = fresh(partnerId);
        if (hit != null) {
            return Optional.of(hit);
        }
        Optional<Secret> loaded = delegate.partnerKey(partnerId);
        loaded.ifPresent(key -> store(partnerId, key));
        return loaded;
    }

    @Override
    public Optional<Secret> partnerKey(PartnerId partnerId, String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Secret hit = fresh(partnerId);
        if (hit != null && hit.fingerprint().equals(fingerprint)) {
            return Optional.of(hit);
        }
        entries.remove(partnerId);
        for (int read = 0; read < 2; read++) {
            Optional<Secret> loaded = delegate.partnerKey(partnerId);
            if (loaded.isPresent() && loaded.get().fingerprint().equals(fingerprint)) {
                store(partnerId, loaded.get());
                return loaded;
            }
        }
        return Optional.empty();
    }

    @Override
    public void putPartnerKey(PartnerId partnerId, Secret key) {
        entries.remove(partnerId);
        delegate.putPartnerKey(partnerId, key);
        entries.remove(partnerId);
    }

    @Override
    public void deletePartnerKey(PartnerId partnerId) {
        entries.remove(partnerId);
        delegate.deletePartnerKey(partnerId);
        entries.remove(partnerId);
    }

    /** Forgets the cached key, e.g. after Gradient rejected it (it may have been replaced meanwhile). */
    public void invalidate(PartnerId partnerId) {
        entries.remove(partnerId);
    }

    /** Forgets everything cached. */
    public void invalidateAll() {
        entries.clear();
    }

    private <T> T cached(Object key, Supplier<T> loader) {
        T hit = fresh(key);
        if (hit != null) {
            return hit;
        }
        T loaded = loader.get();
        store(key, loaded);
        return loaded;
    }

    @SuppressWarnings("unchecked")
    private <T> T fresh(Object key) {
        Entry<?> entry = entries.get(key);
        if (entry == null || !clock.instant().isBefore(entry.expiresAt())) {
            return null;
        }
        return (T) entry.value();
    }

    private void store(Object key, Object value) {
        if (!ttl.isZero()) {
            entries.put(key, new Entry<>(value, clock.instant().plus(ttl)));
        }
    }
}
