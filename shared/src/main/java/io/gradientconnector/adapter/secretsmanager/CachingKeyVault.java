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
 * Thread-safe: concurrent misses may both read the backend, which is harmless; a read racing a
 * write through another instance may keep the old value, but never past one TTL.
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
