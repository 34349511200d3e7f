package io.gradientconnector.app.usage;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.LedgerChange;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.PushMode;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.UnitConversion;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.domain.WebhookSecrets;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.testing.InMemoryGradient;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.testing.InMemoryStores;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.testing.TestEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static io.gradientconnector.testing.TestEvents.add;
import static io.gradientconnector.testing.TestEvents.set;
import static io.gradientconnector.testing.TestEvents.subtract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What reaches Gradient for composite services, unit conversions and removed services: the pushed count is the
 * catalog's conversion of the exact sum of each SKU's in-order fold (a model independent of the ledger), and a
 * service that left the catalog is never pushed.
 */
class CompositePushTest {
    private static final String VENDOR_KEY = "VENDORSECRET-composite";
    private static final String PARTNER_KEY = "PARTNERSECRET-composite";
    private static final List<String> SEAT_SKUS = List.of("seat-ws", "seat-srv", "seat-vm");

    private static final ServiceCatalog CATALOG = new ServiceCatalog(List.of(
            new ServiceCatalog.Service(ServiceKey.of("seats"), "Backup seats", "Workstations and servers", "backup",
                    "cloud backup", SEAT_SKUS.stream().map(ServiceKey::of).toList(), UnitConversion.NONE),
            new ServiceCatalog.Service(ServiceKey.of("storage"), "Storage GB", "Stored bytes, per started GB",
                    "infrastructure", "cloud storage", List.of(ServiceKey.of("bytes-hot"), ServiceKey.of("bytes-cold")),
                    new UnitConversion(UnitConversion.Unit.BYTES, UnitConversion.Unit.GB, new BigDecimal("1.5"), 2,
                            UnitConversion.Rounding.UP))));

    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");
    private final ConnectorStores stores = InMemoryStores.create(clock, Duration.ofDays(30), CATALOG::rowService);
    private final InMemoryGradient gradient = new InMemoryGradient(VENDOR_KEY);
    private final PartnerId partnerId = TestEvents.uniquePartner();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final Map<String, String> serviceIds = new HashMap<>();

    @BeforeEach
    void connectedPartner() {
        gradient.accept(PARTNER_KEY, "Contoso MSP", IntegrationStatus.ACTIVE);
        for (String service : List.of("seats", "storage", "retired")) {
            serviceIds.put(service, gradient.addSku(service));
            stores.catalog().put(ServiceKey.of(service), serviceIds.get(service), service);
        }
        gradient.addAccounts(PARTNER_KEY, "a1", "a2", "a3");
        gradient.map(PARTNER_KEY, "a1", "a2", "a3");
        stores.partners().save(PartnerRecord.builder(partnerId, clock.instant()).status(PartnerStatus.ACTIVE)
                .keyFingerprint(Secret.of(PARTNER_KEY).fingerprint()).build());
    }

    private UsagePushService service() {
        InMemoryKeyVault vault = InMemoryKeyVault.create(Secret.of(VENDOR_KEY), WebhookSecrets.of(Secret.of("whsec")));
        vault.putPartnerKey(partnerId, Secret.of(PARTNER_KEY));
        return UsagePushService.builder()
                .partners(stores.partners()).ledger(stores.ledger()).catalog(stores.catalog()).services(CATALOG)
                .keyVault(vault).gradient(gradient).clock(clock).mode(PushMode.ABSOLUTE)
                .log(JsonLog.builder().function("test").out(new PrintStream(logs, true, StandardCharsets.UTF_8))
                        .clock(clock).build())
                .build();
    }

    private UsageRowKey row(String account, String service) {
        return new UsageRowKey(partnerId, AccountId.of(account), ServiceKey.of(service));
    }

    private Optional<BigDecimal> pushed(String account, String service) {
        return gradient.count(PARTNER_KEY, serviceIds.get(service), account);
    }

