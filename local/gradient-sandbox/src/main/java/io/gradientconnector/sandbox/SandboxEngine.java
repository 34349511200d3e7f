package io.gradientconnector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.gradientconnector.sandbox.SandboxState.Integration;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sandbox behind the HTTP server: state, runtime config, faults, rate limiter and request log.
 * Thread-safe: one lock guards all of it. Handlers are cheap, so one lock costs nothing at Gradient's 100 req/s;
 * the only slow thing, an injected delay, happens outside the lock.
 */
final class SandboxEngine {

    private static final System.Logger LOG = System.getLogger(SandboxEngine.class.getName());
    private static final int MAX_RECORDED_TEXT = 10_000;

    private final SandboxOptions options;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Ids ids;
    private final FaultInjector faults = new FaultInjector();
    private final RateLimiter rateLimiter = new RateLimiter();
    private final RequestLog requestLog = new RequestLog();
    private final VendorApi vendorApi = new VendorApi(this);
    private final ControlApi controlApi = new ControlApi(this);
    private SandboxState state = new SandboxState();
    private volatile SandboxConfig config;
    private Random alertDraws = new Random(0);

    SandboxEngine(SandboxOptions options) {
        this.options = options;
        this.clock = options.clock();
        this.ids = new Ids(clock);
        this.config = SandboxConfig.from(options);
    }

    // Accessors for the route classes; they run under the lock.
    SandboxState state() {
        return state;
    }

    SandboxConfig config() {
        return config;
    }

    void config(SandboxConfig newConfig) {
        alertDraws = new Random(newConfig.alertSeed()); // every config change restarts the alert draws
        config = newConfig;
    }

    /**
     * Decides how a newly queued alert ends, from the config: after {@code alertResolveMillis} it becomes a ticket,
     * fails ({@code alertFailRate}) or stays pending forever ({@code alertPendingRate}); with -1 it waits for the
     * resolve hook. Both draws are always taken, so the outcomes depend on the order of alerts only.
     */
    void planAlert(SandboxState.Alert alert, Instant now) {
        double fail = alertDraws.nextDouble();
        double pending = alertDraws.nextDouble();
        if (config.alertResolveMillis() < 0) {
            return;
        }
        alert.resolveAt = now.plusMillis(config.alertResolveMillis());
        alert.plannedOutcome = pending < config.alertPendingRate() ? "pending"
                : fail < config.alertFailRate() ? "failed" : "success";
    }

    /** Resolves every alert whose simulated PSA answer is due. Called with the rebuilds. */
    private void resolveDueAlerts(Instant now) {
        for (SandboxState.Alert alert : state.alertsByMessageId.values()) {
            if (alert.resolveAt == null || now.isBefore(alert.resolveAt) || !alert.status.equals("pending")) {
                continue;
            }
            alert.resolveAt = null;
            switch (alert.plannedOutcome) {
                case "success" -> {
                    alert.status = "success";
                    alert.ticketId = "T" + Json.time(now).substring(0, 10).replace("-", "") + "." + ids.objectId().substring(16);
                    alert.message = "Ticket created";
                }
                case "failed" -> {
                    alert.status = "failed";
                    alert.statusCode = 400;
                    alert.errors = java.util.List.of("PSA rejected the ticket: no board is mapped for this service",
                            "Ticket creation failed");
                    alert.message = "Ticket creation failed";
                }
                default -> { } // left pending forever
            }
        }
    }

    Ids ids() {
        return ids;
    }

    FaultInjector faults() {
        return faults;
    }

    RequestLog requestLog() {
        return requestLog;
    }

    Instant now() {
        return clock.instant();
    }

    /** Everything back to the start-up state (config from the options). */
    void reset() {
        state = new SandboxState();
        config = SandboxConfig.from(options);
        alertDraws = new Random(config.alertSeed());
        faults.clear();
        rateLimiter.clear();
        requestLog.clear();
    }

    /** A successful count: pending becomes active, lastSyncedAt moves. */
    void recordSync(Integration integration, Instant now) {
        if (integration.status.equals("pending")) {
            integration.status = "active";
        }
        integration.lastSyncedAt = now;
    }

