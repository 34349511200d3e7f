package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.domain.AccountRecord;
import io.gradientconnector.domain.AlertRecord;
import io.gradientconnector.domain.EventRules;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.RecordOutcome;
import io.gradientconnector.domain.RecordResult;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.port.EventJournal;
import io.gradientconnector.port.StoreConflictException;

import io.gradientconnector.domain.LedgerChange;
import io.gradientconnector.domain.LedgerState;
import io.gradientconnector.domain.VendorEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.gradientconnector.domain.ServiceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.function.UnaryOperator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static io.gradientconnector.adapter.dynamodb.Attributes.n;
import static io.gradientconnector.adapter.dynamodb.Attributes.s;
import static io.gradientconnector.adapter.dynamodb.Attributes.time;

/**
 * {@link EventJournal} on DynamoDB. Each attempt reads the items the event touches, decides with
 * {@link EventRules} / {@link LedgerState}, and commits one {@code TransactWriteItems}: the
 * de-duplication row ({@code attribute_not_exists(pk)}, first) plus every change, each guarded by
 * the version it was decided on. A cancelled transaction wrote nothing: if the de-duplication row
 * failed the event is a DUPLICATE, otherwise a concurrent writer won and the attempt is repeated on
 * fresh reads after a jittered {@link Backoff}, at most {@value #MAX_ATTEMPTS} times.
 *
 * <p>An {@code account.deleted} whose zeroing does not fit one transaction (more than 98 ledger
 * rows besides the de-duplication row and the account) first zeroes the rows in version-guarded
 * transactions of up to 100 rows without the de-duplication row, then commits the rest as above.
 * Zeroing is a set-0 at the event's position, which a row that already has it ignores, so a crash
 * or a redelivery in between simply repeats it harmlessly.
 *
 * <p>A ledger row's folded deltas are kept in chunk items beside it ({@link FoldChunks}). The
 * common path only appends to them: a step that folds a delta adds one chunk write (rarely two) to
 * the transaction, plus up to {@value #CLEANUP_PER_WRITE} deletions of chunks a dropped fold left
 * behind. Only an event inside the fold (or a redelivery of a folded delta) reads them, to place
 * it exactly; it writes the row and at most one chunk, guarded by the row's version as ever.
 *
 * <p>A new ledger row also moves its account item's version (creating a nameless stub account if
 * needed): a concurrent deletion, guarded by that version, then re-reads and zeroes the new row too.
 * Thread-safe.
 */
public final class DynamoDbEventJournal implements EventJournal {
    static final int MAX_ATTEMPTS = 25;
    static final int MAX_TRANSACT_ITEMS = 100;
    /** Left-over fold chunks one usage event deletes at most (a few items more in its transaction). */
    static final int CLEANUP_PER_WRITE = 8;

    private final DynamoDbClient client;
    private final String table;
    private final Clock clock;
    private final Duration dedupTtl;
    private final Backoff backoff;
    private final int maxTransactItems;
    private final Duration alertTtl;
    private final UnaryOperator<ServiceKey> rowService;

    public DynamoDbEventJournal(DynamoDbClient client, String table, Clock clock, Duration dedupTtl) {
        this(client, table, clock, dedupTtl, Backoff.standard());
    }

    /** With alert items kept {@code alertTtl} after they were received (else as long as de-duplication rows). */
    public DynamoDbEventJournal(DynamoDbClient client, String table, Clock clock, Duration dedupTtl, Duration alertTtl) {
        this(client, table, clock, dedupTtl, alertTtl, UnaryOperator.identity());
    }

    /** @param rowService the catalog service whose row a SKU's usage changes ({@code ServiceCatalog::rowService}) */
    public DynamoDbEventJournal(DynamoDbClient client, String table, Clock clock, Duration dedupTtl,
                                UnaryOperator<ServiceKey> rowService) {
        this(client, table, clock, dedupTtl, dedupTtl, rowService);
    }

