package io.gradientconnector.app.usage;

import static io.gradientconnector.testing.TestEvents.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.PushMode;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.domain.WebhookSecrets;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.gradient.BadRequestException;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.testing.InMemoryGradient;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.testing.InMemoryStores;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.testing.TestEvents;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's ordering rules, against the in-memory Gradient behind a probe that holds every count call for a
 * moment (so lanes really overlap) and watches what is in flight: never two pushes of one row at once; every
 * {@code no_build} call finished before the one rebuild-triggering call starts; exactly one call without
 * {@code no_build} per completed push, also when the last row fails. Randomized and seeded (the seed is in every
 * failure message).
 */
class PushPipelineTest {
    private static final String VENDOR_KEY = "VENDORSECRET-pipeline";
    private static final String PARTNER_KEY = "PARTNERSECRET-pipeline";
    private static final List<String> SERVICES = List.of("backup-server", "backup-workstation");

    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");
    private final ConnectorStores stores = InMemoryStores.create(clock, Duration.ofDays(30));
    private final InMemoryGradient gradient = new InMemoryGradient(VENDOR_KEY);
    private final Probe probe = new Probe(gradient);
    private final PartnerId partnerId = TestEvents.uniquePartner();
    private final Map<String, String> skus = new HashMap<>();
    private int eventSeq;

    /** Watches the count calls in flight. */
    static final class Probe implements Gradient {
        final Gradient delegate;
        final Set<String> inFlight = ConcurrentHashMap.newKeySet();
        final AtomicInteger concurrent = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();
        final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger rebuildCalls = new AtomicInteger();
        final AtomicLong lastNoBuildEnd = new AtomicLong();
        final AtomicLong firstRebuildStart = new AtomicLong(Long.MAX_VALUE);
        volatile String failRow; // "serviceId/accountId" answered 400

        Probe(Gradient delegate) {
            this.delegate = delegate;
        }

        @Override
        public PartnerSession session(GradientCredentials credentials, Instant deadline) {
            PartnerSession real = delegate.session(credentials, deadline);
            return (PartnerSession) Proxy.newProxyInstance(PartnerSession.class.getClassLoader(),
                    new Class<?>[] {PartnerSession.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("setUnitCount")) {
                            return invoke(method, real, args);
                        }
                        String row = args[0] + "/" + args[1];
                        boolean noBuild = (Boolean) args[3];
                        long start = System.nanoTime();
                        if (!noBuild) {
                            rebuildCalls.incrementAndGet();
                            firstRebuildStart.accumulateAndGet(start, Math::min);
                        }
                        if (!inFlight.add(row)) {
                            violations.add("two pushes of " + row + " in flight");
                        }
                        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                        try {
                            Thread.sleep(2);
                            if (row.equals(failRow)) {
                                throw new BadRequestException(InMemoryGradient.SET_COUNT, "scripted 400");
                            }
                            return invoke(method, real, args);
                        } finally {
                            concurrent.decrementAndGet();
                            inFlight.remove(row);
                            if (noBuild) {
                                lastNoBuildEnd.accumulateAndGet(System.nanoTime(), Math::max);
                            }
                        }
                    });
        }

