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

    /** Where one component's attributes live: the row's top level (its own SKU) or one entry of {@code components}. */
    static final String COMPONENTS = "components";

    /**
     * The update that stores {@code row} (its version the new one) if the stored version is still
     * {@code expectedVersion} (0 = the row must not exist). Its own SKU's component is stored at the top level, as
     * rows always were; the other SKUs' components in the {@value #COMPONENTS} map, each with the same attributes.
     * {@code count} is the sum of the components. Push fields are left alone.
     *
     * @param chunks each component's fold chunks, by SKU (missing: none)
     */
    static UpdateSpec ledgerRowUpdate(LedgerRow row, Map<ServiceKey, FoldChunks> chunks, long expectedVersion) {
        UsageRowKey key = row.key();
        LedgerState state = row.state();
        FoldChunks own = chunks.getOrDefault(key.service(), FoldChunks.NONE);
        boolean kept = state.optionalFold().filter(LedgerState.Fold::deltasKept).isPresent();
        Map<String, AttributeValue> others = new java.util.LinkedHashMap<>();
        row.skuStates().forEach((sku, component) -> others.put(sku.value(),
                AttributeValue.fromM(component(component, chunks.getOrDefault(sku, FoldChunks.NONE)))));
        UpdateSpec u = new UpdateSpec()
                .set("partnerId", s(key.partnerId().value()))
                .set("accountId", s(key.accountId().value()))
                .set("service", s(key.service().value()))
                .set("count", n(row.count().value()))
                .set("version", n(row.version()))
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
                .setOrRemove(FoldChunks.LIVE, kept ? Optional.of(n(own.live())) : Optional.empty())
                .setOrRemove(FoldChunks.TAIL, kept ? Optional.of(n(own.tail())) : Optional.empty())
                .setOrRemove(FoldChunks.SPAN, own.span() > 0 ? Optional.of(n(own.span())) : Optional.empty())
                .setOrRemove(COMPONENTS, others.isEmpty() ? Optional.empty() : Optional.of(AttributeValue.fromM(others)))
                .setIfNotExists("pushState", s(PushState.PENDING.name()))
                .setIfNotExists("pushedVersion", n(0));
        return u.condition(expectedVersion == 0
                ? "attribute_not_exists(" + u.name(Keys.PK) + ")"
                : u.name("version") + " = " + u.value(n(expectedVersion)));
    }

    /** One SKU's component as a map (the same attribute names as a row's own component). */
    private static Map<String, AttributeValue> component(LedgerState state, FoldChunks chunks) {
        Map<String, AttributeValue> m = new java.util.LinkedHashMap<>();
        m.put("count", n(state.count().value()));
        state.optionalLastSet().ifPresent(c -> {
            m.put("setAt", time(c.occurredAt()));
            m.put("setEventId", s(c.eventId().value()));
            m.put("setQuantity", n(c.quantity().value()));
        });
        state.optionalFold().ifPresent(f -> {
            m.put("foldFromAt", time(f.from().at()));
            m.put("foldFromEventId", s(f.from().eventId().value()));
            m.put("foldedAt", time(f.through().at()));
            m.put("foldedEventId", s(f.through().eventId().value()));
            m.put("foldLow", n(f.low().value()));
            m.put("foldHigh", n(f.high().value()));
            m.put("foldShift", n(f.shift()));
            if (f.deltasKept()) {
                m.put(FoldChunks.LIVE, n(chunks.live()));
                m.put(FoldChunks.TAIL, n(chunks.tail()));
            }
        });
        if (chunks.span() > 0) {
            m.put(FoldChunks.SPAN, n(chunks.span()));
        }
        m.put("deltas", deltaList(state.deltas()));
        return m;
    }

    /** Each component's fold chunks, by SKU, as stored in a row item. */
    static Map<ServiceKey, FoldChunks> foldChunks(Map<String, AttributeValue> item) {
        Map<ServiceKey, FoldChunks> chunks = new java.util.HashMap<>();
        chunks.put(ServiceKey.of(requiredString(item, "service")), FoldChunks.of(item));
        AttributeValue components = item.get(COMPONENTS);
        if (components != null && components.hasM()) {
            components.m().forEach((sku, value) -> chunks.put(ServiceKey.of(sku), FoldChunks.of(value.m())));
        }
        return chunks;
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
        Map<ServiceKey, LedgerState> others = new java.util.TreeMap<>();
        AttributeValue components = item.get(COMPONENTS);
        if (components != null && components.hasM()) {
            components.m().forEach((sku, value) -> others.put(ServiceKey.of(sku), componentState(value.m())));
        }
        Optional<Lease> lease = string(item, "leaseOwner")
                .map(owner -> new Lease(owner, Instant.ofEpochMilli(number(item, "leaseUntil", 0))));
        return new LedgerRow(key, state, number(item, "version", 1), number(item, "pushedVersion", 0),
                decimal(item, "pushedCount").map(Quantity::new),
                string(item, "pushState").map(PushState::valueOf).orElse(PushState.PENDING),
                instant(item, "lastPushAt"), string(item, "lastPushError"), lease, others);
    }

    /** A component stored in the {@value #COMPONENTS} map (always written with its fold's function). */
    private static LedgerState componentState(Map<String, AttributeValue> m) {
        LedgerChange lastSet = string(m, "setEventId")
                .map(id -> LedgerChange.set(EventId.of(id), instant(m, "setAt").orElseThrow(),
                        new Quantity(decimal(m, "setQuantity").orElseThrow())))
                .orElse(null);
        Position through = string(m, "foldedEventId")
                .map(id -> new Position(instant(m, "foldedAt").orElseThrow(), EventId.of(id)))
                .orElse(null);
        return new LedgerState(lastSet, fold(m, lastSet, through), deltas(m.get("deltas")));
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

    /** A chunk of the folded deltas of {@code sku}'s component of the row (a plain row's SKU is its service). */
    static Map<String, AttributeValue> foldChunkKey(UsageRowKey key, ServiceKey sku, int chunk) {
        return Attributes.key(Keys.partnerPk(key.partnerId()), Keys.foldSk(key.accountId(), sku, chunk));
    }

    static Map<String, AttributeValue> foldChunk(UsageRowKey key, int chunk, List<LedgerChange> deltas) {
        return foldChunk(key, key.service(), chunk, deltas);
    }

    static Map<String, AttributeValue> foldChunk(UsageRowKey key, ServiceKey sku, int chunk,
                                                 List<LedgerChange> deltas) {
        Map<String, AttributeValue> item = new java.util.LinkedHashMap<>(foldChunkKey(key, sku, chunk));
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