    /**
     * @param alertTtl   how long alert items are kept after they were received
     * @param rowService the catalog service whose row a SKU's usage changes ({@code ServiceCatalog::rowService})
     */
    public DynamoDbEventJournal(DynamoDbClient client, String table, Clock clock, Duration dedupTtl, Duration alertTtl,
                                UnaryOperator<ServiceKey> rowService) {
        this(client, table, clock, dedupTtl, alertTtl, rowService, Backoff.standard());
    }

    /** ... and {@code backoff} between attempts that lost a write race. */
    public DynamoDbEventJournal(DynamoDbClient client, String table, Clock clock, Duration dedupTtl, Duration alertTtl,
                                UnaryOperator<ServiceKey> rowService, Backoff backoff) {
        this(client, table, clock, dedupTtl, backoff, MAX_TRANSACT_ITEMS, alertTtl, rowService);
    }

    public DynamoDbEventJournal(DynamoDbClient client, String table, Clock clock, Duration dedupTtl, Backoff backoff) {
        this(client, table, clock, dedupTtl, backoff, MAX_TRANSACT_ITEMS);
    }

    DynamoDbEventJournal(DynamoDbClient client, String table, Clock clock, Duration dedupTtl, Backoff backoff,
                         int maxTransactItems) {
        this(client, table, clock, dedupTtl, backoff, maxTransactItems, dedupTtl, UnaryOperator.identity());
    }

    /** {@code maxTransactItems} below DynamoDB's 100 lets tests reach the chunked deletion with few rows. */
    DynamoDbEventJournal(DynamoDbClient client, String table, Clock clock, Duration dedupTtl, Backoff backoff,
                         int maxTransactItems, UnaryOperator<ServiceKey> rowService) {
        this(client, table, clock, dedupTtl, backoff, maxTransactItems, dedupTtl, rowService);
    }

    private DynamoDbEventJournal(DynamoDbClient client, String table, Clock clock, Duration dedupTtl, Backoff backoff,
                                 int maxTransactItems, Duration alertTtl, UnaryOperator<ServiceKey> rowService) {
        this.alertTtl = Objects.requireNonNull(alertTtl, "alertTtl");
        this.rowService = Objects.requireNonNull(rowService, "rowService");
        if (maxTransactItems < 3 || maxTransactItems > MAX_TRANSACT_ITEMS) {
            throw new IllegalArgumentException("maxTransactItems must be between 3 and " + MAX_TRANSACT_ITEMS);
        }
        this.maxTransactItems = maxTransactItems;
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dedupTtl = Objects.requireNonNull(dedupTtl, "dedupTtl");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    private enum Commit { OK, DUPLICATE, CONFLICT }

    @Override
    public UsageRowKey rowKey(VendorEvent.UsageEvent event) {
        return EventRules.rowKey(event, rowService);
    }

    @Override
    public RecordResult record(VendorEvent event) {
        return DynamoDbFailures.call("journal.record", () -> {
            if (recordedBeforeUpgrade(event)) {
                return RecordResult.duplicate();
            }
            Set<UsageRowKey> zeroedEarlier = new LinkedHashSet<>();
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                if (attempt > 1) {
                    backoff.pause(attempt);
                }
                Optional<RecordResult> result = switch (event) {
                    case VendorEvent.AccountUpserted e -> tryUpsert(e);
                    case VendorEvent.AccountDeleted e -> tryDelete(e, zeroedEarlier);
                    case VendorEvent.UsageEvent e -> tryUsage(e);
                    case VendorEvent.AlertRaised e -> tryAlert(e);
                };
                if (result.isPresent()) {
                    return result.get();
                }
            }
            throw new StoreConflictException("event " + event.id() + " lost to concurrent writes " + MAX_ATTEMPTS
                    + " times; nothing of it was recorded");
        });
    }

    private Optional<RecordResult> tryUpsert(VendorEvent.AccountUpserted event) {
        Optional<AccountRecord> current = readAccount(event);
        Optional<AccountRecord> next = EventRules.upsert(current, event);
        if (next.isEmpty()) {
            return Optional.of(recordNoChange(event));
        }
        List<TransactWriteItem> items = List.of(dedup(event), accountWrite(next.get(), current));
        return decide(commit(items), new RecordResult(RecordOutcome.APPLIED, List.of()));
    }

