package io.gradientconnector.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event from the vendor's platform webhook, already validated. Every event has a unique
 * {@link #id()} (the de-duplication key), a partner and the time it happened; the records below are
 * the six types of the contract.
 */
public sealed interface VendorEvent
        permits VendorEvent.AccountUpserted, VendorEvent.AccountDeleted, VendorEvent.UsageEvent,
                VendorEvent.AlertRaised {

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

    /**
     * An alert for one account, to become a PSA ticket through Gradient. The event id is the vendor's alert id (sent
     * as Gradient's {@code alertId}). Title and description are kept exactly as sent (no trimming; any Unicode but
     * control characters, the description may break lines); {@code priority} 1..4 and {@code status} 1..6 as
     * Gradient defines them. {@code service} (a catalog key) and {@code dedupKey} are optional.
     */
    record AlertRaised(EventId id, PartnerId partnerId, Instant occurredAt, AccountId accountId, String title,
                       String description, int priority, int status, Optional<ServiceKey> service,
                       Optional<String> dedupKey) implements VendorEvent {
        public static final String TYPE = "alert.raised";
        public static final int MAX_TITLE_LENGTH = 500;
        public static final int MAX_DESCRIPTION_LENGTH = 8000;
        public static final int MAX_DEDUP_KEY_LENGTH = 256;

        public AlertRaised {
            requireCommon(id, partnerId, occurredAt);
            Objects.requireNonNull(accountId, "accountId is required");
            requireTitle(title);
            requireDescription(description);
            if (priority < 1 || priority > 4) {
                throw new IllegalArgumentException("priority must be 1 to 4");
            }
            if (status < 1 || status > 6) {
                throw new IllegalArgumentException("status must be 1 to 6");
            }
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(dedupKey, "dedupKey");
            dedupKey.ifPresent(AlertRaised::requireDedupKey);
        }

        @Override
        public String type() {
            return TYPE;
        }

        public AlertRef ref() {
            return new AlertRef(partnerId, id, occurredAt);
        }

        /** The title as given, or an exception whose message starts with {@code title}. */
        public static String requireTitle(String title) {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("title is required");
            }
            if (title.length() > MAX_TITLE_LENGTH) {
                throw new IllegalArgumentException("title must be at most " + MAX_TITLE_LENGTH + " characters");
            }
            return Ids.requireUnicode(Ids.requireNoControl(title, "title", ""), "title");
        }

        /** The description as given, or an exception whose message starts with {@code description}. */
        public static String requireDescription(String description) {
            if (description == null || description.isBlank()) {
                throw new IllegalArgumentException("description is required");
            }
            if (description.length() > MAX_DESCRIPTION_LENGTH) {
                throw new IllegalArgumentException("description must be at most " + MAX_DESCRIPTION_LENGTH
                        + " characters");
            }
            return Ids.requireUnicode(Ids.requireNoControl(description, "description", "\t\r\n"), "description");
        }

        /** The dedup key as given, or an exception whose message starts with {@code dedupKey}. */
        public static String requireDedupKey(String key) {
            if (key == null || key.isEmpty() || key.length() > MAX_DEDUP_KEY_LENGTH) {
                throw new IllegalArgumentException("dedupKey must be 1 to " + MAX_DEDUP_KEY_LENGTH + " characters");
            }
            return Ids.requireUnicode(Ids.requireNoControl(key, "dedupKey", ""), "dedupKey");
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
