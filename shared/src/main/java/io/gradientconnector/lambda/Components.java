package io.gradientconnector.lambda;

import java.util.Optional;
import io.gradientconnector.port.Page;
import io.gradientconnector.domain.PushAttempt;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.adapter.dynamodb.DynamoDbPushAuditLog;
import io.gradientconnector.app.audit.AuditedGradient;
import io.gradientconnector.app.report.ReportUseCases;
import io.gradientconnector.port.PushAuditLog;
import io.gradientconnector.adapter.dynamodb.DynamoDbAlertStore;
import io.gradientconnector.adapter.sqs.SqsAlertQueue;
import io.gradientconnector.app.alerts.AlertDispatch;
import io.gradientconnector.app.alerts.WaitingAlerts;
import io.gradientconnector.port.AlertQueue;
import io.gradientconnector.port.AlertStore;

import io.gradientconnector.adapter.dynamodb.DynamoDbPendingDeliveries;
import io.gradientconnector.adapter.dynamodb.DynamoDbRateBudget;
import io.gradientconnector.adapter.dynamodb.Backoff;
import io.gradientconnector.adapter.gradient.GradientPriming;
import io.gradientconnector.adapter.dynamodb.DynamoDbStores;
import io.gradientconnector.adapter.gradient.RateScope;
import io.gradientconnector.port.LeasedRateBudget;
import io.gradientconnector.port.RateBudget;
import io.gradientconnector.app.events.PendingDeliverySweep;
import io.gradientconnector.port.PendingDeliveries;

import io.gradientconnector.adapter.aws.AwsClients;
import io.gradientconnector.adapter.s3.S3CatalogObject;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.adapter.gradient.GradientClient;
import io.gradientconnector.adapter.gradient.GradientClientOptions;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.adapter.sqs.SqsSyncQueue;
import io.gradientconnector.adapter.sqs.SqsUsageQueue;
import io.gradientconnector.port.SyncQueue;
import io.gradientconnector.port.UsageQueue;
import io.gradientconnector.adapter.secretsmanager.CachingKeyVault;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.adapter.secretsmanager.SecretsManagerKeyVault;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.app.usage.UsagePushService;
import io.gradientconnector.adapter.dynamodb.DynamoDbPartnerLocks;
import io.gradientconnector.app.events.VendorEventsService;
import io.gradientconnector.app.partner.PartnerUseCases;
import io.gradientconnector.app.sync.PartnerSync;
import io.gradientconnector.app.sync.SyncFanOut;
import io.gradientconnector.app.sync.SyncPreview;
import java.io.PrintStream;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The production composition root every handler's no-arg constructor starts from: one {@link Config} read once,
 * and each real dependency built on first use, then kept for the life of the Lambda container. Nothing here calls
 * AWS or Gradient while being built, so it is safe during SnapStart initialisation (secrets are fetched lazily by
 * the key vault on first use, never at snapshot time).
 *
 * <p>Thread-safe: each component is memoised with double-checked locking.
 */
public final class Components {

    private final Config config;
    private final Map<String, String> env;
    private final String function;
    private final Clock clock;
    private final PrintStream out;

    private final Lazy<AwsClients> aws;
    private final Lazy<ConnectorStores> stores;
    private final Lazy<PendingDeliveries> deliveries;
    private final Lazy<KeyVault> keyVault;
    private final Lazy<RateBudget> rateBudget;
    private final Lazy<Gradient> gradient;
    private final Lazy<PushAuditLog> pushAudit;
    private final Lazy<ServiceCatalog> catalog;
    private final Lazy<UsageQueue> usageQueue;
    private final Lazy<SyncQueue> syncQueue;
    private final Lazy<AlertQueue> alertQueue;
    private final Lazy<AlertStore> alertStore;
    private final Lazy<JsonLog> log;
    private final Lazy<Metrics> metrics;
    /**
     * The retry and backoff jitter of this container (Gradient client, DynamoDB journal): created at init, so
     * {@link SnapStartPriming} re-seeds it after a restore ({@link #reseed}); {@link Random} is thread-safe.
     */
    private final Random jitter;