    private Optional<RecordResult> tryUsage(VendorEvent.UsageEvent event) {
        UsageRowKey key = EventRules.rowKey(event, rowService);
        ServiceKey sku = event.service();
        LedgerChange change = event.toChange();
        Optional<Map<String, AttributeValue>> item = readRowItem(key);
        if (item.isPresent()) {
            LedgerRow row = Items.ledgerRow(item.get());
            // A SKU's first event in an existing row starts from the account's newest deletion, like a new row.
            LedgerState component = row.component(sku).isPresent() ? row.component(sku).get()
                    : EventRules.initialState(readAccount(event));
            Optional<RowWrite> write = step(row, Items.foldChunks(item.get()), sku, component, change,
                    CLEANUP_PER_WRITE);
            if (write.isEmpty()) {
                return Optional.of(recordNoChange(event));
            }
            List<TransactWriteItem> items = new ArrayList<>();
            items.add(dedup(event));
            items.addAll(write.get().items());
            return decide(commit(items), new RecordResult(RecordOutcome.APPLIED, List.of(key)));
        }
        Optional<AccountRecord> account = readAccount(event);
        Optional<LedgerState> first = EventRules.initialState(account).apply(change);
        if (first.isEmpty()) {
            return Optional.of(recordNoChange(event));
        }
        List<TransactWriteItem> items = List.of(dedup(event),
                rowWrite(LedgerRow.created(key, sku, first.get()), Map.of(), 0),
                accountWrite(EventRules.bumped(account, event), account));
        return decide(commit(items), new RecordResult(RecordOutcome.APPLIED, List.of(key)));
    }

