package io.gradientconnector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradientconnector.sandbox.SandboxState.Account;
import io.gradientconnector.sandbox.SandboxState.Alert;
import io.gradientconnector.sandbox.SandboxState.Count;
import io.gradientconnector.sandbox.SandboxState.CountKey;
import io.gradientconnector.sandbox.SandboxState.Integration;
import io.gradientconnector.sandbox.SandboxState.OrgService;
import io.gradientconnector.sandbox.SandboxState.Vendor;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The test hooks under {@code /__sandbox/} (the real API has none): seed vendors and partners, play the MSP
 * (mappings, disconnect, key regeneration, alert outcomes), inspect (requests, counts, rebuilds, state) and
 * misbehave (faults, config). Never rate-limited or faulted. Runs under the engine lock; not thread-safe alone.
 */
final class ControlApi {

    static final String PREFIX = "/__sandbox";
    private static final DateTimeFormatter TICKET_DAY = DateTimeFormatter.ofPattern("yyyyMMdd")
            .withZone(ZoneOffset.UTC);

    private final SandboxEngine engine;
    private int ticketCounter;

    ControlApi(SandboxEngine engine) {
        this.engine = engine;
    }

    Reply handle(SandboxRequest request) {
        List<String> s = request.segmentsAfter(PREFIX);
        String method = request.method();
        String route = s.isEmpty() ? "" : s.get(0);
        int n = s.size();
        Reply reply = switch (route) {
            case "reset" -> n == 1 && method.equals("POST") ? reset() : null;
            case "config" -> n != 1 ? null : switch (method) {
                case "GET" -> Reply.json(200, engine.config().toJson());
                case "POST" -> config(body(request));
                default -> null;
            };
            case "vendors" -> n == 1 && method.equals("POST") ? createVendor(body(request)) : null;
            case "partners" -> n == 1 && method.equals("POST") ? createPartner(body(request)) : null;
            case "integrations" -> method.equals("POST") && n >= 3 ? integrationRoute(s, request) : null;
            case "requests" -> n != 1 ? null : switch (method) {
                case "GET" -> requests(request);
                case "DELETE" -> clearRequests();
                default -> null;
            };
            case "counts" -> n == 1 && method.equals("GET") ? counts() : null;
            case "rebuilds" -> n == 1 && method.equals("GET") ? rebuilds() : null;
            case "state" -> n == 1 && method.equals("GET") ? Reply.json(200, state()) : null;
            case "faults" -> n != 1 ? null : switch (method) {
                case "GET" -> Reply.json(200, faultsView());
                case "POST" -> faults(body(request));
                case "DELETE" -> clearFaults();
                default -> null;
            };
            case "alerts" -> n == 3 && s.get(2).equals("resolve") && method.equals("POST")
                    ? resolveAlert(s.get(1), body(request)) : null;
            default -> null;
        };
        if (reply == null) {
            throw ApiError.notFound("Cannot " + method + " " + request.rawPath());
        }
        return reply;
    }

    private Reply integrationRoute(List<String> s, SandboxRequest request) {
        Integration integration = engine.state().integration(s.get(1));
        int n = s.size();
        String action = s.get(2);
        if (n == 3) {
            return switch (action) {
                case "disconnect" -> disconnect(integration);
                case "regenerate-key" -> regenerateKey(integration, body(request));
                case "clients" -> addClient(integration, body(request));
                default -> null;
            };
        }
        if (n == 5 && action.equals("accounts")) {
            return switch (s.get(4)) {
                case "map" -> mapAccount(integration, s.get(3), body(request));
                case "unmap" -> unmapAccount(integration, s.get(3));
                default -> null;
            };
        }
        if (n == 5 && action.equals("services")) {
            return switch (s.get(4)) {
                case "map" -> mapService(integration, s.get(3), true);
                case "unmap" -> mapService(integration, s.get(3), false);
                default -> null;
            };
        }
        return null;
    }

    /** Control bodies are lenient about Content-Type (curl-friendly) but must be JSON when present. */
    private static JsonNode body(SandboxRequest request) {
        return request.hasBody() ? Json.parse(request.body()) : Json.object();
    }

    private static ObjectNode ok() {
        return Json.object().put("ok", true);
    }

    // ---------------------------------------------------------------- setup

    private Reply reset() {
        engine.reset();
        ticketCounter = 0;
        return Reply.json(200, ok());
    }

