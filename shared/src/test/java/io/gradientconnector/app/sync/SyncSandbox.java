package io.gradientconnector.app.sync;

import io.gradientconnector.domain.PushMode;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.VendorAccount;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.adapter.gradient.GradientClient;
import io.gradientconnector.adapter.gradient.GradientClientOptions;
import io.gradientconnector.adapter.gradient.RetryPolicy;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.sandbox.GradientSandbox;
import io.gradientconnector.sandbox.RecordedRequest;
import io.gradientconnector.sandbox.SandboxControl;
import io.gradientconnector.sandbox.SandboxOptions;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.SaveResult;
import io.gradientconnector.app.usage.UsagePushService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Gradient sandbox set up for account-sync tests: one vendor, partners connected both in the
 * sandbox and in the connector's stores and key vault (fakes or the AWS emulator alike), vendor
 * accounts recorded through the event journal (the webhook's own path), and request counting.
 */
public final class SyncSandbox implements AutoCloseable {
    public static final String VENDOR_KEY = "sync-test-vendor-key";

    /** A partner connected on both sides. */
    public record TestPartner(PartnerId id, String partnerKey, String integrationId) {
        @Override
        public String toString() {
            return "TestPartner[" + id + "]"; // never the key
        }
    }

    private final GradientSandbox sandbox;
    private final SandboxControl control;
    private final AtomicLong events = new AtomicLong();

    private SyncSandbox(GradientSandbox sandbox) {
        this.sandbox = sandbox;
        this.control = new SandboxControl(sandbox.baseUri());
    }

    /** A sandbox far above the client's request rate, so no test waits for its limiter. */
    public static SyncSandbox start() {
        SyncSandbox started = new SyncSandbox(GradientSandbox.start(SandboxOptions.builder()
                .rateLimitPerSecond(100_000).rebuildQuietPeriod(Duration.ofMillis(50)).build()));
        started.reset();
        return started;
    }

    public SandboxControl control() {
        return control;
    }

    public String baseUrl() {
        return sandbox.baseUri().toString();
    }

    /** Forgets everything and creates the vendor again. */
    public void reset() {
        control.reset();
        control.createVendor(VENDOR_KEY, "Acme Backup");
    }

    /** A client for the sandbox: 2 attempts per call, no real waiting between them. */
    public GradientClient client(Clock clock) {
        return GradientClient.builder()
                .baseUri(sandbox.baseUri())
                .clock(clock)
                .sleeper(duration -> { })
                .options(GradientClientOptions.builder()
                        .requestsPerSecond(100_000)
                        .retry(new RetryPolicy(2, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(5)))
                        .build())
                .build();
    }

    /** The production push service over these collaborators (absolute mode), logging to {@code log}. */
    public static UsagePushService pusher(ConnectorStores stores, KeyVault vault, GradientClient client, Clock clock,
                                          JsonLog log) {
        return UsagePushService.builder().partners(stores.partners()).ledger(stores.ledger()).catalog(stores.catalog())
                .keyVault(vault).gradient(client).clock(clock).mode(PushMode.ABSOLUTE).log(log).build();
    }

    /** Stores the vendor key (in-memory and emulated vaults both take it through their own setup). */
    public static Secret vendorKey() {
        return Secret.of(VENDOR_KEY);
    }

    /** A partner whose Gradient integration is {@code inactive}, connected to the connector as PENDING. */
    public TestPartner connect(ConnectorStores stores, KeyVault vault, Clock clock, String organizationName) {
        return connect(stores, vault, clock, organizationName, PartnerId.of("msp-" + UUID.randomUUID().toString().substring(0, 13)));
    }

    /** The same, with the connector-side partner id chosen by the caller (e.g. the one in an event file). */
    public TestPartner connect(ConnectorStores stores, KeyVault vault, Clock clock, String organizationName,
                               PartnerId id) {
        String partnerKey = "pk-" + UUID.randomUUID();
        String integrationId = control.createPartner(VENDOR_KEY, partnerKey, organizationName, List.of("Client A"))
                .integrationId();
        vault.putPartnerKey(id, Secret.of(partnerKey));
        SaveResult saved = stores.partners().save(PartnerRecord.builder(id, clock.instant())
                .status(PartnerStatus.PENDING)
                .keyFingerprint(Secret.of(partnerKey).fingerprint())
                .connectedAt(clock.instant())
                .build());
        if (!(saved instanceof SaveResult.Saved)) {
            throw new IllegalStateException("partner " + id + " already existed");
        }
        return new TestPartner(id, partnerKey, integrationId);
    }

    /** Accounts {@code acct-0000} … named "{@code prefix} n", recorded as {@code account.upserted} events. */
    public void upsertAccounts(ConnectorStores stores, PartnerId partner, int count, String namePrefix, Instant at) {
        for (int i = 0; i < count; i++) {
            upsertAccount(stores, partner, accountId(i), namePrefix + " " + i, at);
        }
    }

    public void upsertAccount(ConnectorStores stores, PartnerId partner, String accountId, String name, Instant at) {
        stores.journal().record(new VendorEvent.AccountUpserted(EventId.of("evt-" + events.incrementAndGet() + "-"
                + UUID.randomUUID()), partner, at, new VendorAccount(AccountId.of(accountId), name, null)));
    }

    public static String accountId(int i) {
        return String.format("acct-%04d", i);
    }

    /** Vendor API requests recorded since {@code sinceSeq} for one integration (control routes are never recorded). */
    public List<RecordedRequest> requestsOf(String integrationId, long sinceSeq) {
        return control.requests(sinceSeq).stream()
                .filter(r -> integrationId.equals(r.integrationId()))
                .toList();
    }

    /** The sequence number of the last recorded request (0 when none). */
    public long lastSeq() {
        List<RecordedRequest> all = control.requests();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
