package io.gradientconnector.app.sync;

import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.lambda.ServiceCatalogFile;
import io.gradientconnector.port.CatalogStore;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.port.gradient.VendorSku;
import io.gradientconnector.testing.InMemoryCatalogStore;
import io.gradientconnector.testing.InMemoryGradient;
import io.gradientconnector.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceSyncTest {
    private static final String VENDOR_KEY = "vendor-key";
    private static final Instant DEADLINE = Instant.parse("2100-01-01T00:00:00Z");

    private final MutableClock clock = MutableClock.at("2025-06-01T00:00:00Z");
    private final InMemoryGradient gradient = new InMemoryGradient(VENDOR_KEY);
    private final InMemoryCatalogStore store = InMemoryCatalogStore.create();
    private final ServiceCatalog catalog = ServiceCatalogFile.example();

    private PartnerSession session(String partnerKey) {
        gradient.accept(partnerKey, "MSP " + partnerKey, IntegrationStatus.PENDING);
        return gradient.session(new GradientCredentials(VENDOR_KEY, partnerKey), DEADLINE);
    }

    private Map<String, Long> skusByName() {
        return gradient.skus().stream().collect(Collectors.groupingBy(VendorSku::name, Collectors.counting()));
    }

    @Test
    void ensureServices_shouldCreateEachServiceOnce_whenPartnersSyncAtTheSameTime() throws Exception {
        int racers = 4;
        CyclicBarrier barrier = new CyclicBarrier(racers);
        List<PartnerSession> sessions = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            sessions.add(ReadingTogether.session(session("partner-key-" + i), barrier, Duration.ofSeconds(10)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        int created = 0;
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (PartnerSession session : sessions) {
                // One ServiceSync per racer, as each container builds its own.
                results.add(pool.submit(() -> new ServiceSync(catalog, store, clock).ensureServices(session)));
            }
            for (Future<Integer> result : results) {
                created += result.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(catalog.services().size(), created);
        assertEquals(catalog.services().size(), gradient.skus().size(), skusByName().toString());
        assertTrue(skusByName().values().stream().allMatch(n -> n == 1), skusByName().toString());

        // Whatever a racer left to the next sync is adopted then, never created again.
        assertEquals(0, new ServiceSync(catalog, store, clock).ensureServices(session("late")));
        assertEquals(catalog.services().size(), store.all().size());
    }

    @Test
    void ensureServices_shouldAdoptTheService_whenAClaimerCreatedItAndDiedBeforeRecordingIt() {
        ServiceCatalog.Service first = catalog.services().get(0);
        store.claim(first.key(), "died", clock.instant(), Duration.ofMinutes(ServiceSync.LEASE_MINUTES));
        String createdByTheDead = gradient.addSku(first.name());
        PartnerSession session = session("partner-key");

        int beforeExpiry = new ServiceSync(catalog, store, clock).ensureServices(session);
        assertEquals(Optional.of(createdByTheDead), store.gradientServiceId(first.key()),
                "visible in Gradient: adopted by name even while the claim runs");

        assertEquals(catalog.services().size() - 1, beforeExpiry);
        assertEquals(catalog.services().size(), gradient.skus().size());
    }

    @Test
    void ensureServices_shouldLeaveAClaimedServiceAlone_untilTheClaimExpires_thenCreateItOnce() {
        ServiceCatalog.Service first = catalog.services().get(0);
        store.claim(first.key(), "died", clock.instant(), Duration.ofMinutes(ServiceSync.LEASE_MINUTES));
        PartnerSession session = session("partner-key");

        new ServiceSync(catalog, store, clock).ensureServices(session);
        assertEquals(Optional.empty(), store.gradientServiceId(first.key()));
        assertEquals(0, skusByName().getOrDefault(first.name(), 0L));

        clock.advance(Duration.ofMinutes(ServiceSync.LEASE_MINUTES));
        assertEquals(1, new ServiceSync(catalog, store, clock).ensureServices(session));
        assertEquals(1, skusByName().get(first.name()));
        assertEquals(CatalogStore.Claim.RECORDED, store.claim(first.key(), "x", clock.instant(), Duration.ofMinutes(1)));
    }

    @Test
    void ensureServices_shouldAdoptNotCreate_whenTheExpiredClaimerHadCreatedIt() {
        ServiceCatalog.Service first = catalog.services().get(0);
        PartnerSession session = session("partner-key");
        new ServiceSync(catalog, store, clock).ensureServices(session);
        // Pretend the store lost the mapping and a claimer died after its create, before recording it.
        InMemoryCatalogStore fresh = InMemoryCatalogStore.create();
        fresh.claim(first.key(), "died", clock.instant(), Duration.ofMinutes(ServiceSync.LEASE_MINUTES));
        clock.advance(Duration.ofMinutes(ServiceSync.LEASE_MINUTES + 1));
        Map<String, String> idsByName = gradient.skus().stream()
                .collect(Collectors.toMap(VendorSku::name, VendorSku::id));

        assertEquals(0, new ServiceSync(catalog, fresh, clock).ensureServices(session));
        assertEquals(Optional.of(idsByName.get(first.name())), fresh.gradientServiceId(first.key()));
        assertEquals(catalog.services().size(), gradient.skus().size());
    }

}
