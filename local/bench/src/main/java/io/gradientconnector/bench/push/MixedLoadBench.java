package io.gradientconnector.bench.push;

import io.gradientconnector.adapter.dynamodb.DynamoDbRateBudget;
import io.gradientconnector.adapter.gradient.GradientClient;
import io.gradientconnector.adapter.gradient.RateLimiter;
import io.gradientconnector.adapter.gradient.Sleeper;
import io.gradientconnector.app.usage.PushReport;
import io.gradientconnector.app.usage.UsagePushService;
import io.gradientconnector.bench.Table;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.domain.WebhookSecrets;
import io.gradientconnector.lambda.ServiceCatalogFile;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.LeasedRateBudget;
import io.gradientconnector.port.gradient.AccountQuery;
import io.gradientconnector.port.gradient.CreateServiceRequest;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.NewAccount;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.port.gradient.ServiceCategory;
import io.gradientconnector.port.gradient.ServiceSubcategory;
import io.gradientconnector.sandbox.ConfigUpdate;
import io.gradientconnector.sandbox.GradientSandbox;
import io.gradientconnector.sandbox.RecordedRequest;
import io.gradientconnector.sandbox.SandboxControl;
import io.gradientconnector.sandbox.SandboxOptions;
import io.gradientconnector.sandbox.UnitCount;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.testing.InMemoryStores;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Push, sync and portal load together, from several simulated containers, on ONE rate budget shared through the
 * emulated DynamoDB table ({@link DynamoDbRateBudget}, one adapter instance per container): {@value #PUSH_CONTAINERS}
 * usage-push containers ({@code PUSH_WINDOW} lanes each) draining a big partner's backlog, one account-sync container
 * listing the big partner's accounts without pause, one portal container reading a partner's integration every
 * {@value #PORTAL_PAUSE_MS} ms. A few seconds in, a small partner's {@value #SMALL_ROWS} rows arrive. Measured from the
 * sandbox's request log: the busiest one-second window (must not exceed the limit) and 429s; and the small partner's
 * time from its rows arriving to all of them pushed.
 *
 * <p>Two queue models: {@code fair} hands out batches round-robin between partners with messages waiting, as an SQS
 * fair queue does when every message carries its partner as {@code MessageGroupId} (what the usage queue sends);
 * {@code fifo} hands them out in arrival order, as a plain backlog would.
 */
public final class MixedLoadBench {
    static final int PUSH_CONTAINERS = 3;
    static final int SMALL_ROWS = 5;
    static final int PORTAL_PAUSE_MS = 200;
    static final int BATCH = PushThroughputBench.BATCH;
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private final GradientSandbox sandbox;
    private final SandboxControl control;
    private final AwsEmulator aws = new AwsEmulator();
    private final String table;
    private final ServiceCatalog catalog = ServiceCatalogFile.example();
    private final String vendorKey = "mixed-vendor-key-0001";
    private final Map<ServiceKey, String> skuIds = new LinkedHashMap<>();
    private final Map<PartnerId, Partner> partners = new LinkedHashMap<>();

    private record Partner(PartnerId id, GradientCredentials credentials, String integrationId, List<AccountId> accounts) {
    }

    /** One run's outcome. */
    record Result(String queue, int latencyMs, int limit, double seconds, long requests, double requestsPerSecond,
                  int maxInAnySecond, long seen429, long handedBack, double smallPartnerSeconds, int bigPending,
                  boolean countsExact) {
    }

    private MixedLoadBench(int bigRows) {
        sandbox = GradientSandbox.start(SandboxOptions.builder().rateLimitPerSecond(1_000_000)
                .rebuildQuietPeriod(Duration.ofMillis(200)).build());
        control = new SandboxControl(sandbox.baseUri());
        aws.endpoint(); // starts the emulator (or fails, saying how to get one)
        table = aws.createTable();
        control.createVendor(vendorKey, "Mixed Vendor");
        PartnerSession any = null;
        for (String name : List.of("big", "small")) {
            String partnerKey = "mixed-" + name + "-key-0001";
            String integrationId = control.createPartner(vendorKey, partnerKey, name + " MSP", "active",
                    List.of("Client")).integrationId();
            GradientCredentials credentials = new GradientCredentials(vendorKey, partnerKey);
            PartnerSession session = unlimited().session(credentials, Instant.now().plusSeconds(600));
            if (any == null) {
                for (ServiceCatalog.Service service : catalog.services()) {
                    skuIds.put(service.key(), session.createService(CreateServiceRequest.of(service.name(),
                                    service.description(), ServiceCategory.fromWire(service.category()),
                                    ServiceSubcategory.fromWire(service.subcategory())))
                            .skuNamed(service.name()).orElseThrow().id());
                }
                any = session;
            }
            skuIds.values().forEach(sku -> control.mapService(integrationId, sku));
            int rows = name.equals("big") ? bigRows : SMALL_ROWS;
            List<AccountId> accounts = new ArrayList<>();
            List<NewAccount> fresh = new ArrayList<>();
            for (int i = 0; i < (rows + skuIds.size() - 1) / skuIds.size(); i++) {
                AccountId id = AccountId.of(String.format("%s-%05d", name, i));
                accounts.add(id);
                fresh.add(NewAccount.of(id.value(), name + " customer " + i));
            }
            for (int from = 0; from < fresh.size(); from += 100) {
                session.createAccounts(fresh.subList(from, Math.min(fresh.size(), from + 100)));
            }
            accounts.forEach(a -> control.mapAccount(integrationId, a.value()));
            PartnerId id = PartnerId.of(name + "-partner");
            partners.put(id, new Partner(id, credentials, integrationId, accounts));
        }
    }

    private Gradient unlimited() {
        return GradientClient.builder().baseUri(sandbox.baseUri())
                .rateLimiter(RateLimiter.create(10_000, Clock.systemUTC(), Sleeper.SYSTEM)).build();
    }

    /** One container's client: the production client on its own adapter instance of the shared budget. */
    private Gradient container(int limit) {
        return GradientClient.builder().baseUri(sandbox.baseUri())
                .rateBudget(new DynamoDbRateBudget(aws.dynamoDb(), table, new LeasedRateBudget.Settings(limit,
                        PushThroughputBench.SLICE), Clock.systemUTC(), LeasedRateBudget.Pause.SYSTEM))
                .build();
    }

    /** The usage queue: per-partner backlogs, handed out fairly or in arrival order. Thread-safe. */
    private static final class Queue {
        private final boolean fair;
        private final Map<PartnerId, ArrayDeque<UsageRowKey>> byPartner = new LinkedHashMap<>();
        private final ArrayDeque<UsageRowKey> arrival = new ArrayDeque<>();

        Queue(boolean fair) {
            this.fair = fair;
        }

        synchronized void add(List<UsageRowKey> rows) {
            for (UsageRowKey row : rows) {
                byPartner.computeIfAbsent(row.partnerId(), p -> new ArrayDeque<>()).add(row);
                arrival.add(row);
            }
        }

        synchronized List<UsageRowKey> batch() {
            List<UsageRowKey> batch = new ArrayList<>();
            if (!fair) {
                while (batch.size() < BATCH && !arrival.isEmpty()) {
                    UsageRowKey row = arrival.poll();
                    byPartner.get(row.partnerId()).remove(row);
                    batch.add(row);
                }
                return batch;
            }
            boolean took = true;
            while (batch.size() < BATCH && took) {
                took = false;
                for (ArrayDeque<UsageRowKey> rows : byPartner.values()) {
                    if (!rows.isEmpty() && batch.size() < BATCH) {
                        UsageRowKey row = rows.poll();
                        arrival.remove(row);
                        batch.add(row);
                        took = true;
                    }
                }
            }
            return batch;
        }
    }

    Result run(boolean fair, int latencyMs, int limit) {
        control.config(ConfigUpdate.builder().rateLimitPerSecond(limit).responseLatencyMillis(latencyMs).build());
        ConnectorStores stores = InMemoryStores.create(Clock.systemUTC(), Duration.ofDays(1));
        InMemoryKeyVault vault = InMemoryKeyVault.create(Secret.of(vendorKey),
                WebhookSecrets.of(Secret.of("unused-webhook-secret")));
        skuIds.forEach((key, sku) -> stores.catalog().put(key, sku, key.value()));
        Map<String, BigDecimal> expected = new HashMap<>();
        Map<PartnerId, List<UsageRowKey>> rows = new HashMap<>();
        int seq = 0;
        List<ServiceKey> services = List.copyOf(skuIds.keySet());
        for (Partner p : partners.values()) {
            vault.putPartnerKey(p.id(), Secret.of(p.credentials().partnerKey()));
            stores.partners().save(PartnerRecord.builder(p.id(), Instant.now()).status(PartnerStatus.ACTIVE)
                    .keyFingerprint(Secret.of(p.credentials().partnerKey()).fingerprint()).build());
            int n = p.accounts().size() * services.size();
            if (p.id().value().startsWith("small")) {
                n = SMALL_ROWS;
            }
            List<UsageRowKey> keys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                AccountId account = p.accounts().get(i / services.size());
                ServiceKey service = services.get(i % services.size());
                BigDecimal quantity = BigDecimal.valueOf((fair ? 31L : 17L) * i % 9_973);
                stores.journal().record(new VendorEvent.UsageSet(EventId.of("mixed-" + (++seq)), p.id(),
                        Instant.now().minusSeconds(60), account, service, Quantity.of(quantity.toPlainString())));
                expected.put(p.integrationId() + "|" + account.value() + "|" + skuIds.get(service), quantity);
                keys.add(new UsageRowKey(p.id(), account, service));
            }
            rows.put(p.id(), keys);
        }
        Partner big = partners.get(PartnerId.of("big-partner"));
        Partner small = partners.get(PartnerId.of("small-partner"));
        LockSupport.parkNanos(Duration.ofMillis(1_200).toNanos()); // the sandbox's window empties
        control.clearRequests();

        Queue queue = new Queue(fair);
        queue.add(rows.get(big.id()));
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong handedBack = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < PUSH_CONTAINERS; c++) {
            UsagePushService service = UsagePushService.builder()
                    .partners(stores.partners()).ledger(stores.ledger()).catalog(stores.catalog()).keyVault(vault)
                    .gradient(container(limit)).clock(Clock.systemUTC())
                    .log(JsonLog.builder().function("usage-push").out(NOWHERE).clock(Clock.systemUTC()).build())
                    .build();
            threads.add(Thread.ofPlatform().name("mixed-push-" + c).start(() -> {
                while (!done.get()) {
                    List<UsageRowKey> batch = queue.batch();
                    if (batch.isEmpty()) {
                        LockSupport.parkNanos(5_000_000);
                        continue;
                    }
                    // As the usage-push handler: one push per partner in the batch, fewest rows first.
                    Map<PartnerId, List<UsageRowKey>> byPartner = new LinkedHashMap<>();
                    batch.forEach(r -> byPartner.computeIfAbsent(r.partnerId(), p -> new ArrayList<>()).add(r));
                    List<Map.Entry<PartnerId, List<UsageRowKey>>> inTurn = new ArrayList<>(byPartner.entrySet());
                    inTurn.sort(java.util.Comparator.comparingInt(e -> e.getValue().size()));
                    inTurn.forEach(entry -> {
                        PartnerId partner = entry.getKey();
                        List<UsageRowKey> partnerRows = entry.getValue();
                        PushReport report = service.push(partner, partnerRows, Instant.now().plusSeconds(55));
                        handedBack.addAndGet(report.retryable().size());
                        queue.add(report.retryable());
                    });
                }
            }));
        }
        Gradient syncContainer = container(limit);
        threads.add(Thread.ofPlatform().name("mixed-sync").start(() -> {
            PartnerSession session = syncContainer.session(big.credentials(), Instant.now().plusSeconds(600));
            while (!done.get()) {
                try {
                    session.listAccounts(AccountQuery.all());
                } catch (GradientException e) {
                    // counted from the sandbox's log
                }
            }
        }));
        Gradient portalContainer = container(limit);
        threads.add(Thread.ofPlatform().name("mixed-portal").start(() -> {
            PartnerSession session = portalContainer.session(small.credentials(), Instant.now().plusSeconds(600));
            while (!done.get()) {
                try {
                    session.getIntegration();
                } catch (GradientException e) {
                    // counted from the sandbox's log
                }
                LockSupport.parkNanos(Duration.ofMillis(PORTAL_PAUSE_MS).toNanos());
            }
        }));

        LockSupport.parkNanos(Duration.ofSeconds(3).toNanos()); // the big backlog is draining
        long smallArrived = System.nanoTime();
        queue.add(rows.get(small.id()));
        double smallSeconds = -1;
        while (smallSeconds < 0 && System.nanoTime() - smallArrived < Duration.ofMinutes(3).toNanos()) {
            boolean all = rows.get(small.id()).stream().allMatch(k -> stores.ledger().get(k)
                    .map(r -> r.pushState() == PushState.PUSHED && !r.needsPush()).orElse(false));
            if (all) {
                smallSeconds = (System.nanoTime() - smallArrived) / 1e9;
            } else {
                LockSupport.parkNanos(10_000_000);
            }
        }
        int bigPending = (int) rows.get(big.id()).stream()
                .filter(k -> stores.ledger().get(k).map(r -> r.needsPush()).orElse(true)).count();
        LockSupport.parkNanos(Duration.ofSeconds(2).toNanos()); // a little more mixed load after the small partner
        done.set(true);
        PushThroughputBench.joinAll(threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<RecordedRequest> requests = control.requests();
        long seen429 = requests.stream().filter(r -> r.status() == 429).count();
        long admitted = requests.size() - seen429;
        int max = PushThroughputBench.maxInAnySecond(requests.stream().map(RecordedRequest::at).toList());
        // The small partner's counts are exact; the big partner's pushed ones too (the rest was cut off on purpose).
        Map<String, BigDecimal> actual = new HashMap<>();
        for (UnitCount c : control.counts()) {
            actual.put(c.integrationId() + "|" + c.accountId() + "|" + c.serviceId(), c.unitCount());
        }
        boolean exact = true;
        for (Partner p : partners.values()) {
            for (UsageRowKey k : rows.get(p.id())) {
                if (stores.ledger().get(k).map(r -> r.pushState() == PushState.PUSHED).orElse(false)) {
                    String key = p.integrationId() + "|" + k.accountId().value() + "|" + skuIds.get(k.service());
                    exact &= actual.containsKey(key) && actual.get(key).compareTo(expected.get(key)) == 0;
                }
            }
        }
        control.config(ConfigUpdate.builder().responseLatencyMillis(0).build());
        return new Result(fair ? "fair" : "fifo", latencyMs, limit, seconds, admitted, admitted / seconds, max, seen429,
                handedBack.get(), smallSeconds, bigPending, exact && smallSeconds >= 0);
    }

    /** The mixed-load section of {@code make bench}: both queue models at {@code -Dbench.mixedLatency} (50 ms). */
    public static List<Table> run(int limit) {
        int bigRows = Integer.getInteger("bench.bigRows", 2_000);
        int latency = Integer.getInteger("bench.mixedLatency", 50);
        MixedLoadBench bench = new MixedLoadBench(bigRows);
        List<Result> results = new ArrayList<>();
        try {
            for (boolean fair : List.of(true, false)) {
                Result r = bench.run(fair, latency, limit);
                System.out.printf(Locale.ROOT, "  mixed %s: %.1f req/s, max %d in 1 s, %d 429s, small partner %.2f s%n",
                        r.queue(), r.requestsPerSecond(), r.maxInAnySecond(), r.seen429(), r.smallPartnerSeconds());
                results.add(r);
            }
        } finally {
            bench.sandbox.close();
        }
        Table table = new Table("Mixed load on one budget of " + limit + "/s: " + PUSH_CONTAINERS
                + " push containers + 1 sync + 1 portal, each its own budget instance on the emulated table; big "
                + "partner " + bigRows + " pending rows, small partner " + SMALL_ROWS + " rows arriving 3 s in; sandbox "
                + "limited to " + limit + "/s, answers held " + latency + " ms", "queue", "seconds", "requests",
                "req/s", "max in 1 s", "429s", "429 failures", "small partner s", "big rows pending then",
                "counts exact");
        for (Result r : results) {
            table.row(r.queue(), r.seconds(), r.requests(), r.requestsPerSecond(), r.maxInAnySecond(), r.seen429(),
                    r.handedBack(), r.smallPartnerSeconds(), r.bigPending(), r.countsExact());
        }
        table.note("small partner s: from its rows entering the queue to all of them pushed (fair: SQS fair queue, "
                + "MessageGroupId = partner; fifo: arrival order)");
        table.note("max in 1 s and 429s: the sandbox's request log, every request of every container");
        return List.of(table);
    }
}