    private Reply createVendor(JsonNode body) {
        BodyValidator v = BodyValidator.forObject(body);
        String vendorKey = v.requiredString("vendorKey");
        String name = v.requiredString("name");
        v.throwIfInvalid();
        SandboxState state = engine.state();
        if (state.vendorsByKey.containsKey(vendorKey)) {
            throw ApiError.conflict("A vendor with this vendorKey already exists");
        }
        Vendor vendor = new Vendor(engine.ids().objectId(), engine.ids().objectId(), vendorKey, name, engine.now());
        state.vendorsByKey.put(vendorKey, vendor);
        return Reply.json(201, Json.object().put("vendorId", vendor.id));
    }

    private Reply createPartner(JsonNode body) {
        BodyValidator v = BodyValidator.forObject(body);
        String vendorKey = v.requiredString("vendorKey");
        String partnerKey = v.requiredString("partnerKey");
        String organizationName = v.requiredString("organizationName");
        List<String> statuses = new ArrayList<>(VendorApi.CURRENT_STATUSES);
        statuses.addAll(VendorApi.LEGACY_STATUSES);
        String status = v.optionalOneOf("status", statuses);
        List<String> clientNames = clientNames(body, v);
        v.throwIfInvalid();
        Vendor vendor = engine.state().vendorsByKey.get(vendorKey);
        if (vendor == null) {
            throw ApiError.notFound("No vendor with that vendorKey");
        }
        if (vendor.integrationsByPartnerKey.containsKey(partnerKey)) {
            throw ApiError.conflict("This vendor already has an integration with that partnerKey");
        }
        Integration integration = new Integration(engine.ids().objectId(), engine.ids().objectId(), vendor,
                organizationName, partnerKey, status == null ? "inactive" : status);
        clientNames.forEach(name -> integration.clients.add(new PsaClient(engine.ids().uuid(), name)));
        vendor.integrationsByPartnerKey.put(partnerKey, integration);
        engine.state().integrationsById.put(integration.id, integration);
        ObjectNode answer = Json.object().put("organizationId", integration.organizationId)
                .put("integrationId", integration.id);
        ArrayNode clients = answer.putArray("clients");
        integration.clients.forEach(c -> clients.add(c.toJson()));
        return Reply.json(201, answer);
    }

