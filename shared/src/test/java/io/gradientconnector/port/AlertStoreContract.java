package io.gradientconnector.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.AlertRecord;
import io.gradientconnector.domain.AlertStage;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.RecordOutcome;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.VendorEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of {@link AlertStore} (with alerts created by the {@link EventJournal}), run against the fake and DynamoDB. */
public abstract class AlertStoreContract extends StoreContractSupport {
    protected AlertStore alerts;

    /** The alert store over the same state (table) as {@code stores}. */
    protected abstract AlertStore alertStore(ConnectorStores stores);

    @BeforeEach
    void alertStore() {
        alerts = alertStore(stores);
    }

    private VendorEvent.AlertRaised alert(String id, int minute, String account, Optional<String> dedupKey) {
        return new VendorEvent.AlertRaised(EventId.of(id), partner, Instant.parse("2025-06-01T10:00:00Z").plusSeconds(60L * minute),
                AccountId.of(account), "Disk full \u2014 \uD83D\uDCBE C:", "line 1\nline 2", 2, 3,
                Optional.of(ServiceKey.of("backup-server")), dedupKey);
    }

    private AlertRecord recorded(VendorEvent.AlertRaised event) {
        assertEquals(RecordOutcome.APPLIED, stores.journal().record(event).outcome());
        return alerts.get(event.ref()).orElseThrow();
    }

    @Test
    void journal_shouldCreateTheAlertOnce_exactlyAsRaised() {
        VendorEvent.AlertRaised event = alert("a-1", 0, "acct#1 é", Optional.of("k"));
        AlertRecord stored = recorded(event);
        assertEquals(event, stored.event(), "every field as raised, Unicode included");
        assertEquals(AlertStage.QUEUED, stored.stage());
        assertEquals(1, stored.version());
        assertEquals(RecordOutcome.DUPLICATE, stores.journal().record(event).outcome());
        assertEquals(1, all(c -> alerts.list(partner, Set.of(), c, 10)).size());
    }

    @Test
    void update_shouldStoreOnlyFromTheVersionItWasMadeFrom() {
        AlertRecord queued = recorded(alert("a-2", 0, "a", Optional.empty()));
        AlertRecord claimed = queued.sending(clock.instant());
        assertTrue(alerts.update(claimed));
        assertFalse(alerts.update(queued.sending(clock.instant())), "a second claim from the same version loses");
        AlertRecord sent = claimed.sent("msg-1", clock.instant());
        assertTrue(alerts.update(sent));
        AlertRecord done = sent.failed(Optional.of(422), List.of("board not mapped", "x"), clock.instant());
        assertTrue(alerts.update(done));
        assertEquals(done, alerts.get(done.ref()).orElseThrow());
    }

    @Test
    void update_shouldLetOneOfManyRacingClaimsWin() throws Exception {
        AlertRecord queued = recorded(alert("a-3", 0, "a", Optional.empty()));
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tasks.add(() -> alerts.update(queued.sending(clock.instant())));
        }
        assertEquals(1, concurrently(6, tasks).stream().filter(b -> b).count());
    }

    @Test
    void list_shouldGiveNewestFirst_filteredByStage_acrossPages() {
        for (int i = 0; i < 7; i++) {
            AlertRecord a = recorded(alert("l-" + i, i, "a", Optional.empty()));
            if (i % 2 == 0) {
                assertTrue(alerts.update(a.unconfirmed("test", clock.instant())));
            }
        }
        List<String> ids = all(c -> alerts.list(partner, Set.of(), c, 3)).stream().map(a -> a.alertId().value()).toList();
        assertEquals(List.of("l-6", "l-5", "l-4", "l-3", "l-2", "l-1", "l-0"), ids);
        List<String> unconfirmed = all(c -> alerts.list(partner, EnumSet.of(AlertStage.UNCONFIRMED), c, 2)).stream()
                .map(a -> a.alertId().value()).toList();
        assertEquals(List.of("l-6", "l-4", "l-2", "l-0"), unconfirmed);
        assertEquals(List.of(), alerts.list(io.gradientconnector.testing.TestEvents.uniquePartner(), Set.of(),
                Optional.empty(), 10).items(), "per partner");
        assertThrows(IllegalArgumentException.class, () -> alerts.list(partner, Set.of(), Optional.of("bm90IGEgY3Vyc29y"), 2));
    }

    @Test
    void claimDedupKey_shouldLetExactlyOneOfManyAlertsHoldTheKey() throws Exception {
        List<AlertRecord> racing = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racing.add(recorded(alert("d-" + i, i, "a", Optional.of("same"))));
        }
        List<Callable<Optional<EventId>>> tasks = new ArrayList<>();
        racing.forEach(a -> tasks.add(() -> alerts.claimDedupKey(a, clock.instant())));
        List<Optional<EventId>> results = concurrently(8, tasks);
        assertEquals(1, results.stream().filter(Optional::isEmpty).count(), results.toString());
        EventId holder = racing.get(results.indexOf(Optional.<EventId>empty())).alertId();
        assertTrue(results.stream().filter(Optional::isPresent).allMatch(r -> r.get().equals(holder)));
    }

    @Test
    void claimDedupKey_shouldFreeTheKey_whenItsHolderClosesIt_andKeepItForTheWindow() {
        AlertRecord first = recorded(alert("w-1", 0, "a", Optional.of("k")));
        AlertRecord second = recorded(alert("w-2", 1, "a", Optional.of("k")));
        AlertRecord otherAccount = recorded(alert("w-3", 2, "b", Optional.of("k")));
        assertEquals(Optional.empty(), alerts.claimDedupKey(first, clock.instant()));
        assertEquals(Optional.empty(), alerts.claimDedupKey(first, clock.instant()), "its own key again");
        assertEquals(Optional.of(first.alertId()), alerts.claimDedupKey(second, clock.instant()));
        assertEquals(Optional.empty(), alerts.claimDedupKey(otherAccount, clock.instant()), "per account");

        alerts.openDedupKeyUntil(first, clock.instant().plus(Duration.ofMinutes(10)));
        alerts.openDedupKeyUntil(second, clock.instant()); // not the holder: changes nothing
        assertEquals(Optional.of(first.alertId()), alerts.claimDedupKey(second, clock.instant().plusSeconds(599)));
        assertEquals(Optional.empty(), alerts.claimDedupKey(second, clock.instant().plusSeconds(600)));
    }
}
