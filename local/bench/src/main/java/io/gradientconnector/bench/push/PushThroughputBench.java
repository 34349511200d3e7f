package io.gradientconnector.bench.push;

import io.gradientconnector.lambda.ServiceCatalogFile;
import io.gradientconnector.testing.InMemoryStores;

import io.gradientconnector.bench.Table;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.port.gradient.CreateServiceRequest;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.NewAccount;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.port.gradient.ServiceCategory;
import io.gradientconnector.port.gradient.ServiceSubcategory;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.sandbox.ConfigUpdate;
import io.gradientconnector.sandbox.GradientSandbox;
import io.gradientconnector.sandbox.PartnerIds;
import io.gradientconnector.sandbox.RecordedRequest;
import io.gradientconnector.sandbox.SandboxControl;
import io.gradientconnector.sandbox.SandboxOptions;
import io.gradientconnector.sandbox.UnitCount;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.domain.WebhookSecrets;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.app.usage.PushReport;
import io.gradientconnector.app.usage.UsagePushService;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Push throughput through the real push path: {@link UsagePushService} with the production Gradient client
 * ({@link Components#gradient()}, so {@code GRADIENT_RATE_LIMIT_PER_SECOND} and the default retry policy apply exactly
 * as in the usage-push function) against an in-process sandbox over HTTP. Ledger, partner store, catalog and key vault
 * are the in-memory ones: this measures what Gradient's limit and our client allow, not DynamoDB.
 *
 * <p>A run: one partner, {@code counts} ledger rows (accounts × the catalog's services, all mapped in the sandbox),
 * {@code workers} threads standing in for concurrent usage-push invocations, each with its own client (its own token
 * bucket) taking SQS-sized batches of 50 rows from a shared queue. Rows a push hands back (what SQS would redeliver)
 * go back on the queue and are counted as failures. At the end every count in the sandbox is compared with the ledger.
 *
 * <p>Not thread-safe; one run at a time.
 */
public final class PushThroughputBench implements AutoCloseable {

    public static final int BATCH = 50;

    /** How many concurrent workers, each limited to {@code ratePerWorker} requests/s. */
    public record Setting(int workers, int ratePerWorker) {
        public String label() {
            return workers + " x " + ratePerWorker + "/s";
        }
    }

    /** What one run measured. */
    public record Result(Setting setting, int sandboxLimit, int counts, double seconds, long admitted,
                         double requestsPerSecond, long seen429, long rowsHandedBack, boolean countsExact,
                         double cpuSeconds) {
        public double ratioToLimit() {
            return requestsPerSecond / sandboxLimit;
        }
    }

    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());
    private static final Duration RUN_LIMIT = Duration.ofMinutes(5);

    private final GradientSandbox sandbox;
    private final SandboxControl control;
    private final ServiceCatalog catalog = ServiceCatalogFile.example();
    private final GradientCredentials credentials = new GradientCredentials("bench-vendor-key-0001",
            "bench-partner-key-0001");
    private final Map<ServiceKey, String> skuIds = new LinkedHashMap<>();
    private final List<AccountId> accounts = new ArrayList<>();
    private final PartnerId partner = PartnerId.of("bench-partner");
    private String integrationId;
    private int run;

    private PushThroughputBench(int maxCounts) {
        sandbox = GradientSandbox.start(SandboxOptions.builder().rateLimitPerSecond(1_000_000)
                .rebuildQuietPeriod(Duration.ofMillis(200)).build());
        control = new SandboxControl(sandbox.baseUri());
        setUp(maxCounts);
    }

    /** A sandbox holding a connected partner with enough mapped accounts for {@code maxCounts} rows. */
    public static PushThroughputBench start(int maxCounts) {
        return new PushThroughputBench(maxCounts);
    }

    private void setUp(int maxCounts) {
        control.createVendor(credentials.vendorKey(), "Bench Vendor");
        PartnerIds ids = control.createPartner(credentials.vendorKey(), credentials.partnerKey(), "Bench MSP",
                "pending", List.of("Client"));
        integrationId = ids.integrationId();
        PartnerSession session = client(10_000).session(credentials, Instant.now().plus(RUN_LIMIT));
        for (ServiceCatalog.Service service : catalog.services()) {
            String sku = session.createService(CreateServiceRequest.of(service.name(), service.description(),
                            ServiceCategory.fromWire(service.category()), ServiceSubcategory.fromWire(service.subcategory())))
                    .skuNamed(service.name()).orElseThrow().id();
            skuIds.put(service.key(), sku);
            control.mapService(integrationId, sku);
        }
        int needed = (maxCounts + skuIds.size() - 1) / skuIds.size();
        List<NewAccount> fresh = new ArrayList<>();
        for (int i = 0; i < needed; i++) {
            AccountId id = AccountId.of(String.format("acct-%05d", i));
            accounts.add(id);
            fresh.add(NewAccount.of(id.value(), "Customer " + i));
        }
        session.createAccounts(fresh);
        accounts.forEach(a -> control.mapAccount(integrationId, a.value()));
    }

    /** The production client for one worker: {@code GRADIENT_RATE_LIMIT_PER_SECOND=rate}. */
    private Gradient client(int rate) {
        return components(rate).gradient();
    }

    private Components components(int rate) {
        Map<String, String> env = new HashMap<>();
        env.put("TABLE_NAME", "unused-in-memory");
        env.put("AWS_REGION", "us-east-1");
        env.put("GRADIENT_BASE_URL", sandbox.baseUri().toString());
        env.put("GRADIENT_RATE_LIMIT_PER_SECOND", Integer.toString(rate));
        return Components.create(env, "usage-push", Clock.systemUTC(), NOWHERE);
    }

    /** Pushes {@code counts} changed rows with {@code setting} against a sandbox limited to {@code limit}/s. */
    public Result run(Setting setting, int counts, int limit) {
        run++;
        control.config(ConfigUpdate.builder().rateLimitPerSecond(limit).build());
        ConnectorStores stores = InMemoryStores.create(Clock.systemUTC(), Duration.ofDays(1));
        InMemoryKeyVault vault = InMemoryKeyVault.create(Secret.of(credentials.vendorKey()),
                WebhookSecrets.of(Secret.of("unused-webhook-secret")));
        vault.putPartnerKey(partner, Secret.of(credentials.partnerKey()));
        stores.partners().save(PartnerRecord.builder(partner, Instant.now()).status(PartnerStatus.ACTIVE)
                .keyFingerprint(Secret.of(credentials.partnerKey()).fingerprint()).build());
        skuIds.forEach((key, sku) -> stores.catalog().put(key, sku, key.value()));
        Map<String, BigDecimal> expected = new HashMap<>(); // accountId|skuId -> count
        ConcurrentLinkedQueue<UsageRowKey> queue = new ConcurrentLinkedQueue<>();
        List<ServiceKey> services = List.copyOf(skuIds.keySet());
        Instant at = Instant.now().minusSeconds(60);
        for (int i = 0; i < counts; i++) {
            AccountId account = accounts.get(i / services.size());
            ServiceKey service = services.get(i % services.size());
            BigDecimal quantity = BigDecimal.valueOf((run * 7919L + i) % 10_000);
            stores.journal().record(new VendorEvent.UsageSet(EventId.of("bench-" + run + "-" + i), partner, at, account,
                    service, Quantity.of(quantity.toPlainString())));
            expected.put(account.value() + "|" + skuIds.get(service), quantity);
            queue.add(new UsageRowKey(partner, account, service));
        }
        control.clearRequests();

        AtomicInteger remaining = new AtomicInteger(counts);
        AtomicLong handedBack = new AtomicLong();
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        Instant giveUp = Instant.now().plus(RUN_LIMIT);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < setting.workers(); w++) {
            Components worker = components(setting.ratePerWorker());
            UsagePushService service = UsagePushService.builder()
                    .partners(stores.partners()).ledger(stores.ledger()).catalog(stores.catalog()).keyVault(vault)
                    .gradient(worker.gradient()).clock(worker.clock()).log(worker.log()).metrics(worker.metrics())
                    .build();
            threads.add(Thread.ofPlatform().name("push-worker-" + w).start(() -> {
                while (remaining.get() > 0 && Instant.now().isBefore(giveUp)) {
                    List<UsageRowKey> batch = new ArrayList<>(BATCH);
                    UsageRowKey row;
                    while (batch.size() < BATCH && (row = queue.poll()) != null) {
                        batch.add(row);
                    }
                    if (batch.isEmpty()) {
                        LockSupport.parkNanos(2_000_000); // other workers hold the last rows
                        continue;
                    }
                    // The template's 60 s timeout less the handler's 5 s margin.
                    PushReport report = service.push(partner, batch, Instant.now().plusSeconds(55));
                    handedBack.addAndGet(report.retryable().size());
                    queue.addAll(report.retryable());
                    remaining.addAndGet(-(batch.size() - report.retryable().size()));
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuNanos() - cpuBefore) / 1e9;

        List<RecordedRequest> requests = control.requests();
        long admitted = requests.stream().filter(r -> r.status() != 429).count();
        long seen429 = requests.stream().filter(r -> r.status() == 429).count();
        Map<String, BigDecimal> actual = new HashMap<>();
        for (UnitCount c : control.counts()) {
            if (c.integrationId().equals(integrationId)) {
                actual.put(c.accountId() + "|" + c.serviceId(), c.unitCount());
            }
        }
        boolean exact = remaining.get() == 0 && expected.entrySet().stream()
                .allMatch(e -> actual.containsKey(e.getKey()) && actual.get(e.getKey()).compareTo(e.getValue()) == 0);
        return new Result(setting, limit, counts, seconds, admitted, admitted / seconds, seen429, handedBack.get(),
                exact, cpu);
    }

    private static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** The rows of {@code results} as a table. */
    public static Table table(String title, List<Result> results) {
        Table table = new Table(title, "setting", "limit/s", "counts", "seconds", "requests", "req/s", "ratio",
                "429s seen", "429 failures", "counts exact", "cpu s");
        for (Result r : results) {
            table.row(r.setting().label(), r.sandboxLimit(), r.counts(), r.seconds(), r.admitted(),
                    r.requestsPerSecond(), r.ratioToLimit(), r.seen429(), r.rowsHandedBack(), r.countsExact(),
                    r.cpuSeconds());
        }
        return table;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
