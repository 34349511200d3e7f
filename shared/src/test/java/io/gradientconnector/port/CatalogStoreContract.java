package io.gradientconnector.port;

import io.gradientconnector.domain.ServiceKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rules of {@link CatalogStore}, run against the fake and DynamoDB. */
public abstract class CatalogStoreContract extends StoreContractSupport {

    @Test
    void put_shouldMapServiceKeys_andReplaceAnExistingMapping() {
        stores.catalog().put(ServiceKey.of("backup-server"), "65a1f3aa9c0d1e2f3a4b5c6d", "Cloud Backup - Servers");
        stores.catalog().put(ServiceKey.of("edr-endpoint"), "65a1f3aa9c0d1e2f3a4b5c6e", "EDR");
        stores.catalog().put(ServiceKey.of("edr-endpoint"), "65a1f3aa9c0d1e2f3a4b5c6f", "EDR");

        assertEquals(Optional.of("65a1f3aa9c0d1e2f3a4b5c6d"), stores.catalog().gradientServiceId(ServiceKey.of("backup-server")));
        assertEquals(Optional.empty(), stores.catalog().gradientServiceId(ServiceKey.of("unknown")));
        assertEquals(Map.of(ServiceKey.of("backup-server"), "65a1f3aa9c0d1e2f3a4b5c6d",
                ServiceKey.of("edr-endpoint"), "65a1f3aa9c0d1e2f3a4b5c6f"), stores.catalog().all());
    }

    @Test
    void put_shouldReject_whenGradientIdIsBlank() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> stores.catalog().put(ServiceKey.of("backup-server"), " ", "x"));

        assertEquals("gradientServiceId is required", e.getMessage());
    }

    private static final ServiceKey BACKUP = ServiceKey.of("backup-server");
    private static final java.time.Duration LEASE = java.time.Duration.ofMinutes(15);

    @Test
    void claim_shouldLetExactlyOneOwnerCreate_whenManyClaimAtOnce() throws Exception {
        List<Callable<CatalogStore.Claim>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String owner = "owner-" + i;
            tasks.add(() -> stores.catalog().claim(BACKUP, owner, clock.instant(), LEASE));
        }

        List<CatalogStore.Claim> claims = concurrently(8, tasks);

        assertEquals(1, Collections.frequency(claims, CatalogStore.Claim.CLAIMED), claims.toString());
        assertEquals(7, Collections.frequency(claims, CatalogStore.Claim.HELD), claims.toString());
        assertEquals(Map.of(), stores.catalog().all(), "a claim is not a mapping");
        assertEquals(Optional.empty(), stores.catalog().gradientServiceId(BACKUP));
    }

    @Test
    void claim_shouldReportRecorded_onceTheIdIsStored_evenAfterTheLease() {
        assertEquals(CatalogStore.Claim.CLAIMED, stores.catalog().claim(BACKUP, "a", clock.instant(), LEASE));
        stores.catalog().put(BACKUP, "65a1f3aa9c0d1e2f3a4b5c6d", "Cloud Backup - Servers");
        clock.advance(LEASE.plusMinutes(1));

        assertEquals(CatalogStore.Claim.RECORDED, stores.catalog().claim(BACKUP, "b", clock.instant(), LEASE));
        assertEquals(Map.of(BACKUP, "65a1f3aa9c0d1e2f3a4b5c6d"), stores.catalog().all());
    }

    @Test
    void claim_shouldBeTakenOver_onlyOnceTheLeaseHasExpired() {
        assertEquals(CatalogStore.Claim.CLAIMED, stores.catalog().claim(BACKUP, "a", clock.instant(), LEASE));
        assertEquals(CatalogStore.Claim.CLAIMED, stores.catalog().claim(BACKUP, "a", clock.instant(), LEASE),
                "the owner renews");

        clock.advance(LEASE.minusSeconds(1));
        assertEquals(CatalogStore.Claim.HELD, stores.catalog().claim(BACKUP, "b", clock.instant(), LEASE));
        clock.advance(java.time.Duration.ofSeconds(1));
        assertEquals(CatalogStore.Claim.RECLAIMED, stores.catalog().claim(BACKUP, "b", clock.instant(), LEASE));
        assertEquals(CatalogStore.Claim.HELD, stores.catalog().claim(BACKUP, "a", clock.instant(), LEASE),
                "the expired owner lost it");
    }
}