        private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public int accountChunkSize() {
            return delegate.accountChunkSize();
        }
    }

    private void connect(int accounts) {
        gradient.accept(PARTNER_KEY, "Pipeline MSP", IntegrationStatus.ACTIVE);
        for (String service : SERVICES) {
            String sku = gradient.addSku(service);
            skus.put(service, sku);
            stores.catalog().put(ServiceKey.of(service), sku, service);
        }
        String[] ids = new String[accounts];
        for (int i = 0; i < accounts; i++) {
            ids[i] = "acct-" + i;
        }
        gradient.addAccounts(PARTNER_KEY, ids);
        gradient.map(PARTNER_KEY, ids);
        stores.partners().save(PartnerRecord.builder(partnerId, clock.instant()).status(PartnerStatus.ACTIVE)
                .keyFingerprint(Secret.of(PARTNER_KEY).fingerprint()).build());
    }

    private UsagePushService service(int window) {
        InMemoryKeyVault vault = InMemoryKeyVault.create(Secret.of(VENDOR_KEY), WebhookSecrets.of(Secret.of("whsec")));
        vault.putPartnerKey(partnerId, Secret.of(PARTNER_KEY));
        return UsagePushService.builder()
                .partners(stores.partners()).ledger(stores.ledger()).catalog(stores.catalog()).keyVault(vault)
                .gradient(probe).clock(clock).mode(PushMode.ABSOLUTE).window(window)
                .log(JsonLog.builder().function("test").out(new PrintStream(OutputStream.nullOutputStream()))
                        .clock(clock).build())
                .build();
    }

    /** Random rows (with repeats) of random accounts; each gets a count; returns rows and expected counts. */
    private List<UsageRowKey> randomRows(Random random, int accounts, int rows, Map<String, BigDecimal> expected) {
        List<UsageRowKey> keys = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String account = "acct-" + random.nextInt(accounts);
            String service = SERVICES.get(random.nextInt(SERVICES.size()));
            String quantity = Integer.toString(random.nextInt(1000));
            stores.journal().record(set("evt-" + (++eventSeq), partnerId, account, service, quantity, eventSeq));
            expected.put(skus.get(service) + "/" + account, new BigDecimal(quantity));
            keys.add(new UsageRowKey(partnerId, AccountId.of(account), ServiceKey.of(service)));
        }
        return keys;
    }

    @Test
    void push_shouldNeverHaveTwoPushesOfOneRowInFlight_andSendExactlyOneRebuildCallLast_whenPipelined() {
        int overlapped = 0;
        for (long seed = 1; seed <= 6; seed++) {
            Random random = new Random(seed);
            if (seed == 1) {
                connect(40);
            }
            Map<String, BigDecimal> expected = new HashMap<>();
            List<UsageRowKey> rows = randomRows(random, 40, 20 + random.nextInt(60), expected);
            int window = 2 + random.nextInt(12);
            probe.rebuildCalls.set(0);
            probe.firstRebuildStart.set(Long.MAX_VALUE);
            probe.lastNoBuildEnd.set(0);
            probe.maxConcurrent.set(0);

            PushReport report = service(window).push(partnerId, rows, clock.instant().plusSeconds(30));

            String context = "seed " + seed + ", window " + window;
            assertEquals(List.of(), probe.violations, context);
            assertEquals(expected.size(), report.pushed(), context);
            assertEquals(1, probe.rebuildCalls.get(), "exactly one call without no_build; " + context);
            assertTrue(probe.lastNoBuildEnd.get() <= probe.firstRebuildStart.get(),
                    "the rebuild-triggering call starts after every no_build call ended; " + context);
            assertTrue(probe.maxConcurrent.get() <= window, "never more than the window in flight; " + context);
            overlapped = Math.max(overlapped, probe.maxConcurrent.get());
            expected.forEach((row, count) -> {
                String[] parts = row.split("/");
                assertEquals(0, count.compareTo(gradient.count(PARTNER_KEY, parts[0], parts[1]).orElseThrow()),
                        "the count of " + row + "; " + context);
            });
        }
        assertTrue(overlapped > 1, "the lanes overlapped");
    }

    @Test
    void push_shouldSendExactlyOneRebuildCall_whenTheLastRowFails() {
        connect(10);
        Map<String, BigDecimal> expected = new HashMap<>();
        List<UsageRowKey> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String quantity = Integer.toString(i + 1);
            stores.journal().record(set("evt-" + (++eventSeq), partnerId, "acct-" + i, SERVICES.get(0), quantity,
                    eventSeq));
            rows.add(new UsageRowKey(partnerId, AccountId.of("acct-" + i), ServiceKey.of(SERVICES.get(0))));
            expected.put(skus.get(SERVICES.get(0)) + "/acct-" + i, new BigDecimal(quantity));
        }
        probe.failRow = skus.get(SERVICES.get(0)) + "/acct-9";

        PushReport report = service(4).push(partnerId, rows, clock.instant().plusSeconds(30));

        assertEquals(9, report.pushed());
        assertEquals(1, report.failed(), "the 400 is recorded as failed");
        assertEquals(2, probe.rebuildCalls.get(), "the failed last call, then one re-push without no_build");
        assertEquals(List.of(), probe.violations);
    }

    @Test
    void push_shouldStartNoRowAfterAStop_andLeaveTheRestRetryable() {
        connect(30);
        List<UsageRowKey> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            stores.journal().record(set("evt-" + (++eventSeq), partnerId, "acct-" + i, SERVICES.get(0), "1",
                    eventSeq));
            rows.add(new UsageRowKey(partnerId, AccountId.of("acct-" + i), ServiceKey.of(SERVICES.get(0))));
        }
        gradient.failOn(InMemoryGradient.SET_COUNT,
                new io.gradientconnector.port.gradient.ServerErrorException(503, InMemoryGradient.SET_COUNT, "down"));

        PushReport report = service(4).push(partnerId, rows, clock.instant().plusSeconds(30));

        assertEquals(30, report.pushed() + report.retryable().size(), "every row pushed or handed back");
        assertTrue(report.retryable().size() >= 1 && report.pushed() < 29, "the stop left rows unstarted");
        assertEquals(0, probe.rebuildCalls.get(), "an unfinished push sends no rebuild call");
    }
}
