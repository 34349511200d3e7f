package io.gradientconnector.port;

import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.UsageRowKey;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.ServiceKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import static io.gradientconnector.testing.TestEvents.add;
import static io.gradientconnector.testing.TestEvents.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of {@link UsageLedger}, run against the fake and DynamoDB. */
public abstract class UsageLedgerContract extends StoreContractSupport {

    private UsageRowKey row(String account, String service) {
        return new UsageRowKey(partner, AccountId.of(account), ServiceKey.of(service));
    }

    private LedgerRow setRow(String account, String service, String qty, long at) {
        stores.journal().record(set("set-" + account + "-" + service + "-" + at, partner, account, service, qty, at));
        return stores.ledger().get(row(account, service)).orElseThrow();
    }

    @Test
    void get_shouldReturnEmpty_whenRowUnknown() {
        assertTrue(stores.ledger().get(row("nobody", "backup-server")).isEmpty());
    }

    @Test
    void get_shouldReturnCountAndPendingState_whenRowRecorded() {
        LedgerRow row = setRow("acct-1", "backup-server", "12.5", 1);

        assertEquals(Quantity.of("12.5"), row.count());
        assertEquals(1, row.version());
        assertEquals(0, row.pushedVersion());
        assertEquals(PushState.PENDING, row.pushState());
        assertTrue(row.needsPush());
        assertEquals(Optional.empty(), row.pushedCount());
    }

    @Test
    void list_shouldPageThroughEveryRowInKeyOrder_whenMoreThanOnePage() {
        for (String account : List.of("c", "a", "b")) {
            setRow(account, "backup-server", "1", 1);
            setRow(account, "edr-endpoint", "1", 1);
        }

        List<UsageRowKey> keys = all(c -> stores.ledger().list(partner, c, 4)).stream().map(LedgerRow::key).toList();

        assertEquals(List.of(row("a", "backup-server"), row("a", "edr-endpoint"), row("b", "backup-server"),
                row("b", "edr-endpoint"), row("c", "backup-server"), row("c", "edr-endpoint")), keys);
    }

    @Test
    void listForAccount_shouldReturnOnlyThatAccount_whenOtherIdsShareItsPrefix() {
        setRow("a", "backup-server", "1", 1);
        setRow("ab", "backup-server", "2", 1);
        setRow("a#backup-server", "edr-endpoint", "3", 1);

        List<LedgerRow> rows = all(c -> stores.ledger().listForAccount(partner, AccountId.of("a"), c, 10));

        assertEquals(List.of(row("a", "backup-server")), rows.stream().map(LedgerRow::key).toList());
    }

