package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.Lease;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.GradientAccountState;
import io.gradientconnector.domain.AccountRecord;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.LedgerChange;
import io.gradientconnector.domain.LedgerState;
import io.gradientconnector.domain.LedgerState.Fold;
import io.gradientconnector.domain.LedgerState.Position;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.ServiceKey;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.gradientconnector.adapter.dynamodb.Attributes.bool;
import static io.gradientconnector.adapter.dynamodb.Attributes.decimal;
import static io.gradientconnector.adapter.dynamodb.Attributes.flag;
import static io.gradientconnector.adapter.dynamodb.Attributes.instant;
import static io.gradientconnector.adapter.dynamodb.Attributes.n;
import static io.gradientconnector.adapter.dynamodb.Attributes.number;
import static io.gradientconnector.adapter.dynamodb.Attributes.requiredString;
import static io.gradientconnector.adapter.dynamodb.Attributes.s;
import static io.gradientconnector.adapter.dynamodb.Attributes.string;
import static io.gradientconnector.adapter.dynamodb.Attributes.time;

/** Item layouts of the table (docs/STORAGE.md): records to attribute maps and back. */
final class Items {
    private Items() {
    }

    // ---- usage ledger rows

    static Map<String, AttributeValue> key(UsageRowKey key) {
        return Attributes.key(Keys.partnerPk(key.partnerId()), Keys.usageSk(key.accountId(), key.service()));
    }

    /**
     * The update that stores a new ledger state at {@code newVersion}, if the stored version is
     * still {@code expectedVersion} (0 = the row must not exist). Push fields are left alone.
     */
    static UpdateSpec ledgerStateUpdate(UsageRowKey key, LedgerState state, FoldChunks chunks, long expectedVersion,
                                        long newVersion) {
        boolean kept = state.optionalFold().filter(LedgerState.Fold::deltasKept).isPresent();
        UpdateSpec u = new UpdateSpec()
                .set("partnerId", s(key.partnerId().value()))
                .set("accountId", s(key.accountId().value()))
                .set("service", s(key.service().value()))
                .set("count", n(state.count().value()))
                .set("version", n(newVersion))
                .set("base", n(state.base().value()))
                .setOrRemove("setAt", state.optionalLastSet().map(c -> time(c.occurredAt())))
                .setOrRemove("setEventId", state.optionalLastSet().map(c -> s(c.eventId().value())))
                .setOrRemove("setQuantity", state.optionalLastSet().map(c -> n(c.quantity().value())))
                .setOrRemove("foldFromAt", state.optionalFold().map(f -> time(f.from().at())))
                .setOrRemove("foldFromEventId", state.optionalFold().map(f -> s(f.from().eventId().value())))
                .setOrRemove("foldedAt", state.optionalFold().map(f -> time(f.through().at())))
                .setOrRemove("foldedEventId", state.optionalFold().map(f -> s(f.through().eventId().value())))
                .setOrRemove("foldLow", state.optionalFold().map(f -> n(f.low().value())))
                .setOrRemove("foldHigh", state.optionalFold().map(f -> n(f.high().value())))
                .setOrRemove("foldShift", state.optionalFold().map(f -> n(f.shift())))
                .set("deltas", AttributeValue.fromL(state.deltas().stream().map(Items::delta).toList()))
                .setOrRemove(FoldChunks.LIVE, kept ? Optional.of(n(chunks.live())) : Optional.empty())
                .setOrRemove(FoldChunks.TAIL, kept ? Optional.of(n(chunks.tail())) : Optional.empty())
                .setOrRemove(FoldChunks.SPAN, chunks.span() > 0 ? Optional.of(n(chunks.span())) : Optional.empty())
                .setIfNotExists("pushState", s(PushState.PENDING.name()))
                .setIfNotExists("pushedVersion", n(0));
        return u.condition(expectedVersion == 0
                ? "attribute_not_exists(" + u.name(Keys.PK) + ")"
                : u.name("version") + " = " + u.value(n(expectedVersion)));
    }

    static AttributeValue deltaList(List<LedgerChange> deltas) {
        return AttributeValue.fromL(deltas.stream().map(Items::delta).toList());
    }

    static List<LedgerChange> deltas(AttributeValue list) {
        List<LedgerChange> deltas = new ArrayList<>();
        if (list != null && list.hasL()) {
            for (AttributeValue v : list.l()) {
                Map<String, AttributeValue> m = v.m();
                deltas.add(new LedgerChange(EventId.of(requiredString(m, "id")), instant(m, "at").orElseThrow(),
                        LedgerChange.Op.valueOf(requiredString(m, "op")), new Quantity(decimal(m, "q").orElseThrow())));
            }
        }
        return deltas;
    }

    private static AttributeValue delta(LedgerChange change) {
        return AttributeValue.fromM(Map.of(
                "at", time(change.occurredAt()),
                "id", s(change.eventId().value()),
                "op", s(change.op().name()),
                "q", n(change.quantity().value())));
    }

    static LedgerRow ledgerRow(Map<String, AttributeValue> item) {
        UsageRowKey key = new UsageRowKey(PartnerId.of(requiredString(item, "partnerId")),
                AccountId.of(requiredString(item, "accountId")), ServiceKey.of(requiredString(item, "service")));
        LedgerChange lastSet = string(item, "setEventId")
                .map(id -> LedgerChange.set(EventId.of(id), instant(item, "setAt").orElseThrow(),
                        new Quantity(decimal(item, "setQuantity").orElseThrow())))
                .orElse(null);
        Position through = string(item, "foldedEventId")
                .map(id -> new Position(instant(item, "foldedAt").orElseThrow(), EventId.of(id)))
                .orElse(null);
        List<LedgerChange> deltas = deltas(item.get("deltas"));
        LedgerState state = new LedgerState(lastSet, fold(item, lastSet, through), deltas);
        Optional<Lease> lease = string(item, "leaseOwner")
                .map(owner -> new Lease(owner, Instant.ofEpochMilli(number(item, "leaseUntil", 0))));
        return new LedgerRow(key, state, number(item, "version", 1), number(item, "pushedVersion", 0),
                decimal(item, "pushedCount").map(Quantity::new),
                string(item, "pushState").map(PushState::valueOf).orElse(PushState.PENDING),
                instant(item, "lastPushAt"), string(item, "lastPushError"), lease);
    }

