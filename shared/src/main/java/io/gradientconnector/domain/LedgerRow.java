package io.gradientconnector.domain;


import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One usage ledger row as stored: one (partner, account, catalog service). Its count is the sum of its SKUs'
 * counts, each SKU a component with its own {@link LedgerState} (the exact fold of that SKU's events); then its
 * {@code version} (+1 on every change, whichever component changed) and what was last pushed to Gradient.
 * A plain service's one SKU is the service key itself: its state is {@code state}, stored as rows always were,
 * so a row written before composite services reads as a row with one component.
 *
 * @param state         the component of the SKU equal to the row's service key (empty when none)
 * @param skuStates     the components of the service's other SKUs, by SKU (composite services only)
 * @param pushedVersion the version the last recorded push attempt was for (0 = never)
 * @param pushedCount   the count Gradient confirmed last (empty = never confirmed), in Gradient's unit
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
        Optional<Lease> lease,
        Map<ServiceKey, LedgerState> skuStates) {

    public LedgerRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(pushedCount, "pushedCount");
        Objects.requireNonNull(pushState, "pushState");
        Objects.requireNonNull(lastPushAt, "lastPushAt");
        Objects.requireNonNull(lastPushError, "lastPushError");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(skuStates, "skuStates");
        if (version < 1 || pushedVersion < 0) {
            throw new IllegalArgumentException("version must be positive and pushedVersion not negative");
        }
        if (skuStates.containsKey(key.service())) {
            throw new IllegalArgumentException("the row's own SKU is its state, not one of skuStates");
        }
        skuStates = Collections.unmodifiableSortedMap(new TreeMap<>(skuStates));
    }

    /** A row of one component (a plain service). */
    public LedgerRow(UsageRowKey key, LedgerState state, long version, long pushedVersion,
                     Optional<Quantity> pushedCount, PushState pushState, Optional<Instant> lastPushAt,
                     Optional<String> lastPushError, Optional<Lease> lease) {
        this(key, state, version, pushedVersion, pushedCount, pushState, lastPushAt, lastPushError, lease, Map.of());
    }

    /** A row just created by its first change. */
    public static LedgerRow created(UsageRowKey key, LedgerState state) {
        return created(key, key.service(), state);
    }

    /** A row just created by its first change, to the component of {@code sku}. */
    public static LedgerRow created(UsageRowKey key, ServiceKey sku, LedgerState state) {
        boolean own = sku.equals(key.service());
        return new LedgerRow(key, own ? state : LedgerState.EMPTY, 1, 0, Optional.empty(), PushState.PENDING,
                Optional.empty(), Optional.empty(), Optional.empty(), own ? Map.of() : Map.of(sku, state));
    }

    /** The state of {@code sku}'s component; empty when no event of it was recorded. */
    public Optional<LedgerState> component(ServiceKey sku) {
        return sku.equals(key.service()) ? Optional.of(state) : Optional.ofNullable(skuStates.get(sku));
    }

    /** The exact sum of every component's count, in the SKUs' raw unit (may exceed {@link Quantity#MAX}). */
    public BigDecimal sum() {
        BigDecimal sum = state.count().value();
        for (LedgerState component : skuStates.values()) {
            sum = sum.add(component.count().value());
        }
        return sum;
    }

    /** The sum of the components, capped at {@link Quantity#MAX}; a plain row's count. */
    public Quantity count() {
        return new Quantity(sum().min(Quantity.MAX));
    }

    /** True when Gradient may not hold this row's current count. */
    public boolean needsPush() {
        return pushState != PushState.PUSHED || pushedVersion < version;
    }

    /** Where a row stands for its owners: the one classification the integration view and the report share. */
    public enum Standing { PUSHED, PENDING, UNMAPPED, FAILED }

    /**
     * {@code PUSHED} when Gradient holds the current count; {@code PENDING} when never pushed or changed since
     * Gradient accepted a count; 404 ({@code UNMAPPED}) and failed pushes keep their own standing until a push
     * succeeds.
     */
    public Standing standing() {
        return switch (pushState) {
            case UNMAPPED -> Standing.UNMAPPED;
            case FAILED -> Standing.FAILED;
            case PENDING -> Standing.PENDING;
            case PUSHED -> needsPush() ? Standing.PENDING : Standing.PUSHED;
        };
    }

    public LedgerRow withState(LedgerState next) {
        return withComponent(key.service(), next);
    }

    /** This row with {@code sku}'s component replaced, at the next version. */
    public LedgerRow withComponent(ServiceKey sku, LedgerState next) {
        if (sku.equals(key.service())) {
            return new LedgerRow(key, next, version + 1, pushedVersion, pushedCount, pushState, lastPushAt,
                    lastPushError, lease, skuStates);
        }
        Map<ServiceKey, LedgerState> others = new TreeMap<>(skuStates);
        others.put(sku, next);
        return new LedgerRow(key, state, version + 1, pushedVersion, pushedCount, pushState, lastPushAt,
                lastPushError, lease, others);
    }

    /** This row with several components replaced in one change (one version). */
    public LedgerRow withComponents(Map<ServiceKey, LedgerState> changed) {
        LedgerState own = changed.getOrDefault(key.service(), state);
        Map<ServiceKey, LedgerState> others = new TreeMap<>(skuStates);
        changed.forEach((sku, next) -> {
            if (!sku.equals(key.service())) {
                others.put(sku, next);
            }
        });
        return new LedgerRow(key, own, version + 1, pushedVersion, pushedCount, pushState, lastPushAt,
                lastPushError, lease, others);
    }

    /**
     * The SKUs whose components this row holds: its own SKU (unless the row is a composite's whose own key never
     * received an event) and every other.
     */
    public java.util.List<ServiceKey> skus() {
        java.util.List<ServiceKey> skus = new java.util.ArrayList<>();
        if (skuStates.isEmpty() || !state.equals(LedgerState.EMPTY)) {
            skus.add(key.service());
        }
        skus.addAll(skuStates.keySet());
        return skus;
    }

    /**
     * How many deltas {@code sku}'s component keeps one by one: {@link LedgerState#MAX_DELTAS} shared by the row's
     * components (counting {@code sku}), so a composite's item stays as small as a plain row's (folding more
     * is exact, the folded deltas are kept apart). A plain row keeps all 100.
     */
    public int deltaBound(ServiceKey sku) {
        java.util.Set<ServiceKey> all = new java.util.HashSet<>(skus());
        all.add(sku);
        return Math.max(1, LedgerState.MAX_DELTAS / all.size());
    }

    /** The rule {@code recordPushResult} enforces, shared by the fake and the DynamoDB condition. */
    public boolean acceptsPushResult(long attemptedVersion) {
        return pushedVersion < attemptedVersion || (pushedVersion == attemptedVersion && pushState != PushState.PUSHED);
    }
}