    private Components(Config config, Map<String, String> env, String function, Clock clock, PrintStream out,
                       Random jitter) {
        this.config = config;
        this.jitter = jitter;
        this.env = Map.copyOf(env);
        this.function = function;
        this.clock = clock;
        this.out = out;
        this.aws = new Lazy<>(() -> awsClients(config, lambdaCredentials(EnvironmentVariableCredentialsProvider.create())));
        // The journal files a usage event's SKU under its catalog service's ledger row.
        this.stores = new Lazy<>(() -> DynamoDbStores.create(aws.get().dynamoDb(), config.tableName(), clock,
                config.dedupTtl(), config.alertTtl(), catalog()::rowService, Backoff.standard(jitter)));
        this.alertStore = new Lazy<>(() -> new DynamoDbAlertStore(aws.get().dynamoDb(), config.tableName(),
                config.alertTtl()));
        this.deliveries = new Lazy<>(() -> new DynamoDbPendingDeliveries(aws.get().dynamoDb(), config.tableName()));
        this.keyVault = new Lazy<>(() -> new CachingKeyVault(
                secretsManagerKeyVault(aws.get().secretsManager(), config), config.secretsCacheTtl(), clock));
        this.pushAudit = new Lazy<>(() -> new DynamoDbPushAuditLog(aws.get().dynamoDb(), config.tableName(),
                config.pushAuditTtl()));
        // One budget for every Gradient request of every function and container (docs/ARCHITECTURE.md). It waits
        // in real time, so it keeps real time too, whatever clock the use cases are given (tests pass fixed ones).
        this.rateBudget = new Lazy<>(() -> new DynamoDbRateBudget(aws.get().dynamoDb(), config.tableName(),
                new LeasedRateBudget.Settings(config.gradientRateLimitPerSecond(), config.gradientRateSlice()),
                Clock.systemUTC(), LeasedRateBudget.Pause.SYSTEM));
        // Every count push through a partner's (fenced) session is kept in the audit trail.
        this.gradient = new Lazy<>(() -> new AuditedGradient(GradientClient.builder()
                .baseUri(config.gradientBaseUrl())
                .clock(clock)
                .rateBudget(new LazyRateBudget(rateBudget))
                .random(jitter)
                // Its retry lines become JSON lines like every other, not java.util.logging text.
                .logger(JsonLogging.systemLogger(log(), "io.gradientconnector.gradient"))
                .metrics(metrics())
                .options(GradientClientOptions.builder()
                        .rateScope(RateScope.fromWire(config.gradientRateScope()))
                        .requestTimeout(config.gradientTimeout())
                        .addCountPath(config.gradientAddCountPath())
                        .subtractCountPath(config.gradientSubtractCountPath())
                        .build())
                .build(), new LazyPushAuditLog(pushAudit), clock, log(), metrics()));
        this.catalog = new Lazy<>(this::loadCatalog);
        // The URL is checked before any AWS client is built, so a missing variable is named first.
        this.usageQueue = new Lazy<>(() -> {
            String url = config.requireUsageQueueUrl();
            return new SqsUsageQueue(aws.get().sqs(), url);
        });
        this.syncQueue = new Lazy<>(() -> {
            String url = config.requireSyncQueueUrl();
            return new SqsSyncQueue(aws.get().sqs(), url);
        });
        this.alertQueue = new Lazy<>(() -> {
            String url = config.requireAlertQueueUrl();
            return new SqsAlertQueue(aws.get().sqs(), url);
        });
        this.log = new Lazy<>(() -> {
            JsonLog root = JsonLog.fromEnvironment(this.env, function, out, clock);
            // The AWS SDK logs through SLF4J: its warnings become lines of this log too.
            JsonLogging.install(root);
            return root;
        });
        this.metrics = new Lazy<>(() -> Metrics.fromEnvironment(this.env, function, out, clock));
    }