    @Test
    void list_shouldRejectCursor_whenItIsNotOneOfOurs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> stores.ledger().list(partner, Optional.of("not-a-cursor!"), 10));

        assertTrue(e.getMessage().contains("cursor"));
    }

    @Test
    void listNeedingPush_shouldListOnlyRowsGradientMayNotHold() {
        LedgerRow pushed = setRow("pushed", "backup-server", "1", 1);
        LedgerRow changedAfterPush = setRow("changed", "backup-server", "1", 1);
        LedgerRow unmapped = setRow("unmapped", "backup-server", "1", 1);
        setRow("fresh", "backup-server", "1", 1);
        Instant now = clock.instant();
        stores.ledger().recordPushResult(pushed.key(), 1, pushed.count(), PushState.PUSHED, Optional.empty(), now);
        stores.ledger().recordPushResult(changedAfterPush.key(), 1, changedAfterPush.count(), PushState.PUSHED,
                Optional.empty(), now);
        stores.journal().record(add("late-add", partner, "changed", "backup-server", "1", 2));
        stores.ledger().recordPushResult(unmapped.key(), 1, unmapped.count(), PushState.UNMAPPED,
                Optional.of("404 no account map"), now);

        List<String> accounts = all(c -> stores.ledger().listNeedingPush(partner, c, 2)).stream()
                .map(r -> r.key().accountId().value()).toList();

        assertEquals(List.of("changed", "fresh", "unmapped"), accounts);
    }

    @Test
    void recordPushResult_shouldStoreCountAndState_whenVersionIsNewer() {
        LedgerRow row = setRow("a", "backup-server", "7", 1);

        boolean recorded = stores.ledger().recordPushResult(row.key(), row.version(), row.count(), PushState.PUSHED,
                Optional.empty(), clock.instant());

        LedgerRow after = stores.ledger().get(row.key()).orElseThrow();
        assertTrue(recorded);
        assertEquals(PushState.PUSHED, after.pushState());
        assertEquals(1, after.pushedVersion());
        assertEquals(Optional.of(Quantity.of(7)), after.pushedCount());
        assertEquals(Optional.of(clock.instant()), after.lastPushAt());
        assertFalse(after.needsPush());
        assertEquals(Quantity.of(7), after.count());
    }

    @Test
    void recordPushResult_shouldRefuse_whenANewerVersionWasRecorded() {
        setRow("a", "backup-server", "1", 1);
        stores.journal().record(add("a2", partner, "a", "backup-server", "1", 2));
        UsageRowKey key = row("a", "backup-server");
        stores.ledger().recordPushResult(key, 2, Quantity.of(2), PushState.PUSHED, Optional.empty(), clock.instant());

        boolean stale = stores.ledger().recordPushResult(key, 1, Quantity.of(1), PushState.PUSHED, Optional.empty(),
                clock.instant());

        assertFalse(stale);
        assertEquals(Optional.of(Quantity.of(2)), stores.ledger().get(key).orElseThrow().pushedCount());
    }

    @Test
    void recordPushResult_shouldAcceptSuccess_whenSameVersionFailedBefore() {
        LedgerRow row = setRow("a", "backup-server", "3", 1);
        stores.ledger().recordPushResult(row.key(), 1, row.count(), PushState.FAILED, Optional.of("HTTP 503"),
                clock.instant());
        LedgerRow failed = stores.ledger().get(row.key()).orElseThrow();

        boolean retried = stores.ledger().recordPushResult(row.key(), 1, row.count(), PushState.PUSHED,
                Optional.empty(), clock.instant());

        assertEquals(PushState.FAILED, failed.pushState());
        assertEquals(Optional.of("HTTP 503"), failed.lastPushError());
        assertEquals(Optional.empty(), failed.pushedCount());
        assertTrue(failed.needsPush());
        assertTrue(retried);
        LedgerRow after = stores.ledger().get(row.key()).orElseThrow();
        assertEquals(PushState.PUSHED, after.pushState());
        assertEquals(Optional.empty(), after.lastPushError());
    }

    @Test
    void recordPushResult_shouldRefuseFailure_whenSameVersionWasPushed() {
        LedgerRow row = setRow("a", "backup-server", "3", 1);
        stores.ledger().recordPushResult(row.key(), 1, row.count(), PushState.PUSHED, Optional.empty(),
                clock.instant());

        boolean late = stores.ledger().recordPushResult(row.key(), 1, row.count(), PushState.FAILED,
                Optional.of("timeout"), clock.instant());

        assertFalse(late);
        assertEquals(PushState.PUSHED, stores.ledger().get(row.key()).orElseThrow().pushState());
    }

    @Test
    void recordPushResult_shouldReturnFalse_whenRowUnknown() {
        assertFalse(stores.ledger().recordPushResult(row("ghost", "backup-server"), 1, Quantity.ZERO,
                PushState.PUSHED, Optional.empty(), clock.instant()));
        assertTrue(stores.ledger().get(row("ghost", "backup-server")).isEmpty());
    }

    @Test
    void recordPushResult_shouldKeepNewestVersion_whenWorkersRace() throws Exception {
        setRow("a", "backup-server", "1", 1);
        for (int i = 2; i <= 8; i++) {
            stores.journal().record(add("a" + i, partner, "a", "backup-server", "1", i));
        }
        UsageRowKey key = row("a", "backup-server");
        List<Callable<Boolean>> workers = new ArrayList<>();
        for (int v = 1; v <= 8; v++) {
            long version = v;
            workers.add(() -> stores.ledger().recordPushResult(key, version, Quantity.of(version), PushState.PUSHED,
                    Optional.empty(), clock.instant()));
        }
        Collections.shuffle(workers, new java.util.Random(7));

        List<Boolean> recorded = concurrently(4, workers);

        LedgerRow after = stores.ledger().get(key).orElseThrow();
        assertTrue(recorded.contains(true));
        assertEquals(8, after.pushedVersion());
        assertEquals(Optional.of(Quantity.of(8)), after.pushedCount());
        assertFalse(after.needsPush());
    }

    @Test
    void acquireLease_shouldGiveTheRowToOneOwnerUntilReleasedOrExpired() {
        UsageRowKey key = setRow("a", "backup-server", "1", 1).key();
        Duration thirtySeconds = Duration.ofSeconds(30);

        assertTrue(stores.ledger().acquireLease(key, "worker-1", thirtySeconds, clock.instant()));
        assertFalse(stores.ledger().acquireLease(key, "worker-2", thirtySeconds, clock.instant()));
        assertTrue(stores.ledger().acquireLease(key, "worker-1", thirtySeconds, clock.instant()), "re-entrant");
        assertFalse(stores.ledger().releaseLease(key, "worker-2"));
        assertTrue(stores.ledger().releaseLease(key, "worker-1"));
        assertTrue(stores.ledger().acquireLease(key, "worker-2", thirtySeconds, clock.instant()));
        clock.advance(Duration.ofSeconds(31));
        assertTrue(stores.ledger().acquireLease(key, "worker-3", thirtySeconds, clock.instant()), "expired lease");
        assertEquals("worker-3", stores.ledger().get(key).orElseThrow().lease().orElseThrow().owner());
    }

    @Test
    void acquireLease_shouldReturnFalse_whenRowUnknown() {
        assertFalse(stores.ledger().acquireLease(row("ghost", "x"), "w", Duration.ofSeconds(5), clock.instant()));
        assertTrue(stores.ledger().get(row("ghost", "x")).isEmpty());
    }

    @Test
    void forgetPushes_shouldMakeEveryRowNeedAPushAgain() {
        LedgerRow a = setRow("a", "backup-server", "1", 1);
        LedgerRow b = setRow("b", "backup-server", "2", 1);
        stores.ledger().recordPushResult(a.key(), 1, a.count(), PushState.PUSHED, Optional.empty(), clock.instant());
        stores.ledger().recordPushResult(b.key(), 1, b.count(), PushState.PUSHED, Optional.empty(), clock.instant());

        int changed = stores.ledger().forgetPushes(partner);

        assertEquals(2, changed);
        List<LedgerRow> rows = all(c -> stores.ledger().listNeedingPush(partner, c, 10));
        assertEquals(2, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.pushState() == PushState.PENDING && r.pushedCount().isEmpty()));
        assertEquals(Quantity.of(2), stores.ledger().get(b.key()).orElseThrow().count());
    }
}