    private static Fold fold(Map<String, AttributeValue> item, LedgerChange lastSet, Position through) {
        if (through == null) {
            return null;
        }
        Optional<String> fromId = string(item, "foldFromEventId");
        if (fromId.isPresent()) {
            return new Fold(new Position(instant(item, "foldFromAt").orElseThrow(), EventId.of(fromId.get())),
                    through, new Quantity(decimal(item, "foldLow").orElseThrow()),
                    new Quantity(decimal(item, "foldHigh").orElseThrow()), decimal(item, "foldShift").orElseThrow(),
                    item.containsKey(FoldChunks.LIVE));
        }
        // Written before folds kept their function: only the count after the fold ("base") is known. It
        // becomes the fold's net change from the start, applied at the old fold point as before.
        BigDecimal start = lastSet == null ? BigDecimal.ZERO : lastSet.quantity().value();
        BigDecimal base = decimal(item, "base").orElseThrow();
        return new Fold(through, through, Quantity.ZERO, new Quantity(Quantity.MAX), base.subtract(start), false);
    }

    // ---- folded deltas of ledger rows (FoldChunks)

    static final String FOLD_DELTAS = "deltas";

    static Map<String, AttributeValue> foldChunkKey(UsageRowKey key, int chunk) {
        return Attributes.key(Keys.partnerPk(key.partnerId()), Keys.foldSk(key.accountId(), key.service(), chunk));
    }

    static Map<String, AttributeValue> foldChunk(UsageRowKey key, int chunk, List<LedgerChange> deltas) {
        Map<String, AttributeValue> item = new java.util.LinkedHashMap<>(foldChunkKey(key, chunk));
        item.put(FOLD_DELTAS, deltaList(deltas));
        return item;
    }

    // ---- accounts

    static Map<String, AttributeValue> key(PartnerId partnerId, AccountId accountId) {
        return Attributes.key(Keys.partnerPk(partnerId), Keys.accountSk(accountId));
    }

    /**
     * The update that stores the vendor side of {@code account} (version included), if the stored
     * version is still {@code expectedVersion} (0 = must not exist). Gradient's side is left alone.
     */
    static UpdateSpec accountVendorUpdate(AccountRecord account, long expectedVersion) {
        UpdateSpec u = new UpdateSpec()
                .set("partnerId", s(account.partnerId().value()))
                .set("accountId", s(account.accountId().value()))
                .setOrRemove("name", account.name().map(Attributes::s))
                .setOrRemove("description", account.description().map(Attributes::s))
                .set("deleted", bool(account.deleted()))
                .setOrRemove("vendorUpdatedAt", account.lastVendorEvent().map(p -> time(p.at())))
                .setOrRemove("vendorEventId", account.lastVendorEvent().map(p -> s(p.eventId().value())))
                .setOrRemove("deletedAt", account.lastDeletion().map(p -> time(p.at())))
                .setOrRemove("deletedEventId", account.lastDeletion().map(p -> s(p.eventId().value())))
                .setIfNotExists("gradientState", s(GradientAccountState.NONE.name()))
                .setIfNotExists("mapped", bool(false))
                .set("version", n(account.version()));
        return u.condition(expectedVersion == 0
                ? "attribute_not_exists(" + u.name(Keys.PK) + ")"
                : u.name("version") + " = " + u.value(n(expectedVersion)));
    }

    static AccountRecord account(Map<String, AttributeValue> item) {
        return new AccountRecord(
                PartnerId.of(requiredString(item, "partnerId")),
                AccountId.of(requiredString(item, "accountId")),
                string(item, "name"),
                string(item, "description"),
                flag(item, "deleted"),
                position(item, "vendorUpdatedAt", "vendorEventId"),
                position(item, "deletedAt", "deletedEventId"),
                string(item, "gradientState").map(GradientAccountState::valueOf).orElse(GradientAccountState.NONE),
                string(item, "gradientName"),
                string(item, "gradientDescription"),
                flag(item, "mapped"),
                number(item, "version", 0));
    }

    private static Optional<Position> position(Map<String, AttributeValue> item, String at, String id) {
        return string(item, id).map(eventId -> new Position(instant(item, at).orElseThrow(), EventId.of(eventId)));
    }

    // ---- partners

    static Map<String, AttributeValue> key(PartnerId partnerId) {
        return Attributes.key(Keys.partnerPk(partnerId), Keys.META);
    }

    static PartnerRecord partner(Map<String, AttributeValue> item) {
        return new PartnerRecord(
                PartnerId.of(requiredString(item, "partnerId")),
                PartnerStatus.valueOf(requiredString(item, "status")),
                string(item, "gradientStatus"),
                string(item, "organizationId"),
                string(item, "organizationName"),
                string(item, "integrationId"),
                string(item, "keyFingerprint"),
                string(item, "retiredKeyFingerprint"),
                instant(item, "connectedAt"),
                instant(item, "updatedAt").orElseThrow(),
                instant(item, "lastSyncAt"),
                instant(item, "lastPushAt"),
                string(item, "lastError"),
                number(item, "version", 0));
    }
}