    /**
     * From the process environment; {@code function} names the Lambda in logs and metrics. This is the deployed
     * path, so it also registers the container's {@link SnapStartPriming} (a no-op without SnapStart).
     */
    public static Components fromEnvironment(String function) {
        Components components = create(System.getenv(), function, Clock.systemUTC(), System.out);
        SnapStartPriming.register(components);
        return components;
    }

    /** For the local runner and tests: an explicit environment, clock and output stream. */
    public static Components create(Map<String, String> env, String function, Clock clock, PrintStream out) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(out, "out");
        return new Components(Config.from(env), env, function, clock, out, new Random());
    }

    /** As {@link #create(Map, String, Clock, PrintStream)} with a given jitter source (tests of the re-seeding). */
    static Components create(Map<String, String> env, String function, Clock clock, PrintStream out, Random jitter) {
        return new Components(Config.from(env), env, function, clock, out, Objects.requireNonNull(jitter, "jitter"));
    }

    /** The jitter source the Gradient client and the journal's backoff draw from. */
    Random jitter() {
        return jitter;
    }

    /** After a SnapStart restore: a seed no other restored container shares. */
    void reseed(long seed) {
        jitter.setSeed(seed);
    }

    /**
     * The SnapStart priming steps of this container: only for what its handler has built (so each function primes
     * its own paths), each running that path without sending anything (docs/DEPLOY.md). Builds nothing new but the
     * in-memory pieces the steps use.
     */
    List<SnapStartPriming.Step> primingSteps() {
        List<SnapStartPriming.Step> steps = new ArrayList<>();
        steps.add(new SnapStartPriming.Step("log", () -> Priming.logAndMetrics(function, clock)));
        steps.add(new SnapStartPriming.Step("json", () -> Priming.json(catalog.isBuilt()
                ? Optional.of(catalog.get()) : Optional.empty(), clock)));
        if (aws.isBuilt()) {
            steps.add(new SnapStartPriming.Step("aws", () -> aws.get().offline(() -> Priming.aws(new Priming.Aws(
                    stores.isBuilt() || deliveries.isBuilt() ? aws.get().dynamoDb() : null,
                    usageQueue.isBuilt() || syncQueue.isBuilt() || alertQueue.isBuilt() ? aws.get().sqs() : null,
                    keyVault.isBuilt() ? aws.get().secretsManager() : null, config.tableName()),
                    stores.isBuilt() ? Optional.of(stores.get()) : Optional.empty(),
                    deliveries.isBuilt() ? Optional.of(deliveries.get()) : Optional.empty(),
                    usageQueue.isBuilt() ? Optional.of(usageQueue.get()) : Optional.empty(),
                    syncQueue.isBuilt() ? Optional.of(syncQueue.get()) : Optional.empty(),
                    alertQueue.isBuilt() ? Optional.of(alertQueue.get()) : Optional.empty(), clock))));
        }
        if (gradient.isBuilt()) {
            steps.add(new SnapStartPriming.Step("gradient", () -> {
                if (GradientPriming.prime(clock) == 0) {
                    throw new IllegalStateException("the Gradient client's paths did not run");
                }
            }));
        }
        return steps;
    }

    public Config config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public String function() {
        return function;
    }

    public AwsClients aws() {
        return aws.get();
    }

    public ConnectorStores stores() {
        return stores.get();
    }

    /** Staged webhook deliveries (the webhook's commit point, and the sweep's work list). */
    public PendingDeliveries deliveries() {
        return deliveries.get();
    }

    public KeyVault keyVault() {
        return keyVault.get();
    }

    /** The rate budget every Gradient request draws from, shared through the table by every container. */
    public RateBudget rateBudget() {
        return rateBudget.get();
    }

    /**
     * Gradient's vendor API over HTTP: one client (connection pool) per container, on the shared rate budget, its
     * partner sessions' count pushes kept in {@link #pushAudit()}.
     */
    public Gradient gradient() {
        return gradient.get();
    }

    /** The push audit trail (every count push attempt, expiring after {@code PUSH_AUDIT_TTL_DAYS}). */
    public PushAuditLog pushAudit() {
        return pushAudit.get();
    }

    /**
     * The vendor's service catalog, read and validated once per container: handlers build their use cases in their
     * constructors, so a missing or invalid catalog fails the cold start (with SnapStart, the version's publication)
     * with a message naming the entry and field, never a request.
     */
    public ServiceCatalog catalog() {
        return catalog.get();
    }

    private ServiceCatalog loadCatalog() {
        if (config.serviceCatalog().isEmpty()) {
            log().warn("SERVICE_CATALOG_BUCKET is not set: using the bundled example catalog (local runs only)");
            return ServiceCatalogFile.example();
        }
        Config.ServiceCatalogObject object = config.serviceCatalog().get();
        byte[] json = new S3CatalogObject(aws().s3()).read(object.bucket(), object.key());
        ServiceCatalog loaded;
        try {
            loaded = ServiceCatalogFile.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the service catalog " + object + " is invalid: " + e.getMessage(), e);
        }
        log().with("catalog", object.toString()).with("services", loaded.services().size())
                .info("service catalog loaded");
        return loaded;
    }

    public UsageQueue usageQueue() {
        return usageQueue.get();
    }

    public SyncQueue syncQueue() {
        return syncQueue.get();
    }

    /** The alert queue (alert-dispatch's own, and where the webhook and the sync queue alerts). */
    public AlertQueue alertQueue() {
        return alertQueue.get();
    }

    /** Recorded alerts and their progress (the table's {@code ALERTS#} partitions). */
    public AlertStore alertStore() {
        return alertStore.get();
    }

    public JsonLog log() {
        return log.get();
    }

    public Metrics metrics() {
        return metrics.get();
    }

    /**
     * The function role's credentials: Lambda's environment variables, or, where SnapStart runs the function (no key
     * variables then), the container credentials endpoint Lambda names in {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}.
     * Only these two, so a cold start never probes profile files or instance metadata.
     */
    static AwsCredentialsProvider lambdaCredentials(AwsCredentialsProvider environment) {
        return AwsCredentialsProviderChain.builder()
                .credentialsProviders(environment, ContainerCredentialsProvider.builder().build())
                .reuseLastProviderEnabled(true)
                .build();
    }

    /** The AWS clients for {@code config}'s region and optional endpoint (the emulator's, locally). */
    public static AwsClients awsClients(Config config, AwsCredentialsProvider credentials) {
        return AwsClients.create(config.requireAwsRegion(), config.awsEndpointUrl(), credentials);
    }

    /** The vault a function uses: vendor key and partner prefix are required; the webhook secret only where set. */
    public static SecretsManagerKeyVault secretsManagerKeyVault(SecretsManagerClient client, Config config) {
        return SecretsManagerKeyVault.builder()
                .client(client)
                .vendorKeySecretId(config.requireVendorKeySecretId())
                .partnerSecretPrefix(config.requirePartnerSecretPrefix())
                .webhookSecretId(config.webhookSecretId().orElse(null))
                .build();
    }

    /** The usage-push use case with every collaborator from this root, metrics included. */
    public UsagePushService usagePush() {
        return UsagePushService.builder()
                .partners(stores().partners())
                .ledger(stores().ledger())
                .catalog(stores().catalog())
                .services(catalog())
                .keyVault(keyVault())
                .gradient(gradient())
                .clock(clock)
                .mode(config.pushMode())
                .window(config.pushWindow())
                .log(log())
                .metrics(metrics())
                .build();
    }

    /** The portal's use cases (partner-key function). */
    public PartnerUseCases partnerUseCases() {
        return PartnerUseCases.builder()
                .stores(stores())
                .vault(keyVault())
                .gradient(gradient())
                .locks(new DynamoDbPartnerLocks(aws().dynamoDb(), config.tableName()))
                .syncQueue(syncQueue())
                .alerts(alertStore())
                .clock(clock)
                .build();
    }

    /** The operators' partners list, reconciliation report and push audit trail (partner-key function). */
    public ReportUseCases reportUseCases() {
        return ReportUseCases.create(stores().partners(), stores().ledger(), stores().catalog(), pushAudit(), catalog());
    }

    /** The dry run of a partner's account sync (portal): Gradient's read routes only, nothing written. */
    public SyncPreview syncPreview() {
        return new SyncPreview(stores(), keyVault(), gradient(), catalog());
    }

    /** The signed-webhook use case (vendor-events function); fails now if the webhook secret is not configured. */
    public VendorEventsService vendorEvents() {
        config.requireWebhookSecretId();
        return VendorEventsService.builder()
                .keyVault(keyVault())
                .catalog(catalog())
                .journal(stores().journal())
                .ledger(stores().ledger())
                .partners(stores().partners())
                .queue(usageQueue())
                .alertQueue(optionalAlertQueue())
                .deliveries(deliveries())
                .applyConcurrency(config.webhookApplyConcurrency())
                .clock(clock)
                .log(log())
                .build();
    }

    /** Finishes webhook deliveries recorded but not yet applied (account-sync schedule target). */
    public PendingDeliverySweep pendingDeliverySweep() {
        AlertQueue alerts = optionalAlertQueue();
        return new PendingDeliverySweep(stores().journal(), stores().ledger(), stores().partners(), usageQueue(),
                alerts == null ? PendingDeliverySweep.NO_ALERT_QUEUE : alerts, deliveries(), clock, log(),
                config.webhookApplyConcurrency());
    }

    /** The hourly fan-out (account-sync schedule target). */
    public SyncFanOut syncFanOut() {
        return new SyncFanOut(stores().partners(), syncQueue(), clock);
    }

    /** One partner's account sync (account-sync worker), re-pushing counts through {@link #usagePush()}. */
    public PartnerSync partnerSync() {
        return PartnerSync.builder()
                .stores(stores())
                .keyVault(keyVault())
                .gradient(gradient())
                .catalog(catalog())
                .pusher(usagePush())
                .waitingAlerts(config.alertQueueUrl().isPresent() ? new WaitingAlerts(alertStore(), alertQueue()) : null)
                .clock(clock)
                .locks(new DynamoDbPartnerLocks(aws().dynamoDb(), config.tableName()))
                .build();
    }

    /** The audit log built on its first write, so building the Gradient client needs no AWS configuration. */
    private record LazyPushAuditLog(Lazy<PushAuditLog> log) implements PushAuditLog {
        @Override
        public void record(PushAttempt attempt) {
            log.get().record(attempt);
        }

        @Override
        public Page<PushAttempt> list(PartnerId partnerId, AccountId accountId, String gradientServiceId,
                                      Optional<String> cursor, int limit) {
            return log.get().list(partnerId, accountId, gradientServiceId, cursor, limit);
        }
    }

    /** The alert worker's use case: send each alert once, then confirm it (alert-dispatch function). */
    public AlertDispatch alertDispatch() {
        return new AlertDispatch(alertStore(), alertQueue(), stores().partners(), stores().catalog(), keyVault(),
                gradient(), config.alertPolicy(), clock, log(), metrics());
    }

    /**
     * The alert queue where {@code ALERT_QUEUE_URL} is set, else null: a deployment without the alert queue records
     * alerts but leaves their deliveries pending (the template sets it for every function that queues alerts).
     */
    private AlertQueue optionalAlertQueue() {
        return config.alertQueueUrl().isPresent() ? alertQueue() : null;
    }

    /** The shared budget, built (with its AWS client) on the first request, not when the Gradient client is. */
    private record LazyRateBudget(Supplier<RateBudget> budget) implements RateBudget {
        @Override
        public Optional<Duration> acquire(String scope, Duration maxWait) throws InterruptedException {
            return budget.get().acquire(scope, maxWait);
        }

        @Override
        public void backOff(String scope, Duration pause) {
            budget.get().backOff(scope, pause);
        }
    }

    /** A value built once on first use. */
    private static final class Lazy<T> implements Supplier<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        boolean isBuilt() {
            return value != null;
        }

        @Override
        public T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = Objects.requireNonNull(factory.get(), "factory returned null");
                        value = v;
                    }
                }
            }
            return v;
        }
    }
}
