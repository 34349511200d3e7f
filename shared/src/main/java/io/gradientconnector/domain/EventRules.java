package io.gradientconnector.domain;

import io.gradientconnector.domain.LedgerState.Position;

import java.util.Optional;

/**
 * The pure decisions of event recording, shared by the in-memory and DynamoDB journals so both
 * implement exactly the same rules (docs/STORAGE.md). Every method returns empty for "changes
 * nothing".
 */
public final class EventRules {
    private EventRules() {
    }

    public static Position position(VendorEvent event) {
        return new Position(event.occurredAt(), event.id());
    }

    public static boolean isAfter(Position candidate, Optional<Position> current) {
        return current.isEmpty() || compare(candidate, current.get()) > 0;
    }

    public static int compare(Position a, Position b) {
        int byTime = a.at().compareTo(b.at());
        return byTime != 0 ? byTime : a.eventId().compareTo(b.eventId());
    }

    /** The account after an upsert, unless a newer account event already decided it. */
    public static Optional<AccountRecord> upsert(Optional<AccountRecord> current, VendorEvent.AccountUpserted event) {
        AccountRecord base = current.orElseGet(() -> AccountRecord.unknown(event.partnerId(), event.account().id()));
        Position at = position(event);
        if (!isAfter(at, base.lastVendorEvent())) {
            return Optional.empty();
        }
        return Optional.of(new AccountRecord(base.partnerId(), base.accountId(), Optional.of(event.account().name()),
                event.account().optionalDescription(), false, Optional.of(at), base.lastDeletion(),
                base.gradientState(), base.gradientName(), base.gradientDescription(), base.mapped(),
                base.version() + 1));
    }

    /**
     * The account after a deletion: marked deleted unless a newer account event already decided
     * its state, and its newest deletion remembered either way.
     */
    public static Optional<AccountRecord> delete(Optional<AccountRecord> current, VendorEvent.AccountDeleted event) {
        AccountRecord base = current.orElseGet(() -> AccountRecord.unknown(event.partnerId(), event.accountId()));
        Position at = position(event);
        boolean newestEvent = isAfter(at, base.lastVendorEvent());
        boolean newestDeletion = isAfter(at, base.lastDeletion());
        if (!newestEvent && !newestDeletion) {
            return Optional.empty();
        }
        return Optional.of(new AccountRecord(base.partnerId(), base.accountId(), base.name(), base.description(),
                newestEvent || base.deleted(),
                newestEvent ? Optional.of(at) : base.lastVendorEvent(),
                newestDeletion ? Optional.of(at) : base.lastDeletion(),
                base.gradientState(), base.gradientName(), base.gradientDescription(), base.mapped(),
                base.version() + 1));
    }

    /** The change a deletion makes to each of the account's ledger rows: a set to 0 at its position. */
    public static LedgerChange zeroing(VendorEvent.AccountDeleted event) {
        return LedgerChange.set(event.id(), event.occurredAt(), Quantity.ZERO);
    }

    /**
     * The state a new ledger row starts from: empty, or a set-0 at the account's newest deletion
     * (so usage older than a deletion that arrives after it is still zeroed by it).
     */
    public static LedgerState initialState(Optional<AccountRecord> account) {
        return account.flatMap(AccountRecord::lastDeletion)
                .flatMap(d -> LedgerState.EMPTY.apply(LedgerChange.set(d.eventId(), d.at(), Quantity.ZERO)))
                .orElse(LedgerState.EMPTY);
    }

    /** The account item a new ledger row bumps (creating a stub when the account is unknown). */
    public static AccountRecord bumped(Optional<AccountRecord> current, VendorEvent.UsageEvent event) {
        AccountRecord base = current.orElseGet(() -> AccountRecord.unknown(event.partnerId(), event.accountId()));
        return new AccountRecord(base.partnerId(), base.accountId(), base.name(), base.description(), base.deleted(),
                base.lastVendorEvent(), base.lastDeletion(), base.gradientState(), base.gradientName(),
                base.gradientDescription(), base.mapped(), base.version() + 1);
    }

    /**
     * The ledger row a usage event changes: (partner, account, the catalog service its SKU adds into).
     *
     * @param rowService the service of a SKU ({@code ServiceCatalog::rowService})
     */
    public static UsageRowKey rowKey(VendorEvent.UsageEvent event, java.util.function.UnaryOperator<ServiceKey> rowService) {
        return new UsageRowKey(event.partnerId(), event.accountId(), rowService.apply(event.service()));
    }

    public static UsageRowKey rowKey(VendorEvent.UsageEvent event) {
        return new UsageRowKey(event.partnerId(), event.accountId(), event.service());
    }
}