    /**
     * With {@link SandboxOptions#autoMapNewAccountsAndServices()}: maps the accounts, vendor SKUs and organization
     * services of {@code integration} that auto-mapping has not considered before, standing in for the MSP.
     */
    void autoMapNew(Integration integration) {
        if (!options.autoMapNewAccountsAndServices()) {
            return;
        }
        for (SandboxState.Account account : integration.accounts.values()) {
            if (integration.autoMapSeen.add("account:" + account.id) && account.mappingId == null) {
                account.mappingId = ids.objectId();
            }
        }
        for (SandboxState.Sku sku : integration.vendor.skus.values()) {
            if (integration.autoMapSeen.add("service:" + sku.id)) {
                integration.serviceMappings.computeIfAbsent(sku.id, id -> ids.objectId());
            }
        }
        for (SandboxState.OrgService service : integration.orgServices.values()) {
            if (integration.autoMapSeen.add("service:" + service.internalId)) {
                integration.serviceMappings.computeIfAbsent(service.internalId, id -> ids.objectId());
            }
        }
    }

    /** Fires every rebuild whose quiet period has passed on the sandbox clock. Called by a ticker and per request. */
    void tick() {
        lock.lock();
        try {
            fireDueRebuilds(clock.instant());
        } finally {
            lock.unlock();
        }
    }

    private void fireDueRebuilds(Instant now) {
        resolveDueAlerts(now);
        for (Integration integration : state.integrationsById.values()) {
            if (integration.rebuildDueAt != null && !now.isBefore(integration.rebuildDueAt)) {
                integration.rebuilds++;
                integration.lastRebuildAt = integration.rebuildDueAt;
                integration.rebuildDueAt = null;
            }
        }
    }

    /**
     * Faults first (they model the infrastructure in front of Gradient), then the rate limit, then the routes; the
     * answer leaves after the configured {@code responseLatencyMillis} (the request counts at its arrival).
     */
    Reply handleVendorApi(SandboxRequest request) {
        Reply reply = handleVendorApiNow(request);
        int latency = config().responseLatencyMillis();
        if (latency > 0) {
            pause(latency);
        }
        return reply;
    }

    private Reply handleVendorApiNow(SandboxRequest request) {
        Instant arrival;
        FaultInjector.Decision fault;
        lock.lock();
        try {
            arrival = clock.instant();
            fireDueRebuilds(arrival);
            fault = faults.decide(arrival, config.rateLimitPerSecond());
            if (fault != null && fault.reply() != null) {
                record(request, arrival, fault.reply(), null, fault.label());
                return fault.reply();
            }
        } finally {
            lock.unlock();
        }
        if (fault != null && fault.delayMillis() > 0) {
            pause(fault.delayMillis());
        }
        String label = fault == null ? null : fault.label();
        VendorApi.Context context = new VendorApi.Context();
        lock.lock();
        try {
            Instant now = clock.instant();
            Reply reply;
            if (!rateLimiter.tryAcquire(now, config.rateLimitPerSecond())) {
                reply = FaultInjector.rateLimited(config.rateLimitPerSecond(),
                        config.retryAfterOnRateLimit() ? 1 : 0);
            } else {
                reply = answer(() -> vendorApi.handle(request, now, context));
            }
            record(request, arrival, reply, context.integrationId, label);
            return reply;
        } finally {
            lock.unlock();
        }
    }

    Reply handleControl(SandboxRequest request) {
        lock.lock();
        try {
            fireDueRebuilds(clock.instant());
            return answer(() -> controlApi.handle(request));
        } finally {
            lock.unlock();
        }
    }

    String statusPage() {
        lock.lock();
        try {
            fireDueRebuilds(clock.instant());
            return StatusPage.render(state, config, clock.instant());
        } finally {
            lock.unlock();
        }
    }

    /** The top-level barrier: expected failures are ApiErrors; anything else is a sandbox bug, logged and a 500. */
    private static Reply answer(java.util.function.Supplier<Reply> handler) {
        try {
            return handler.get();
        } catch (ApiError error) {
            return Reply.error(error);
        } catch (RuntimeException bug) {
            LOG.log(System.Logger.Level.ERROR, "sandbox bug while handling a request", bug);
            return Reply.error(ApiError.of(500, "Internal server error"));
        }
    }

    private void record(SandboxRequest request, Instant arrival, Reply reply, String integrationId, String fault) {
        requestLog.add(new RecordedRequest(requestLog.nextSeq(), arrival, request.method(), request.rawPath(),
                request.rawQuery(), reply.drop() ? 0 : reply.status(), integrationId, recordedBody(request), fault));
    }

    private static JsonNode recordedBody(SandboxRequest request) {
        if (!request.hasBody()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(request.body());
        } catch (java.io.IOException e) {
            String text = new String(request.body(), StandardCharsets.UTF_8);
            return TextNode.valueOf(text.length() > MAX_RECORDED_TEXT ? text.substring(0, MAX_RECORDED_TEXT) : text);
        }
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