    /**
     * Random set/add/subtract streams on the SKUs of a composite (and of a converted one), delivered in random order
     * with redeliveries and pushed after random prefixes: once all are in, Gradient holds convert(sum of per-SKU
     * in-order folds). Seeded; each run replays from its seed.
     */
    @Test
    void push_shouldSendTheConversionOfTheSumOfEachSkusFold_whenEventsArriveShuffledAndRedelivered() {
        Random random = new Random(1206);
        UsagePushService pusher = service();
        for (int run = 0; run < 40; run++) {
            String account = "a" + (1 + run % 3);
            boolean storage = run % 2 == 1;
            List<String> skus = storage ? List.of("bytes-hot", "bytes-cold") : SEAT_SKUS;
            String service = storage ? "storage" : "seats";
            List<VendorEvent.UsageEvent> stream = new ArrayList<>();
            for (int i = 0; i < 5 + random.nextInt(40); i++) {
                String sku = skus.get(random.nextInt(skus.size()));
                String id = "r" + run + "-" + i;
                long at = 1000L * run + random.nextInt(20);
                String qty = storage ? Long.toString(1 + (random.nextLong() & 0x7_ffff_ffffL)) : Integer.toString(1 + random.nextInt(20));
                stream.add(switch (random.nextInt(4)) {
                    case 0 -> set(id, partnerId, account, sku, qty, at);
                    case 1 -> subtract(id, partnerId, account, sku, qty, at);
                    default -> add(id, partnerId, account, sku, qty, at);
                });
            }
            // Every event of the run, plus redeliveries, in random order; the previous run's events of this
            // account came earlier in time (1000 s apart), so a run's sets override them per SKU.
            List<VendorEvent.UsageEvent> deliveries = new ArrayList<>(stream);
            for (int i = 0; i < 4; i++) {
                deliveries.add(stream.get(random.nextInt(stream.size())));
            }
            Collections.shuffle(deliveries, random);
            for (VendorEvent.UsageEvent event : deliveries) {
                stores.journal().record(event);
                if (random.nextInt(5) == 0) {
                    pusher.push(partnerId, List.of(row(account, service)), clock.instant().plusSeconds(30));
                }
            }
            pusher.push(partnerId, List.of(row(account, service)), clock.instant().plusSeconds(30));

            history.computeIfAbsent(account + "/" + service, k -> new ArrayList<>()).addAll(stream);
            BigDecimal sum = BigDecimal.ZERO;
            for (String sku : skus) {
                sum = sum.add(inOrder(history.get(account + "/" + service).stream()
                        .filter(e -> e.service().value().equals(sku)).toList()).value());
            }
            BigDecimal expected = CATALOG.find(ServiceKey.of(service)).orElseThrow().unit().convert(sum).value();
            assertEquals(Optional.of(expected).map(BigDecimal::stripTrailingZeros),
                    pushed(account, service).map(BigDecimal::stripTrailingZeros), "run " + run);
        }
    }

    private final Map<String, List<VendorEvent.UsageEvent>> history = new HashMap<>();

    @Test
    void push_shouldNotPushARowOfAServiceNoLongerInTheCatalog_andLeaveItInTheLedger() {
        stores.journal().record(set("old-1", partnerId, "a1", "retired", "4", 1)); // recorded under an older catalog
        stores.journal().record(set("new-1", partnerId, "a1", "seat-ws", "3", 2));

        PushReport report = service().push(partnerId, List.of(row("a1", "retired"), row("a1", "seats")),
                clock.instant().plusSeconds(30));

        assertEquals(1, report.pushed());
        assertEquals(1, report.skipped());
        assertEquals(Optional.empty(), pushed("a1", "retired"));
        assertEquals(Optional.of(BigDecimal.valueOf(3)), pushed("a1", "seats"));
        assertTrue(stores.ledger().get(row("a1", "retired")).orElseThrow().needsPush(), "kept, still unpushed");
        assertTrue(logs.toString(StandardCharsets.UTF_8).contains("no longer in the catalog"));
    }

    private static Quantity inOrder(List<VendorEvent.UsageEvent> events) {
        Quantity count = Quantity.ZERO;
        List<VendorEvent.UsageEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(VendorEvent.UsageEvent::occurredAt).thenComparing(VendorEvent.UsageEvent::id));
        for (VendorEvent.UsageEvent e : sorted) {
            LedgerChange change = e.toChange();
            count = change.applyTo(count);
        }
        return count;
    }
}
