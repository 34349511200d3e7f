package io.gradientconnector.port;

import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.SaveResult;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of {@link PartnerStore}, run against the fake and DynamoDB. */
public abstract class PartnerStoreContract extends StoreContractSupport {

    private PartnerRecord connected(PartnerId id) {
        return PartnerRecord.builder(id, clock.instant())
                .status(PartnerStatus.PENDING)
                .gradientStatus("pending")
                .organizationId("org-1")
                .organizationName("Northwind MSP")
                .keyFingerprint("abc123")
                .connectedAt(clock.instant())
                .build();
    }

    private PartnerRecord saved(PartnerRecord record) {
        return ((SaveResult.Saved) stores.partners().save(record)).partner();
    }

    @Test
    void save_shouldCreateAtVersionOne_andGetReturnsIt() {
        SaveResult result = stores.partners().save(connected(partner));

        PartnerRecord stored = stores.partners().get(partner).orElseThrow();
        assertInstanceOf(SaveResult.Saved.class, result);
        assertEquals(1, stored.version());
        assertEquals(stored, ((SaveResult.Saved) result).partner());
        assertEquals(PartnerStatus.PENDING, stored.status());
        assertEquals(Optional.of("Northwind MSP"), stored.organizationName());
        assertEquals(Optional.of(clock.instant()), stored.connectedAt());
        assertEquals(Optional.empty(), stored.integrationId());
    }

    @Test
    void save_shouldConflict_whenCreatingAPartnerThatExists() {
        saved(connected(partner));

        assertInstanceOf(SaveResult.Conflict.class, stores.partners().save(connected(partner)));
    }

    @Test
    void save_shouldConflict_whenRecordWasReadBeforeAnotherSave() {
        PartnerRecord v1 = saved(connected(partner));
        saved(v1.toBuilder().status(PartnerStatus.ACTIVE).build());

        SaveResult stale = stores.partners().save(v1.toBuilder().organizationName("Stale").build());

        assertInstanceOf(SaveResult.Conflict.class, stale);
        PartnerRecord stored = stores.partners().get(partner).orElseThrow();
        assertEquals(PartnerStatus.ACTIVE, stored.status());
        assertEquals(2, stored.version());
    }

    @Test
    void save_shouldLetExactlyOneWriterWin_whenWritersRaceFromTheSameRead() throws Exception {
        PartnerRecord v1 = saved(connected(partner));
        List<Callable<SaveResult>> writers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String name = "Writer " + i;
            writers.add(() -> stores.partners().save(v1.toBuilder().organizationName(name).build()));
        }

        List<SaveResult> results = concurrently(6, writers);

