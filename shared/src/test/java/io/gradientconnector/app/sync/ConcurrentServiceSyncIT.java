package io.gradientconnector.app.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradientconnector.adapter.dynamodb.DynamoDbPartnerLocks;
import io.gradientconnector.adapter.dynamodb.DynamoDbStores;
import io.gradientconnector.port.PartnerLocks;
import io.gradientconnector.adapter.gradient.GradientClient;
import io.gradientconnector.app.sync.SyncSandbox.TestPartner;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.lambda.ServiceCatalogFile;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Several partners' syncs at once, each with its own client (as separate containers have), over one
 * DynamoDB table on the emulator and the Gradient sandbox: every catalog service ends up existing
 * once in Gradient.
 */
class ConcurrentServiceSyncIT {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    private static SyncSandbox sandbox;

    private final MutableClock clock = MutableClock.at("2025-06-01T00:00:00Z");
    private final ServiceCatalog catalog = ServiceCatalogFile.example();

    @BeforeAll
    static void startSandbox() {
        sandbox = SyncSandbox.start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    /** Sessions whose first vendor read waits for every racer's first read, so all see no SKU at all. */
    private static Gradient readingTogether(GradientClient client, CyclicBarrier barrier) {
        return new Gradient() {
            @Override
            public PartnerSession session(GradientCredentials credentials, Instant deadline) {
                return ReadingTogether.session(client.session(credentials, deadline), barrier,
                        Duration.ofSeconds(60));
            }

            @Override
            public int accountChunkSize() {
                return client.accountChunkSize();
            }
        };
    }

    @Test
    void sync_shouldCreateEachServiceOnceInGradient_whenPartnersSyncAtOnceInSeparateContainers() throws Exception {
        sandbox.reset();
        String table = AWS.createTable();
        ConnectorStores stores = DynamoDbStores.create(AWS.dynamoDb(), table, clock, Duration.ofDays(30));
        PartnerLocks locks = new DynamoDbPartnerLocks(AWS.dynamoDb(), table);
        InMemoryKeyVault vault = InMemoryKeyVault.create();
        vault.setVendorKey(SyncSandbox.vendorKey());
        int partners = 4;
        List<TestPartner> connected = new ArrayList<>();
        for (int i = 0; i < partners; i++) {
            connected.add(sandbox.connect(stores, vault, clock, "MSP " + i));
        }
        CyclicBarrier barrier = new CyclicBarrier(partners);

        ExecutorService pool = Executors.newFixedThreadPool(partners);
        try {
            List<Future<SyncOutcome>> outcomes = new ArrayList<>();
            for (TestPartner partner : connected) {
                PartnerSync container = PartnerSync.builder().stores(stores).keyVault(vault)
                        .gradient(readingTogether(sandbox.client(Clock.systemUTC()), barrier)).catalog(catalog)
                        .pusher(new RecordingCountPusher()).clock(clock).locks(locks).build();
                outcomes.add(pool.submit(() -> container.sync(partner.id(), Instant.now().plus(Duration.ofMinutes(5)))));
            }
            for (Future<SyncOutcome> outcome : outcomes) {
                assertInstanceOf(SyncOutcome.Synced.class, outcome.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, Integer> skusByName = vendorSkusByName();
        Map<String, Integer> once = new HashMap<>();
        catalog.services().forEach(service -> once.put(service.name(), 1));
        assertEquals(once, skusByName);
        // Whatever a racer left to the next sync is adopted then: every service mapped, none created.
        PartnerSync next = PartnerSync.builder().stores(stores).keyVault(vault)
                .gradient(sandbox.client(Clock.systemUTC())).catalog(catalog)
                .pusher(new RecordingCountPusher()).clock(clock).locks(locks).build();
        assertInstanceOf(SyncOutcome.Synced.class, next.sync(connected.get(0).id(), Instant.now().plus(Duration.ofMinutes(5))));
        assertEquals(catalog.services().size(), stores.catalog().all().size());
        assertEquals(once, vendorSkusByName());
    }

    private static Map<String, Integer> vendorSkusByName() {
        Map<String, Integer> byName = new HashMap<>();
        for (JsonNode vendor : sandbox.control().state().get("vendors")) {
            for (JsonNode sku : vendor.get("skus")) {
                byName.merge(sku.get("name").asText(), 1, Integer::sum);
            }
        }
        return byName;
    }
}
