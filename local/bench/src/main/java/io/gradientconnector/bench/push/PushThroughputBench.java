package io.gradientconnector.bench.push;

import io.gradientconnector.testing.RateWindows;
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
import io.gradientconnector.adapter.gradient.GradientClient;
import io.gradientconnector.adapter.gradient.RateLimiter;
import io.gradientconnector.adapter.gradient.Sleeper;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.port.LeasedRateBudget;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.port.RateBudget;
import io.gradientconnector.testing.InMemoryRateBudget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
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
 * Push throughput through the real push path: {@link UsagePushService} (pipelined, {@code PUSH_WINDOW} lanes) with the
 * production Gradient client on one shared {@link LeasedRateBudget} (the in-memory store standing in for the table
 * item: this measures the pipeline, the budget's pacing and Gradient's limit, not DynamoDB) against an in-process
 * sandbox over HTTP whose every answer takes a fixed latency. Ledger, catalog and key vault are the in-memory ones;
 * the partner store is in memory too but every read (the key fence before each call) is held
 * {@value #FENCE_READ_MILLIS} ms, a strongly consistent GetItem's usual time, so a fence that serialized the pipeline
 * would show.
 *
 * <p>A run: one partner, {@code counts} ledger rows (accounts × the catalog's services, all mapped in the sandbox),
 * {@code workers} threads standing in for concurrent usage-push invocations (each its own container: its own client
 * and budget instance, one shared budget store), taking SQS-sized batches of 50 rows from a shared queue. Rows a push
 * hands back (what SQS would redeliver) go back on the queue and are counted. At the end every count in the sandbox
 * is compared with the ledger; the request rate and the busiest one-second window come from the sandbox's own
 * request log.
 *
 * <p>Not thread-safe; one run at a time.
 */
public final class PushThroughputBench implements AutoCloseable {

    public static final int BATCH = 50;
    /** The template's defaults: PushConcurrency workers, each pushing PUSH_WINDOW rows at once. */
    public static final int WORKERS = 10;
    static final int FENCE_READ_MILLIS = 3;
    /** The budget's defaults (GRADIENT_RATE_SLICE). */
    static final int SLICE = 10;

    /** What one run measured. */
    public record Result(int latencyMs, int sandboxLimit, int counts, double seconds, long admitted,
                         double requestsPerSecond, int maxInAnySecond, long seen429, long rowsHandedBack,
                         boolean countsExact, double cpuSeconds, long slotsLeased, long slotsLate, int maxSentInAnySecond) {
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
        PartnerSession session = client(RateLimiter.create(10_000, Clock.systemUTC(), Sleeper.SYSTEM))
                .session(credentials, Instant.now().plus(RUN_LIMIT));
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

    /** The production client (default options, as Components builds it) on {@code budget}. */
    private Gradient client(RateBudget budget) {
        return GradientClient.builder().baseUri(sandbox.baseUri()).rateBudget(budget).build();
    }

    /** Waits out the sandbox's one-second window, so nothing sent before counts in the next run. */
    private void quiet() {
        LockSupport.parkNanos(Duration.ofMillis(1_200).toNanos());
        control.clearRequests();
    }

    /**
     * Pushes {@code counts} changed rows with {@code workers} workers of {@code window} lanes against a sandbox limited
     * to {@code limit}/s whose answers take {@code latencyMs}; the budget's limit is {@code limit} too.
     */
    public Result run(int latencyMs, int workers, int window, int counts, int limit) {
        run++;
        control.config(ConfigUpdate.builder().rateLimitPerSecond(limit).responseLatencyMillis(latencyMs).build());
        ConnectorStores stores = InMemoryStores.create(Clock.systemUTC(), Duration.ofDays(1));
        InMemoryKeyVault vault = InMemoryKeyVault.create(Secret.of(credentials.vendorKey()),
                WebhookSecrets.of(Secret.of("unused-webhook-secret")));
        vault.putPartnerKey(partner, Secret.of(credentials.partnerKey()));
        stores.partners().save(PartnerRecord.builder(partner, Instant.now()).status(PartnerStatus.ACTIVE)
                .keyFingerprint(Secret.of(credentials.partnerKey()).fingerprint()).build());
        PartnerStore slowPartners = slowReads(stores.partners());
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
        quiet();

        InMemoryRateBudget.Shared budgetStore = new InMemoryRateBudget.Shared();
        AtomicInteger remaining = new AtomicInteger(counts);
        AtomicLong handedBack = new AtomicLong();
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        Instant giveUp = Instant.now().plus(RUN_LIMIT);
        List<Thread> threads = new ArrayList<>();
        List<LeasedRateBudget> budgets = new ArrayList<>();
        List<Instant> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < workers; w++) {
            LeasedRateBudget budget = new InMemoryRateBudget(budgetStore, new LeasedRateBudget.Settings(limit, SLICE),
                    Clock.systemUTC(), LeasedRateBudget.Pause.SYSTEM);
            budgets.add(budget);
            UsagePushService service = UsagePushService.builder()
                    .partners(slowPartners).ledger(stores.ledger()).catalog(stores.catalog()).keyVault(vault)
                    .gradient(client(recording(budget, sent))).clock(Clock.systemUTC()).window(window)
                    .log(JsonLog.builder().function("usage-push").out(NOWHERE).clock(Clock.systemUTC()).build())
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
        joinAll(threads);
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuNanos() - cpuBefore) / 1e9;

        List<RecordedRequest> requests = control.requests();
        List<Instant> arrivals = requests.stream().filter(r -> r.status() != 429).map(RecordedRequest::at).sorted().toList();
        long admitted = arrivals.size();
        long seen429 = requests.size() - admitted;
        // The rate over the span the sandbox saw requests arrive (first to last), not our own clock's.
        double seconds = arrivals.size() < 2 ? wall
                : Duration.between(arrivals.get(0), arrivals.get(arrivals.size() - 1)).toNanos() / 1e9;
        Map<String, BigDecimal> actual = new HashMap<>();
        for (UnitCount c : control.counts()) {
            if (c.integrationId().equals(integrationId)) {
                actual.put(c.accountId() + "|" + c.serviceId(), c.unitCount());
            }
        }
        boolean exact = remaining.get() == 0 && expected.entrySet().stream()
                .allMatch(e -> actual.containsKey(e.getKey()) && actual.get(e.getKey()).compareTo(e.getValue()) == 0);
        control.config(ConfigUpdate.builder().responseLatencyMillis(0).build());
        return new Result(latencyMs, limit, counts, seconds, admitted, admitted / seconds,
                maxInAnySecond(requests.stream().map(RecordedRequest::at).toList()), seen429, handedBack.get(), exact,
                cpu, budgets.stream().mapToLong(b -> b.slotCounts().leased()).sum(),
                budgets.stream().mapToLong(b -> b.slotCounts().late()).sum(), maxInAnySecond(List.copyOf(sent)));
    }

    /** {@code budget}, noting when each permit was granted: the moment our client sends. */
    static RateBudget recording(RateBudget budget, List<Instant> sent) {
        return new RateBudget() {
            @Override
            public Optional<Duration> acquire(String scope, Duration maxWait) throws InterruptedException {
                Optional<Duration> waited = budget.acquire(scope, maxWait);
                if (waited.isPresent()) {
                    sent.add(Instant.now());
                }
                return waited;
            }

            @Override
            public void backOff(String scope, Duration pause) {
                budget.backOff(scope, pause);
            }
        };
    }

    /** Waits for every simulated container's thread to end. */
    static void joinAll(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** The busiest one-second window (sliding) over {@code arrivals}, as the sandbox's limiter counts. */
    public static int maxInAnySecond(List<Instant> arrivals) {
        return RateWindows.maxInAnySecond(arrivals);
    }

    /** {@code store} with every {@code get} (the fence's read) held {@value #FENCE_READ_MILLIS} ms. */
    static PartnerStore slowReads(PartnerStore store) {
        return (PartnerStore) Proxy.newProxyInstance(PartnerStore.class.getClassLoader(),
                new Class<?>[] {PartnerStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        LockSupport.parkNanos(Duration.ofMillis(FENCE_READ_MILLIS).toNanos());
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** The rows of {@code results} as a table. */
    public static Table table(String title, List<Result> results) {
        Table table = new Table(title, "added latency ms", "limit/s", "counts", "seconds", "requests", "req/s",
                "ratio", "max in 1 s", "max sent in 1 s", "429s", "429 failures", "counts exact", "cpu s", "slots leased",
                "slots late");
        for (Result r : results) {
            table.row(r.latencyMs(), r.sandboxLimit(), r.counts(), r.seconds(), r.admitted(), r.requestsPerSecond(),
                    r.ratioToLimit(), r.maxInAnySecond(), r.maxSentInAnySecond(), r.seen429(), r.rowsHandedBack(),
                    r.countsExact(), r.cpuSeconds(), r.slotsLeased(), r.slotsLate());
        }
        return table;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
