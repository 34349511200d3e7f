package io.gradientconnector.domain;


import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One usage ledger row as stored: the count's state ({@link LedgerState}), its {@code version}
 * (+1 on every change) and what was last pushed to Gradient.
 *
 * @param pushedVersion the version the last recorded push attempt was for (0 = never)
 * @param pushedCount   the count Gradient confirmed last (empty = never confirmed)
 */
public record LedgerRow(
        UsageRowKey key,
        LedgerState state,
        long version,
        long pushedVersion,
        Optional<Quantity> pushedCount,
        PushState pushState,
        Optional<Instant> lastPushAt,
        Optional<String> lastPushError,
        Optional<Lease> lease) {

    public LedgerRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(pushedCount, "pushedCount");
        Objects.requireNonNull(pushState, "pushState");
        Objects.requireNonNull(lastPushAt, "lastPushAt");
        Objects.requireNonNull(lastPushError, "lastPushError");
        Objects.requireNonNull(lease, "lease");
        if (version < 1 || pushedVersion < 0) {
            throw new IllegalArgumentException("version must be positive and pushedVersion not negative");
        }
    }

    /** A row just created by its first change. */
    public static LedgerRow created(UsageRowKey key, LedgerState state) {
        return new LedgerRow(key, state, 1, 0, Optional.empty(), PushState.PENDING, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public Quantity count() {
        return state.count();
    }

    /** True when Gradient may not hold this row's current count. */
    public boolean needsPush() {
        return pushState != PushState.PUSHED || pushedVersion < version;
    }

    public LedgerRow withState(LedgerState next) {
        return new LedgerRow(key, next, version + 1, pushedVersion, pushedCount, pushState, lastPushAt,
                lastPushError, lease);
    }

    /** The rule {@code recordPushResult} enforces, shared by the fake and the DynamoDB condition. */
    public boolean acceptsPushResult(long attemptedVersion) {
        return pushedVersion < attemptedVersion || (pushedVersion == attemptedVersion && pushState != PushState.PUSHED);
    }
}
