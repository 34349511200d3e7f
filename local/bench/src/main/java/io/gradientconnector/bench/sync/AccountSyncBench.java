package io.gradientconnector.bench.sync;

import io.gradientconnector.testing.InMemoryStores;

import io.gradientconnector.bench.Table;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.VendorAccount;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.sandbox.GradientSandbox;
import io.gradientconnector.sandbox.RecordedRequest;
import io.gradientconnector.sandbox.SandboxControl;
import io.gradientconnector.sandbox.SandboxOptions;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.domain.WebhookSecrets;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.app.sync.PartnerSync;
import io.gradientconnector.app.sync.SyncOutcome;
import io.gradientconnector.app.usage.UsagePushService;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Account sync at scale: {@link PartnerSync} as the sync worker wires it ({@code SyncWorkerHandler}: the production
 * Gradient client from {@link Components}, {@link UsagePushService} as the pusher) with in-memory stores, against a
 * sandbox limited to 100 requests/s like Gradient. A partner with {@code accounts} accounts (recorded through
 * {@code account.upserted} events) is synced twice: the first sync creates the services and every account, the
 * second finds nothing changed. Gradient requests are counted by route from the sandbox's request log.
 * Not thread-safe.
 */
public final class AccountSyncBench {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());
    /** The sync worker's Lambda timeout (template: 300 s) less a margin. */
    private static final Duration BUDGET = Duration.ofSeconds(295);

    private AccountSyncBench() {
    }

    /** One table; a row per (client rate, sync) pair. */
    public static List<Table> run(int accounts, List<Integer> clientRates) {
        Table table = new Table("Account sync: " + accounts + " accounts, sandbox limited to 100/s",
                "client rate/s", "sync", "outcome", "requests", "by route", "wall s", "accounts created",
                "services created");
        try (GradientSandbox sandbox = GradientSandbox.start(SandboxOptions.builder().rateLimitPerSecond(100).build())) {
            SandboxControl control = new SandboxControl(sandbox.baseUri());
            for (int rate : clientRates) {
                String suffix = rate + "-" + Long.toHexString(System.nanoTime());
                String vendorKey = "bench-sync-vendor-" + suffix;
                String partnerKey = "bench-sync-partner-" + suffix;
                control.createVendor(vendorKey, "Bench Vendor " + suffix);
                control.createPartner(vendorKey, partnerKey, "Bench MSP " + suffix, List.of("Client"));
                PartnerId partner = PartnerId.of("bench-sync-" + rate);

                Map<String, String> env = new HashMap<>();
                env.put("TABLE_NAME", "unused-in-memory");
                env.put("AWS_REGION", "us-east-1");
                env.put("GRADIENT_BASE_URL", sandbox.baseUri().toString());
                env.put("GRADIENT_RATE_LIMIT_PER_SECOND", Integer.toString(rate));
                Components components = Components.create(env, "account-sync", Clock.systemUTC(), NOWHERE);
                // The production client on a process-local limit of `rate` (deployed, it draws from the one budget).
                io.gradientconnector.port.gradient.Gradient client = io.gradientconnector.adapter.gradient.GradientClient
                        .builder().baseUri(sandbox.baseUri()).rateLimiter(io.gradientconnector.adapter.gradient
                                .RateLimiter.create(rate, Clock.systemUTC(), io.gradientconnector.adapter.gradient.Sleeper.SYSTEM))
                        .build();
                ConnectorStores stores = InMemoryStores.create(Clock.systemUTC(), Duration.ofDays(1));
                InMemoryKeyVault vault = InMemoryKeyVault.create(Secret.of(vendorKey),
                        WebhookSecrets.of(Secret.of("unused-webhook-secret")));
                vault.putPartnerKey(partner, Secret.of(partnerKey));
                stores.partners().save(PartnerRecord.builder(partner, Instant.now()).status(PartnerStatus.PENDING)
                        .keyFingerprint(Secret.of(partnerKey).fingerprint()).build());
                Instant at = Instant.now().minusSeconds(3600);
                for (int i = 0; i < accounts; i++) {
                    stores.journal().record(new VendorEvent.AccountUpserted(EventId.of("sync-bench-" + i), partner, at,
                            new VendorAccount(AccountId.of(String.format("acct-%05d", i)), "Customer " + i, null)));
                }
                UsagePushService pusher = UsagePushService.builder()
                        .partners(stores.partners()).ledger(stores.ledger()).catalog(stores.catalog()).keyVault(vault)
                        .gradient(client).clock(components.clock()).log(components.log()).build();
                PartnerSync sync = PartnerSync.builder().stores(stores).keyVault(vault).gradient(client)
                        .catalog(components.catalog()).pusher(pusher).clock(components.clock()).locks(io.gradientconnector.testing.InMemoryPartnerLocks.create()).build();
                for (String which : List.of("first", "re-sync, no changes")) {
                    control.clearRequests();
                    long start = System.nanoTime();
                    SyncOutcome outcome = sync.sync(partner, Instant.now().plus(BUDGET));
                    double seconds = (System.nanoTime() - start) / 1e9;
                    List<RecordedRequest> requests = control.requests();
                    Map<String, Integer> byRoute = new TreeMap<>();
                    requests.forEach(r -> byRoute.merge(r.method() + " " + route(r.path()) + (r.status() == 429
                            ? " (429)" : ""), 1, Integer::sum));
                    int created = outcome instanceof SyncOutcome.Synced s ? s.report().accountsCreated() : -1;
                    int services = outcome instanceof SyncOutcome.Synced s ? s.report().servicesCreated() : -1;
                    table.row(rate, which, outcome.getClass().getSimpleName(), requests.size(), byRoute.toString(),
                            seconds, created, services);
                    System.out.printf("  sync at %d/s, %s: %d requests, %.1f s%n", rate, which, requests.size(), seconds);
                }
            }
        }
        table.note("client rate: the requests/s the sync may use; deployed it draws from the one budget "
                + "(GRADIENT_RATE_LIMIT_PER_SECOND, default 100) shared with pushes and the portal");
        table.note("accounts are created in bulk (accountChunkSize 100); the stores are in memory (no DynamoDB time)");
        return List.of(table);
    }

    /** The path with ids folded, so requests group by route. */
    static String route(String path) {
        String p = path.replaceFirst("^/api/vendor-api", "");
        p = p.isEmpty() ? "/" : p;
        return p.replaceAll("/[0-9a-f]{24}(?=/|$)", "/{id}").replaceAll("/[0-9a-f-]{36}(?=/|$)", "/{id}")
                .replaceAll("/acct-[0-9]+", "/{accountId}");
    }
}