        assertEquals(1, results.stream().filter(SaveResult.Saved.class::isInstance).count());
        assertEquals(2, stores.partners().get(partner).orElseThrow().version());
    }

    @Test
    void save_shouldRemoveCleared_optionalFields() {
        PartnerRecord v1 = saved(connected(partner));

        saved(v1.toBuilder().keyFingerprint(null).gradientStatus(null).build());

        PartnerRecord stored = stores.partners().get(partner).orElseThrow();
        assertEquals(Optional.empty(), stored.keyFingerprint());
        assertEquals(Optional.empty(), stored.gradientStatus());
    }

    @Test
    void list_shouldPageThroughEveryPartnerById() {
        List<PartnerId> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            PartnerId id = TestEvents.uniquePartner();
            ids.add(id);
            saved(connected(id));
        }

        List<PartnerId> listed = all(c -> stores.partners().list(c, 2)).stream().map(PartnerRecord::partnerId).toList();

        assertEquals(ids.stream().sorted(java.util.Comparator.comparing(PartnerId::value)).toList(), listed);
    }

    @Test
    void markNeedsKey_shouldChangeStatus_onlyForTheKeyThatFailed() {
        saved(connected(partner));
        clock.advance(Duration.ofMinutes(1));

        boolean otherKey = stores.partners().markNeedsKey(partner, "replaced-key", "401", clock.instant());
        boolean sameKey = stores.partners().markNeedsKey(partner, "abc123", "Gradient answered 401", clock.instant());

        PartnerRecord stored = stores.partners().get(partner).orElseThrow();
        assertFalse(otherKey);
        assertTrue(sameKey);
        assertEquals(PartnerStatus.NEEDS_KEY, stored.status());
        assertEquals(Optional.of("Gradient answered 401"), stored.lastError());
        assertEquals(clock.instant(), stored.updatedAt());
        assertEquals(2, stored.version(), "a transition moves the version");
    }

    @Test
    void save_shouldKeepAndClearTheRetiredKeyFingerprint() {
        PartnerRecord v1 = saved(connected(partner));

        PartnerRecord fenced = saved(v1.toBuilder().status(PartnerStatus.DISCONNECTED).keyFingerprint(null)
                .retiredKeyFingerprint("abc123").build());
        assertEquals(Optional.of("abc123"), stores.partners().get(partner).orElseThrow().retiredKeyFingerprint());
        assertEquals(Optional.empty(), stores.partners().get(partner).orElseThrow().keyFingerprint());

        saved(fenced.toBuilder().retiredKeyFingerprint(null).build());
        assertEquals(Optional.empty(), stores.partners().get(partner).orElseThrow().retiredKeyFingerprint());
    }

    @Test
    void markActive_shouldActivate_onlyAPendingPartnerWithThatKey() {
        saved(connected(partner));
        clock.advance(Duration.ofMinutes(1));

        assertFalse(stores.partners().markActive(partner, "replaced-key", clock.instant()));
        assertTrue(stores.partners().markActive(partner, "abc123", clock.instant()));
        assertFalse(stores.partners().markActive(partner, "abc123", clock.instant()), "already active");
        assertFalse(stores.partners().markActive(TestEvents.uniquePartner(), "abc123", clock.instant()));

        PartnerRecord stored = stores.partners().get(partner).orElseThrow();
        assertEquals(PartnerStatus.ACTIVE, stored.status());
        assertEquals(Optional.of("active"), stored.gradientStatus());
        assertEquals(clock.instant(), stored.updatedAt());
        assertEquals(2, stored.version(), "a transition moves the version");
    }

    @Test
    void markActive_shouldNotRevive_aDisconnectedOrNeedsKeyPartner() {
        saved(connected(partner));
        stores.partners().markNeedsKey(partner, "abc123", "401", clock.instant());
        assertFalse(stores.partners().markActive(partner, "abc123", clock.instant()));
        stores.partners().markDisconnected(partner, clock.instant());
        assertFalse(stores.partners().markActive(partner, "abc123", clock.instant()));
        assertEquals(PartnerStatus.DISCONNECTED, stores.partners().get(partner).orElseThrow().status());
    }

    @Test
    void markDisconnected_shouldForgetFingerprint_andStopNeedsKey() {
        saved(connected(partner));

        assertTrue(stores.partners().markDisconnected(partner, clock.instant()));
        assertFalse(stores.partners().markNeedsKey(partner, "abc123", "401", clock.instant()));
        assertFalse(stores.partners().markDisconnected(TestEvents.uniquePartner(), clock.instant()));

        PartnerRecord stored = stores.partners().get(partner).orElseThrow();
        assertEquals(PartnerStatus.DISCONNECTED, stored.status());
        assertEquals(Optional.empty(), stored.keyFingerprint());
    }

    @Test
    void recordSyncAndPush_shouldKeepVersion_andSurviveALaterSave() {
        PartnerRecord v1 = saved(connected(partner));
        clock.advance(Duration.ofMinutes(5));

        assertTrue(stores.partners().recordSync(partner, clock.instant(), Optional.of("Gradient 503")));
        assertTrue(stores.partners().recordPush(partner, clock.instant(), Optional.empty()));
        SaveResult save = stores.partners().save(v1.toBuilder().status(PartnerStatus.ACTIVE).build());

        PartnerRecord stored = stores.partners().get(partner).orElseThrow();
        assertInstanceOf(SaveResult.Saved.class, save);
        assertEquals(Optional.of(clock.instant()), stored.lastSyncAt());
        assertEquals(Optional.of(clock.instant()), stored.lastPushAt());
        assertEquals(Optional.empty(), stored.lastError(), "the push's success cleared the sync's error");
        assertEquals(PartnerStatus.ACTIVE, stored.status());
    }

    @Test
    void recordSync_shouldReturnFalse_whenPartnerUnknown() {
        assertFalse(stores.partners().recordSync(partner, clock.instant(), Optional.empty()));
        assertTrue(stores.partners().get(partner).isEmpty());
    }

    @Test
    void listByStatus_shouldListExactlyThePartnersInEachStatus_pageByPage_afterRandomTransitions() {
        java.util.Random random = new java.util.Random(20261206L);
        java.util.Map<PartnerId, PartnerStatus> model = new java.util.TreeMap<>(
                java.util.Comparator.comparing(PartnerId::value));
        for (int i = 0; i < 14; i++) {
            PartnerId id = TestEvents.uniquePartner();
            saved(PartnerRecord.builder(id, clock.instant()).status(PartnerStatus.PENDING).keyFingerprint("fp")
                    .build());
            model.put(id, PartnerStatus.PENDING);
            for (int step = random.nextInt(3); step > 0; step--) {
                switch (random.nextInt(3)) {
                    case 0 -> {
                        if (stores.partners().markActive(id, "fp", clock.instant())) {
                            model.put(id, PartnerStatus.ACTIVE);
                        }
                    }
                    case 1 -> {
                        if (stores.partners().markNeedsKey(id, "fp", "401", clock.instant())) {
                            model.put(id, PartnerStatus.NEEDS_KEY);
                        }
                    }
                    default -> {
                        stores.partners().markDisconnected(id, clock.instant());
                        model.put(id, PartnerStatus.DISCONNECTED);
                    }
                }
            }
        }
        for (PartnerStatus status : PartnerStatus.values()) {
            List<String> expected = model.entrySet().stream().filter(e -> e.getValue() == status)
                    .map(e -> e.getKey().value()).toList();
            List<String> listed = all(cursor -> stores.partners().listByStatus(status, cursor, 3)).stream()
                    .map(p -> p.partnerId().value()).toList();
            assertEquals(expected, listed, "partners in " + status + " (seed 20261206)");
        }
    }

    @Test
    void listByStatus_shouldRejectACursorOfAnotherListing() {
        for (int i = 0; i < 3; i++) {
            saved(connected(TestEvents.uniquePartner()));
        }
        Optional<String> cursor = stores.partners().list(Optional.empty(), 1).nextCursor();
        assertTrue(cursor.isPresent());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> stores.partners().listByStatus(PartnerStatus.PENDING, Optional.of("bm90LWEtY3Vyc29y"), 1));
    }
}