    /**
     * An alert: its de-duplication row and its alert item (stage QUEUED) in one transaction. An alert item still
     * alive after its de-duplication row expired (a longer alert TTL) makes a redelivery a duplicate too.
     */
    private Optional<RecordResult> tryAlert(VendorEvent.AlertRaised event) {
        Instant now = clock.instant();
        Put alert = Put.builder().tableName(table).item(AlertItems.item(AlertRecord.received(event, now), alertTtl))
                .conditionExpression("attribute_not_exists(#pk) OR #expires < :now")
                .expressionAttributeNames(Map.of("#pk", Keys.PK, "#expires", Keys.EXPIRES_AT))
                .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond())))
                .build();
        Commit commit = commit(List.of(dedup(event), TransactWriteItem.builder().put(alert).build()));
        if (commit == Commit.CONFLICT) {
            Optional<Map<String, AttributeValue>> item = AlertItems.present(client.getItem(GetItemRequest.builder()
                    .tableName(table).key(AlertItems.key(event.ref())).consistentRead(true).build()).item());
            if (item.isPresent() && Attributes.number(item.get(), Keys.EXPIRES_AT, 0) >= now.getEpochSecond()) {
                recordNoChange(event);
                return Optional.of(RecordResult.duplicate());
            }
        }
        return decide(commit, new RecordResult(RecordOutcome.APPLIED, List.of()));
    }

    /** A row's version-guarded write and its chunk writes, which must commit together. */
    private record RowWrite(List<TransactWriteItem> items) {
    }

    /**
     * {@code change} applied to {@code sku}'s component ({@code state}) of a stored row: reads the component's fold
     * chunks only when the change lands inside its fold, and plans the chunk writes; empty when the change changes
     * nothing.
     */
    private Optional<RowWrite> step(LedgerRow row, Map<ServiceKey, FoldChunks> chunks, ServiceKey sku,
                                    LedgerState state, LedgerChange change, int cleanup) {
        Optional<ComponentStep> step = componentStep(row.key(), chunks, sku, state, change, row.deltaBound(sku),
                cleanup);
        if (step.isEmpty()) {
            return Optional.empty();
        }
        Map<ServiceKey, FoldChunks> nextChunks = new HashMap<>(chunks);
        nextChunks.put(sku, step.get().plan().next());
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(rowWrite(row.withComponents(Map.of(sku, step.get().state())), nextChunks, row.version()));
        for (FoldChunks.Write write : step.get().plan().writes()) {
            items.add(chunkWrite(row.key(), sku, write));
        }
        return Optional.of(new RowWrite(items));
    }

    /** One component's next state and the chunk writes that record it. */
    private record ComponentStep(LedgerState state, FoldChunks.Plan plan) {
    }

    private Optional<ComponentStep> componentStep(UsageRowKey key, Map<ServiceKey, FoldChunks> chunks, ServiceKey sku,
                                                  LedgerState state, LedgerChange change, int bound, int cleanup) {
        FoldChunks own = chunks.getOrDefault(sku, FoldChunks.NONE);
        List<LedgerChange> folded = state.needsFoldedDeltas(change) ? readFolded(key, sku, own) : List.of();
        return state.step(change, bound, folded)
                .map(step -> new ComponentStep(step.state(), own.plan(state, step, cleanup)));
    }

    /** The deltas in the row's live chunks (strongly consistent; the row's version guard covers them). */
    private List<LedgerChange> readFolded(UsageRowKey key, ServiceKey sku, FoldChunks chunks) {
        String prefix = Keys.foldPrefix(key.accountId(), sku);
        var query = DynamoDbQueries.partitionPrefix(table, Keys.partnerPk(key.partnerId()), prefix);
        List<LedgerChange> folded = new ArrayList<>();
        for (Map<String, AttributeValue> item : DynamoDbQueries.all(client, query)) {
            if (chunks.liveChunk(prefix, item.get(Keys.SK).s()).isPresent()) {
                folded.addAll(Items.deltas(item.get(Items.FOLD_DELTAS)));
            }
        }
        return folded;
    }

    private Optional<RecordResult> tryDelete(VendorEvent.AccountDeleted event, Set<UsageRowKey> zeroedEarlier) {
        Optional<AccountRecord> current = readAccount(event);
        Optional<AccountRecord> next = EventRules.delete(current, event);
        LedgerChange zero = EventRules.zeroing(event);
        List<TransactWriteItem> rowWrites = new ArrayList<>();
        List<UsageRowKey> changed = new ArrayList<>();
        var query = DynamoDbQueries.partitionPrefix(table, Keys.partnerPk(event.partnerId()),
                Keys.usageAccountPrefix(event.accountId()));
        for (Map<String, AttributeValue> item : DynamoDbQueries.all(client, query)) {
            LedgerRow row = Items.ledgerRow(item);
            // Every component is zeroed; a set writes no chunk and this path deletes none: one item per row.
            Map<ServiceKey, FoldChunks> chunks = new HashMap<>(Items.foldChunks(item));
            Map<ServiceKey, LedgerState> zeroed = new HashMap<>();
            for (ServiceKey sku : row.skus()) {
                Optional<ComponentStep> step = componentStep(row.key(), chunks, sku, row.component(sku).orElseThrow(),
                        zero, row.deltaBound(sku), 0);
                if (step.isPresent()) {
                    if (!step.get().plan().writes().isEmpty()) {
                        throw new IllegalStateException("zeroing a row must write the row alone");
                    }
                    zeroed.put(sku, step.get().state());
                    chunks.put(sku, step.get().plan().next());
                }
            }
            if (!zeroed.isEmpty()) {
                rowWrites.add(rowWrite(row.withComponents(zeroed), chunks, row.version()));
                changed.add(row.key());
            }
        }
        int total = 1 + (next.isPresent() ? 1 : 0) + rowWrites.size();
        if (total > maxTransactItems) {
            return zeroInChunks(event, rowWrites, changed, zeroedEarlier);
        }
        Set<UsageRowKey> allChanged = new LinkedHashSet<>(zeroedEarlier);
        allChanged.addAll(changed);
        if (next.isEmpty() && rowWrites.isEmpty()) {
            RecordResult result = recordNoChange(event);
            return Optional.of(allChanged.isEmpty() ? result : new RecordResult(RecordOutcome.APPLIED,
                    List.copyOf(allChanged)));
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(dedup(event));
        next.ifPresent(account -> items.add(accountWrite(account, current)));
        items.addAll(rowWrites);
        Commit commit = commit(items);
        if (commit == Commit.DUPLICATE && !zeroedEarlier.isEmpty()) {
            // A concurrent delivery recorded the event while this one zeroed rows: report them anyway.
            return Optional.of(new RecordResult(RecordOutcome.DUPLICATE, List.copyOf(zeroedEarlier)));
        }
        return decide(commit, new RecordResult(RecordOutcome.APPLIED, List.copyOf(allChanged)));
    }

    /** Zeroes rows in transactions of their own; the caller's next attempt then fits in one. */
    private Optional<RecordResult> zeroInChunks(VendorEvent.AccountDeleted event, List<TransactWriteItem> rowWrites,
                                                List<UsageRowKey> changed, Set<UsageRowKey> zeroedEarlier) {
        if (dedupExists(event)) {
            return Optional.of(zeroedEarlier.isEmpty() ? RecordResult.duplicate()
                    : new RecordResult(RecordOutcome.DUPLICATE, List.copyOf(zeroedEarlier)));
        }
        for (int from = 0; from < rowWrites.size(); from += maxTransactItems) {
            int to = Math.min(rowWrites.size(), from + maxTransactItems);
            if (commit(rowWrites.subList(from, to)) != Commit.OK) {
                return Optional.empty();
            }
            zeroedEarlier.addAll(changed.subList(from, to));
        }
        return Optional.empty();
    }

    private RecordResult recordNoChange(VendorEvent event) {
        Put put = dedupPut(event);
        try {
            client.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(put.item())
                    .conditionExpression(put.conditionExpression())
                    .expressionAttributeNames(put.expressionAttributeNames())
                    .build());
            return RecordResult.noChange();
        } catch (ConditionalCheckFailedException e) {
            return RecordResult.duplicate();
        }
    }

    private static Optional<RecordResult> decide(Commit commit, RecordResult applied) {
        return switch (commit) {
            case OK -> Optional.of(applied);
            case DUPLICATE -> Optional.of(RecordResult.duplicate());
            case CONFLICT -> Optional.empty();
        };
    }

    /** Commits {@code items}; when the first is a de-duplication row, its failure means DUPLICATE. */
    private Commit commit(List<TransactWriteItem> items) {
        try {
            client.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items).build());
            return Commit.OK;
        } catch (TransactionCanceledException e) {
            boolean firstIsDedup = items.get(0).put() != null;
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            if (reasons.isEmpty()) {
                // Without reasons, ask the table: is the event there?
                return firstIsDedup && dedupExists(items.get(0).put().item()) ? Commit.DUPLICATE : Commit.CONFLICT;
            }
            if (firstIsDedup && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return Commit.DUPLICATE;
            }
            for (CancellationReason reason : reasons) {
                String code = reason.code();
                if (code != null && !code.equals("None") && !code.equals("ConditionalCheckFailed")
                        && !code.equals("TransactionConflict") && !code.equals("ThrottlingError")) {
                    throw e;
                }
            }
            return Commit.CONFLICT;
        }
    }

    private boolean dedupExists(VendorEvent event) {
        return dedupExists(Attributes.key(Keys.eventPk(event.partnerId(), event.id()), Keys.EVENT_SK));
    }

    /**
     * True when the previous release recorded this partner's event under its unscoped key and that
     * row has not expired. A redelivery must stay a duplicate across the upgrade: a delta folded into
     * its ledger row is no longer recognisable by id there. Old rows are never written again, so a
     * plain read suffices; once {@code DEDUP_TTL_DAYS} have passed since the upgrade none is left.
     */
    private boolean recordedBeforeUpgrade(VendorEvent event) {
        Map<String, AttributeValue> item = client.getItem(GetItemRequest.builder().tableName(table)
                .key(Attributes.key(Keys.legacyEventPk(event.id()), Keys.EVENT_SK)).consistentRead(true).build())
                .item();
        if (item == null || item.isEmpty()) {
            return false;
        }
        boolean samePartner = Attributes.string(item, "partnerId").filter(event.partnerId().value()::equals)
                .isPresent();
        return samePartner && Attributes.number(item, Keys.EXPIRES_AT, 0) > clock.instant().getEpochSecond();
    }

    private boolean dedupExists(Map<String, AttributeValue> itemOrKey) {
        Map<String, AttributeValue> key = Map.of(Keys.PK, itemOrKey.get(Keys.PK), Keys.SK, itemOrKey.get(Keys.SK));
        Map<String, AttributeValue> item = client.getItem(GetItemRequest.builder()
                .tableName(table).key(key).consistentRead(true).build()).item();
        return item != null && !item.isEmpty();
    }

    private TransactWriteItem dedup(VendorEvent event) {
        return TransactWriteItem.builder().put(dedupPut(event)).build();
    }

    private Put dedupPut(VendorEvent event) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new LinkedHashMap<>(Attributes.key(Keys.eventPk(event.partnerId(), event.id()),
                Keys.EVENT_SK));
        item.put("partnerId", s(event.partnerId().value()));
        item.put("type", s(event.type()));
        item.put("recordedAt", time(now));
        item.put(Keys.EXPIRES_AT, n(now.plus(dedupTtl).getEpochSecond()));
        return Put.builder()
                .tableName(table)
                .item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", Keys.PK))
                .build();
    }

    /** {@code row} (at its new version) written if the stored one is still at {@code expectedVersion}. */
    private TransactWriteItem rowWrite(LedgerRow row, Map<ServiceKey, FoldChunks> chunks, long expectedVersion) {
        return TransactWriteItem.builder()
                .update(Items.ledgerRowUpdate(row, chunks, expectedVersion)
                        .transactUpdate(table, Items.key(row.key())))
                .build();
    }

    private TransactWriteItem chunkWrite(UsageRowKey key, ServiceKey sku, FoldChunks.Write write) {
        Map<String, AttributeValue> chunkKey = Items.foldChunkKey(key, sku, write.chunk());
        return switch (write) {
            case FoldChunks.Append a -> TransactWriteItem.builder()
                    .update(new UpdateSpec().append(Items.FOLD_DELTAS, Items.deltaList(a.deltas()))
                            .transactUpdate(table, chunkKey))
                    .build();
            case FoldChunks.Create c -> TransactWriteItem.builder()
                    .put(Put.builder().tableName(table).item(Items.foldChunk(key, sku, c.chunk(), c.deltas())).build())
                    .build();
            case FoldChunks.Delete d -> TransactWriteItem.builder()
                    .delete(Delete.builder().tableName(table).key(chunkKey).build())
                    .build();
        };
    }

    private TransactWriteItem accountWrite(AccountRecord next, Optional<AccountRecord> current) {
        long expected = current.map(AccountRecord::version).orElse(0L);
        return TransactWriteItem.builder()
                .update(Items.accountVendorUpdate(next, expected)
                        .transactUpdate(table, Items.key(next.partnerId(), next.accountId())))
                .build();
    }

    private Optional<Map<String, AttributeValue>> readRowItem(UsageRowKey key) {
        Map<String, AttributeValue> item = client.getItem(GetItemRequest.builder()
                .tableName(table).key(Items.key(key)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private Optional<AccountRecord> readAccount(VendorEvent event) {
        var accountId = switch (event) {
            case VendorEvent.AccountUpserted e -> e.account().id();
            case VendorEvent.AccountDeleted e -> e.accountId();
            case VendorEvent.UsageEvent e -> e.accountId();
            case VendorEvent.AlertRaised e -> e.accountId();
        };
        Map<String, AttributeValue> item = client.getItem(GetItemRequest.builder()
                .tableName(table).key(Items.key(event.partnerId(), accountId)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.account(item));
    }
}