    /** {@code clients}: an array of {name} objects (or of plain names). */
    private static List<String> clientNames(JsonNode body, BodyValidator v) {
        JsonNode clients = body.get("clients");
        List<String> names = new ArrayList<>();
        if (clients == null || clients.isNull()) {
            return names;
        }
        if (!clients.isArray()) {
            v.fail("clients must be an array");
            return names;
        }
        for (int i = 0; i < clients.size(); i++) {
            JsonNode client = clients.get(i);
            JsonNode name = client.isObject() ? client.get("name") : client;
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                v.fail("clients." + i + ".name must be a non-empty string");
            } else {
                names.add(name.asText());
            }
        }
        return names;
    }

    private Reply addClient(Integration integration, JsonNode body) {
        BodyValidator v = BodyValidator.forObject(body);
        String name = v.requiredString("name");
        v.throwIfInvalid();
        PsaClient client = new PsaClient(engine.ids().uuid(), name);
        integration.clients.add(client);
        return Reply.json(201, client.toJson());
    }

    // ---------------------------------------------------------------- the MSP's side

    private Reply mapAccount(Integration integration, String accountId, JsonNode body) {
        Account account = account(integration, accountId);
        BodyValidator v = BodyValidator.forObject(body);
        String clientId = v.optionalNonEmptyString("clientId");
        v.throwIfInvalid();
        if (clientId != null) {
            PsaClient client = integration.client(clientId);
            if (client == null) {
                throw ApiError.notFound("No client with id: " + clientId);
            }
            account.clientId = client.id();
        }
        if (account.mappingId == null) {
            account.mappingId = engine.ids().objectId();
        }
        ObjectNode answer = Json.object().put("accountId", account.id).put("mappingId", account.mappingId);
        return Reply.json(200, answer.put("clientId", account.clientId));
    }

    private Reply unmapAccount(Integration integration, String accountId) {
        Account account = account(integration, accountId);
        account.mappingId = null;
        account.clientId = null;
        return Reply.json(200, Json.object().put("accountId", account.id).put("isMapped", false));
    }

    private static Account account(Integration integration, String accountId) {
        Account account = integration.accounts.get(accountId);
        if (account == null) {
            throw ApiError.notFound("No account with id: " + accountId);
        }
        return account;
    }

    /** A SKU id, an organization service's internal id, or an organization service's vendor-chosen id. */
    private Reply mapService(Integration integration, String serviceId, boolean map) {
        String resolved = integration.resolveServiceId(serviceId);
        if (resolved == null) {
            OrgService byVendorId = integration.orgServices.get(serviceId);
            resolved = byVendorId == null ? null : byVendorId.internalId;
        }
        if (resolved == null) {
            throw ApiError.notFound("No service with id: " + serviceId);
        }
        if (map) {
            integration.serviceMappings.computeIfAbsent(resolved, id -> engine.ids().objectId());
        } else {
            integration.serviceMappings.remove(resolved);
        }
        ObjectNode answer = Json.object().put("serviceId", resolved).put("isMapped", map);
        Json.putIfNotNull(answer, "mappingId", integration.serviceMappings.get(resolved));
        return Reply.json(200, answer);
    }

    /** What Gradient does when the MSP disconnects: accounts, mappings and counts are gone; status inactive. */
    private Reply disconnect(Integration integration) {
        integration.accounts.clear();
        integration.serviceMappings.clear();
        integration.autoMapSeen.clear();
        integration.counts.clear();
        integration.rebuildDueAt = null;
        integration.status = "inactive";
        return Reply.json(200, Views.integration(integration));
    }

    /** The old partner key stops working at once; accounts, mappings and counts survive. */
    private Reply regenerateKey(Integration integration, JsonNode body) {
        BodyValidator v = BodyValidator.forObject(body);
        String newPartnerKey = v.requiredString("newPartnerKey");
        v.throwIfInvalid();
        Map<String, Integration> byKey = integration.vendor.integrationsByPartnerKey;
        Integration holder = byKey.get(newPartnerKey);
        if (holder != null && holder != integration) {
            throw ApiError.conflict("This vendor already has an integration with that partnerKey");
        }
        byKey.remove(integration.partnerKey);
        integration.partnerKey = newPartnerKey;
        byKey.put(newPartnerKey, integration);
        return Reply.json(200, Json.object().put("integrationId", integration.id).put("ok", true));
    }

    private Reply resolveAlert(String messageId, JsonNode body) {
        Alert alert = engine.state().alertsByMessageId.get(messageId);
        if (alert == null) {
            throw ApiError.notFound("No alert with messageId: " + messageId);
        }
        BodyValidator v = BodyValidator.forObject(body);
        String status = v.requiredOneOf("status", List.of("success", "failed"));
        String ticketId = v.optionalNonEmptyString("ticketId");
        Integer statusCode = v.has("statusCode") ? v.optionalIntInRange("statusCode", 100, 599, 0) : null;
        List<String> errors = stringArray(body, "errors", v);
        v.throwIfInvalid();
        alert.status = status;
        if (status.equals("success")) {
            alert.ticketId = ticketId != null ? ticketId
                    : "T" + TICKET_DAY.format(engine.now()) + "." + String.format(Locale.ROOT, "%04d", ++ticketCounter);
            alert.statusCode = null;
            alert.errors = List.of();
            alert.message = "Ticket created";
        } else {
            alert.ticketId = null;
            alert.statusCode = statusCode;
            alert.errors = errors;
            alert.message = "Ticket creation failed";
        }
        return Reply.json(200, Views.alertDebug(alert));
    }

    private static List<String> stringArray(JsonNode body, String field, BodyValidator v) {
        JsonNode array = body.get(field);
        List<String> values = new ArrayList<>();
        if (array == null || array.isNull()) {
            return values;
        }
        if (!array.isArray()) {
            v.fail(field + " must be an array of strings");
            return values;
        }
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                v.fail(field + " must be an array of strings");
                return values;
            }
            values.add(item.asText());
        }
        return values;
    }

    // ---------------------------------------------------------------- inspection

    private Reply requests(SandboxRequest request) {
        String since = request.queryFirst("since");
        long after;
        try {
            after = since == null ? 0 : Long.parseLong(since);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("since must be a request sequence number");
        }
        ArrayNode array = Json.array();
        engine.requestLog().since(after).forEach(r -> array.add(r.toJson()));
        return Reply.json(200, array);
    }

    private Reply clearRequests() {
        engine.requestLog().clear();
        return Reply.json(200, ok());
    }

    private Reply counts() {
        ArrayNode array = Json.array();
        for (Integration integration : engine.state().integrationsById.values()) {
            countsOf(integration).forEach(c -> array.add(c.toJson()));
        }
        return Reply.json(200, array);
    }

    static List<UnitCount> countsOf(Integration integration) {
        List<UnitCount> counts = new ArrayList<>();
        for (Map.Entry<CountKey, Count> entry : integration.counts.entrySet()) {
            CountKey key = entry.getKey();
            counts.add(new UnitCount(integration.id, integration.organizationName, key.serviceId(),
                    integration.serviceName(key.serviceId()), key.accountId(), entry.getValue().value,
                    entry.getValue().updatedAt));
        }
        return counts;
    }

    private Reply rebuilds() {
        ArrayNode array = Json.array();
        engine.state().integrationsById.values().forEach(i -> array.add(rebuild(i).toJson()));
        return Reply.json(200, array);
    }

    private static RebuildCount rebuild(Integration integration) {
        return new RebuildCount(integration.id, integration.organizationName, integration.rebuilds,
                integration.rebuildDueAt != null, integration.rebuildDueAt, integration.lastRebuildAt);
    }

    /** The whole sandbox, minus vendor and partner keys. */
    private ObjectNode state() {
        ObjectNode root = Json.object().put("now", Json.time(engine.now()));
        root.set("config", engine.config().toJson());
        root.set("faults", faultsView());
        ArrayNode vendors = root.putArray("vendors");
        for (Vendor vendor : engine.state().vendorsByKey.values()) {
            ObjectNode vendorNode = Views.vendor(vendor, null);
            ArrayNode integrations = vendorNode.putArray("integrations");
            engine.state().integrationsById.values().stream().filter(i -> i.vendor == vendor)
                    .forEach(i -> integrations.add(integrationState(i)));
            vendors.add(vendorNode);
        }
        return root;
    }

    private ObjectNode integrationState(Integration integration) {
        ObjectNode node = Views.integration(integration);
        ArrayNode accounts = node.putArray("accounts");
        integration.accounts.values().forEach(a -> accounts.add(Views.account(a).put("clientId", a.clientId)));
        ArrayNode orgServices = node.putArray("orgServices");
        integration.orgServices.values().forEach(s -> orgServices.add(Views.orgService(integration, s)));
        ArrayNode mappings = node.putArray("serviceMappings");
        integration.serviceMappings.forEach((serviceId, mappingId) -> mappings.addObject()
                .put("serviceId", serviceId).put("serviceName", integration.serviceName(serviceId))
                .put("mappingId", mappingId));
        ArrayNode counts = node.putArray("counts");
        countsOf(integration).forEach(c -> counts.add(c.toJson()));
        ArrayNode clients = node.putArray("clients");
        integration.clients.forEach(c -> clients.add(c.toJson()));
        node.set("rebuild", rebuild(integration).toJson());
        ArrayNode alerts = node.putArray("alerts");
        engine.state().alertsByMessageId.values().stream().filter(a -> a.integrationId.equals(integration.id))
                .forEach(a -> alerts.add(Views.alertDebug(a).put("alertId", a.alertId).put("accountId", a.accountId)
                        .put("title", a.title).put("priority", a.priority).put("ticketStatus", a.ticketStatus)));
        return node;
    }

    // ---------------------------------------------------------------- misbehaviour and settings

    private ObjectNode faultsView() {
        FaultInjector faults = engine.faults();
        ObjectNode node = Json.object();
        node.set("plan", faults.plan().toJson());
        return node.put("scriptedRemaining", faults.scriptedRemaining())
                .put("outageUntil", Json.time(faults.outageUntil()));
    }

    private Reply faults(JsonNode body) {
        BodyValidator v = BodyValidator.forObject(body);
        v.throwIfInvalid();
        FaultPlan plan;
        try {
            FaultPlan.Builder builder = FaultPlan.builder();
            doubleField(body, "rate429", builder::rate429);
            intField(body, "retryAfterSeconds", builder::retryAfterSeconds);
            doubleField(body, "rate5xx", builder::rate5xx);
            intField(body, "status5xx", builder::status5xx);
            doubleField(body, "slowRate", builder::slowRate);
            intField(body, "slowMillis", builder::slowMillis);
            doubleField(body, "dropRate", builder::dropRate);
            intField(body, "outageSeconds", builder::outageSeconds);
            if (body.hasNonNull("outageMode")) {
                builder.outageMode(body.get("outageMode").asText());
            }
            if (body.hasNonNull("seed")) {
                requireNumber(body, "seed");
                builder.seed(body.get("seed").asLong());
            }
            builder.next(scripted(body.get("next")));
            plan = builder.build();
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        engine.faults().apply(plan, engine.now());
        return Reply.json(200, faultsView());
    }

    private static List<ScriptedFault> scripted(JsonNode next) {
        List<ScriptedFault> faults = new ArrayList<>();
        if (next == null || next.isNull()) {
            return faults;
        }
        if (!next.isArray()) {
            throw new IllegalArgumentException("next must be an array");
        }
        for (JsonNode item : next) {
            if (!item.isObject() || !item.hasNonNull("kind")) {
                throw new IllegalArgumentException("next items must be objects with a kind");
            }
            Integer retryAfter = item.hasNonNull("retryAfterSeconds") ? requireNumber(item, "retryAfterSeconds")
                    .intValue() : null;
            Integer millis = item.hasNonNull("millis") ? requireNumber(item, "millis").intValue() : null;
            faults.add(new ScriptedFault(item.get("kind").asText(), retryAfter, millis));
        }
        return faults;
    }

    private Reply clearFaults() {
        engine.faults().clear();
        return Reply.json(200, faultsView());
    }

    private Reply config(JsonNode body) {
        BodyValidator v = BodyValidator.forObject(body);
        v.throwIfInvalid();
        SandboxConfig current = engine.config();
        try {
            SandboxConfig updated = new SandboxConfig(
                    body.hasNonNull("rateLimitPerSecond") ? requireNumber(body, "rateLimitPerSecond").intValue()
                            : current.rateLimitPerSecond(),
                    body.hasNonNull("deltaRoutesEnabled") ? requireBoolean(body, "deltaRoutesEnabled")
                            : current.deltaRoutesEnabled(),
                    body.hasNonNull("clientsPageSize") ? requireNumber(body, "clientsPageSize").intValue()
                            : current.clientsPageSize(),
                    body.hasNonNull("rebuildQuietMillis") ? requireNumber(body, "rebuildQuietMillis").longValue()
                            : current.rebuildQuietMillis(),
                    body.hasNonNull("legacyStatusesAccepted") ? requireBoolean(body, "legacyStatusesAccepted")
                            : current.legacyStatusesAccepted(),
                    body.hasNonNull("retryAfterOnRateLimit") ? requireBoolean(body, "retryAfterOnRateLimit")
                            : current.retryAfterOnRateLimit(),
                    body.hasNonNull("alertResolveMillis") ? requireNumber(body, "alertResolveMillis").longValue()
                            : current.alertResolveMillis(),
                    body.hasNonNull("alertFailRate") ? requireNumber(body, "alertFailRate").doubleValue()
                            : current.alertFailRate(),
                    body.hasNonNull("alertPendingRate") ? requireNumber(body, "alertPendingRate").doubleValue()
                            : current.alertPendingRate(),
                    body.hasNonNull("alertSeed") ? requireNumber(body, "alertSeed").longValue()
                            : current.alertSeed(),
                    body.hasNonNull("responseLatencyMillis") ? requireNumber(body, "responseLatencyMillis").intValue()
                            : current.responseLatencyMillis());
            engine.config(updated);
            return Reply.json(200, updated.toJson());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private static JsonNode requireNumber(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (!value.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return value;
    }

    private static boolean requireBoolean(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(field + " must be a boolean value");
        }
        return value.asBoolean();
    }

    private static void doubleField(JsonNode body, String field, java.util.function.DoubleConsumer setter) {
        if (body.hasNonNull(field)) {
            setter.accept(requireNumber(body, field).doubleValue());
        }
    }

    private static void intField(JsonNode body, String field, java.util.function.IntConsumer setter) {
        if (body.hasNonNull(field)) {
            setter.accept(requireNumber(body, field).intValue());
        }
    }
}
