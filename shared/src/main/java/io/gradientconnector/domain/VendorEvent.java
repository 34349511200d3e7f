package io.gradientconnector.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One event from the vendor's platform webhook, already validated. Every event has a unique
 * {@link #id()} (the de-duplication key), a partner and the time it happened; the records below are
 * the five types of the contract.
 */
public sealed interface VendorEvent
        permits VendorEvent.AccountUpserted, VendorEvent.AccountDeleted, VendorEvent.UsageEvent {

    EventId id();

    PartnerId partnerId();

    Instant occurredAt();

    /** The wire name, e.g. {@code usage.add}. */
    String type();

    /** An account the vendor created or changed. */
    record AccountUpserted(EventId id, PartnerId partnerId, Instant occurredAt, VendorAccount account)
            implements VendorEvent {
        public static final String TYPE = "account.upserted";

        public AccountUpserted {
            requireCommon(id, partnerId, occurredAt);
            Objects.requireNonNull(account, "account is required");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** An account the vendor deleted: it is marked deleted and its usage becomes zero. */
    record AccountDeleted(EventId id, PartnerId partnerId, Instant occurredAt, AccountId accountId)
            implements VendorEvent {
        public static final String TYPE = "account.deleted";

        public AccountDeleted {
            requireCommon(id, partnerId, occurredAt);
            Objects.requireNonNull(accountId, "accountId is required");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** A change to the count of one (account, service) ledger row. */
    sealed interface UsageEvent extends VendorEvent permits UsageSet, UsageAdd, UsageSubtract {
        AccountId accountId();

        ServiceKey service();

        Quantity quantity();

        LedgerChange.Op op();

        default LedgerChange toChange() {
            return new LedgerChange(id(), occurredAt(), op(), quantity());
        }
    }

    /** Replaces the count (unless a later set already happened). */
    record UsageSet(EventId id, PartnerId partnerId, Instant occurredAt, AccountId accountId, ServiceKey service,
                    Quantity quantity) implements UsageEvent {
        public static final String TYPE = "usage.set";

        public UsageSet {
            requireUsage(id, partnerId, occurredAt, accountId, service, quantity, false);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public LedgerChange.Op op() {
            return LedgerChange.Op.SET;
        }
    }

    /** Adds {@code quantity} (&gt; 0) to the count. */
    record UsageAdd(EventId id, PartnerId partnerId, Instant occurredAt, AccountId accountId, ServiceKey service,
                    Quantity quantity) implements UsageEvent {
        public static final String TYPE = "usage.add";

        public UsageAdd {
            requireUsage(id, partnerId, occurredAt, accountId, service, quantity, true);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public LedgerChange.Op op() {
            return LedgerChange.Op.ADD;
        }
    }

    /** Subtracts {@code quantity} (&gt; 0) from the count, never below zero. */
    record UsageSubtract(EventId id, PartnerId partnerId, Instant occurredAt, AccountId accountId,
                         ServiceKey service, Quantity quantity) implements UsageEvent {
        public static final String TYPE = "usage.subtract";

        public UsageSubtract {
            requireUsage(id, partnerId, occurredAt, accountId, service, quantity, true);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public LedgerChange.Op op() {
            return LedgerChange.Op.SUBTRACT;
        }
    }

    private static void requireCommon(EventId id, PartnerId partnerId, Instant occurredAt) {
        Objects.requireNonNull(id, "id is required");
        Objects.requireNonNull(partnerId, "partnerId is required");
        Objects.requireNonNull(occurredAt, "occurredAt is required");
    }

    private static void requireUsage(EventId id, PartnerId partnerId, Instant occurredAt, AccountId accountId,
                                     ServiceKey service, Quantity quantity, boolean positive) {
        requireCommon(id, partnerId, occurredAt);
        Objects.requireNonNull(accountId, "accountId is required");
        Objects.requireNonNull(service, "service is required");
        Objects.requireNonNull(quantity, "quantity is required");
        if (positive && quantity.isZero()) {
            throw new IllegalArgumentException("quantity must be greater than 0");
        }
    }
}
