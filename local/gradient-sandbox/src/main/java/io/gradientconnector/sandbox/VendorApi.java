package io.gradientconnector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.gradientconnector.sandbox.SandboxState.Account;
import io.gradientconnector.sandbox.SandboxState.Alert;
import io.gradientconnector.sandbox.SandboxState.Count;
import io.gradientconnector.sandbox.SandboxState.CountKey;
import io.gradientconnector.sandbox.SandboxState.Integration;
import io.gradientconnector.sandbox.SandboxState.OrgService;
import io.gradientconnector.sandbox.SandboxState.Sku;
import io.gradientconnector.sandbox.SandboxState.Vendor;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Vendor API routes of docs/GRADIENT-API.md (and the bulk updates) plus the optional delta routes, as strict as the
 * contract allows: route match (unknown → 404 "Cannot METHOD path"), then the token (401), then input validation
 * (400), then state checks (404/409). Every method runs under the engine lock, so it is not thread-safe on its own.
 */
final class VendorApi {

    static final String PREFIX = "/api/vendor-api";

    static final List<String> CATEGORIES = List.of("security", "backup", "productivity", "infrastructure",
            "service delivery", "consulting", "other");

    static final List<String> SUBCATEGORIES = List.of("endpoint detection and response (EDR)", "email security",
            "virtual private network services (VPN)", "DNS filtering", "dark web monitoring", "password management",
            "single sign on (SSO)", "priviledged access and identity management (PAM/PIM)",
            "security information and event management (SIEM)", "mobile device management (MDM)",
            "application security", "mobile application management (MAM)", "multi factor authentication (MFA)",
            "cloud backup", "local backup", "desktop backup", "data archiving", "physical offsite storage",
            "business continuity", "hosted email", "video conferencing", "voice over IP services (VOIP)",
            "line of business application support", "unified communications as a service (UCaaS)",
            "customer relationship management", "cloud storage", "website hosting",
            "hardware as a service (HaaS)", "managed print services", "virtual desktop infrastructure (VDI)",
            "virtual server hosting", "infrastructure as a service (IaaS)", "end user support",
            "server management and support", "network management and support", "printer management and support",
            "desktop management and support", "hosted security operations centre (SOC)", "software development",
            "penetration testing", "project services", "governance and compliance",
            "business intelligence services / analytics", "phishing simulation",
            "privacy and security awareness training", "other");

    static final List<String> CURRENT_STATUSES = List.of("inactive", "pending", "active");
    static final List<String> LEGACY_STATUSES = List.of("disabled", "error");

    static final String INVALID_ID = "You have provided an invalid Id type";
    static final String DUPLICATE_ID = "A resource with this Id already exists.";

    private static final Pattern ID_ARRAY_KEY = Pattern.compile("(\\w+)(\\[\\d*\\])?");

    /** Filled during handling so the request log can name the integration; never holds the token. */
    static final class Context {
        String integrationId;
    }

    private record Call(SandboxRequest request, List<String> segments, Integration integration, Instant now) {
        String segment(int index) {
            return segments.get(index);
        }
    }

    @FunctionalInterface
    private interface Handler {
        Reply handle(Call call);
    }

    private final SandboxEngine engine;

    VendorApi(SandboxEngine engine) {
        this.engine = engine;
    }

    Reply handle(SandboxRequest request, Instant now, Context context) {
        String path = request.rawPath();
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            throw routeNotFound(request);
        }
        List<String> segments = request.segmentsAfter(PREFIX);
        Handler handler = match(request.method(), segments);
        if (handler == null) {
            throw routeNotFound(request);
        }
        Integration integration = authenticate(request);
        context.integrationId = integration.id;
        Reply reply = handler.handle(new Call(request, segments, integration, now));
        engine.autoMapNew(integration);
        return reply;
    }

    static ApiError routeNotFound(SandboxRequest request) {
        return ApiError.notFound("Cannot " + request.method() + " " + request.rawPath());
    }

    private Handler match(String method, List<String> s) {
        int n = s.size();
        if (n == 0) {
            return switch (method) {
                case "GET" -> this::getVendor;
                case "PATCH" -> this::updateVendor;
                default -> null;
            };
        }
        return switch (s.get(0)) {
            case "service" -> matchService(method, s);
            case "organization" -> matchOrganization(method, s);
            case "alerting" -> {
                if (n == 2 && method.equals("POST")) {
                    yield this::createAlert;
                }
                yield n == 3 && s.get(1).equals("debug") && method.equals("GET") ? this::getAlert : null;
            }
            default -> null;
        };
    }

    private Handler matchService(String method, List<String> s) {
        int n = s.size();
        if (n == 1) {
            return method.equals("POST") ? this::createSku : null;
        }
        if (n == 2) {
            return switch (method) {
                case "GET" -> this::getSku;
                case "PATCH" -> this::updateSku;
                default -> null;
            };
        }
        if (!s.get(2).equals("count")) {
            return null;
        }
        if (n == 3) {
            return method.equals("POST") ? call -> count(call, CountOp.SET) : null;
        }
        if (n == 4 && method.equals("PATCH") && engine.config().deltaRoutesEnabled()) {
            return switch (s.get(3)) {
                case "add" -> call -> count(call, CountOp.ADD);
                case "subtract" -> call -> count(call, CountOp.SUBTRACT);
                default -> null;
            };
        }
        return null;
    }

    private Handler matchOrganization(String method, List<String> s) {
        int n = s.size();
        if (n == 1) {
            return method.equals("GET") ? this::getIntegration : null;
        }
        String resource = s.get(1);
        if (n == 3 && resource.equals("status")) {
            return method.equals("PATCH") ? this::updateStatus : null;
        }
        if (n == 2 && resource.equals("clients")) {
            return method.equals("GET") ? this::getClients : null;
        }
        if (resource.equals("accounts")) {
            if (n == 2) {
                return switch (method) {
                    case "POST" -> this::createAccounts;
                    case "GET" -> this::listAccounts;
                    case "PATCH" -> this::updateAccounts;
                    default -> null;
                };
            }
            return n == 3 && method.equals("PATCH") ? this::updateAccount : null;
        }
        if (resource.equals("services")) {
            if (n == 2) {
                return switch (method) {
                    case "POST" -> this::createOrgServices;
                    case "GET" -> this::listOrgServices;
                    case "PATCH" -> this::updateOrgServices;
                    default -> null;
                };
            }
            return n == 3 && method.equals("PATCH") ? this::updateOrgService : null;
        }
        return null;
    }

    // ---------------------------------------------------------------- auth

    /** GRADIENT-TOKEN (any casing) = Base64("vendorKey:partnerKey"). Messages never contain the token or keys. */
    private Integration authenticate(SandboxRequest request) {
        String token = request.headers().getFirst("GRADIENT-TOKEN");
        if (token == null || token.isBlank()) {
            throw ApiError.unauthorized("Missing GRADIENT-TOKEN header");
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(token.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.unauthorized("GRADIENT-TOKEN is not valid Base64");
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            throw ApiError.unauthorized("GRADIENT-TOKEN must be Base64 of vendorApiKey:partnerApiKey");
        }
        Vendor vendor = engine.state().vendorsByKey.get(pair.substring(0, colon));
        if (vendor == null) {
            throw ApiError.unauthorized("Invalid vendor API key");
        }
        Integration integration = vendor.integrationsByPartnerKey.get(pair.substring(colon + 1));
        if (integration == null) {
            throw ApiError.unauthorized("Invalid partner API key");
        }
        return integration;
    }

    // ---------------------------------------------------------------- vendor and SKUs

    private Reply getVendor(Call call) {
        return Reply.json(200, Views.envelope(200, "Success - Retrieved Vendor",
                Views.vendor(call.integration().vendor, null)));
    }

    private Reply updateVendor(Call call) {
        BodyValidator v = BodyValidator.forObject(objectBody(call));
        String name = v.optionalNonEmptyString("name");
        String description = v.optionalString("description");
        String supportPage = v.optionalString("vendorSupportPageUrl");
        String portal = v.optionalString("integrationPortalUrl");
        if (!v.has("name") && !v.has("description") && !v.has("vendorSupportPageUrl")
                && !v.has("integrationPortalUrl")) {
            v.fail("at least one of name, description, vendorSupportPageUrl, integrationPortalUrl must be provided");
        }
        v.throwIfInvalid();
        Vendor vendor = call.integration().vendor;
        if (name != null) {
            vendor.name = name;
        }
        if (description != null) {
            vendor.description = description;
        }
        if (supportPage != null) {
            vendor.vendorSupportPageUrl = supportPage;
        }
        if (portal != null) {
            vendor.integrationPortalUrl = portal;
        }
        touch(vendor, call.now());
        return Reply.json(200, Views.envelope(200, "Success - Updated Vendor", Views.vendor(vendor, null)));
    }

    private Reply createSku(Call call) {
        BodyValidator v = BodyValidator.forObject(objectBody(call));
        String name = v.requiredString("name");
        String description = v.requiredString("description");
        String category = v.requiredOneOf("category", CATEGORIES);
        String subcategory = v.requiredOneOf("subcategory", SUBCATEGORIES);
        String supportArticle = v.optionalString("supportArticle");
        String supportContact = v.optionalString("supportContact");
        v.throwIfInvalid();
        Vendor vendor = call.integration().vendor;
        Sku sku = new Sku(engine.ids().objectId());
        sku.name = name;
        sku.description = description;
        sku.category = category;
        sku.subcategory = subcategory;
        sku.supportArticle = supportArticle;
        sku.supportContact = supportContact;
        vendor.skus.put(sku.id, sku);
        touch(vendor, call.now());
        return Reply.json(201, Views.vendor(vendor, null));
    }

    private Reply getSku(Call call) {
        Sku sku = sku(call);
        return Reply.json(200, Views.envelope(200, "Success - Retrieved Service",
                Views.vendor(call.integration().vendor, sku.id)));
    }

    /** The SDK sends no body here; any subset of the create fields is accepted (UNCONFIRMED upstream). */
    private Reply updateSku(Call call) {
        Sku sku = sku(call);
        BodyValidator v = BodyValidator.forObject(objectBody(call));
        String name = v.optionalNonEmptyString("name");
        String description = v.optionalString("description");
        String category = v.optionalOneOf("category", CATEGORIES);
        String subcategory = v.optionalOneOf("subcategory", SUBCATEGORIES);
        String supportArticle = v.optionalString("supportArticle");
        String supportContact = v.optionalString("supportContact");
        v.throwIfInvalid();
        sku.name = name != null ? name : sku.name;
        sku.description = description != null ? description : sku.description;
        sku.category = category != null ? category : sku.category;
        sku.subcategory = subcategory != null ? subcategory : sku.subcategory;
        sku.supportArticle = supportArticle != null ? supportArticle : sku.supportArticle;
        sku.supportContact = supportContact != null ? supportContact : sku.supportContact;
        Vendor vendor = call.integration().vendor;
        touch(vendor, call.now());
        return Reply.json(200, Views.envelope(200, "Success - Updated Service", Views.vendor(vendor, sku.id)));
    }

    private Sku sku(Call call) {
        String serviceId = call.segment(1);
        if (!Ids.isObjectId(serviceId)) {
            throw ApiError.badRequest(INVALID_ID);
        }
        Sku sku = call.integration().vendor.skus.get(serviceId.toLowerCase(Locale.ROOT));
        if (sku == null) {
            throw ApiError.notFound("Service not found with id: " + serviceId);
        }
        return sku;
    }

    private static void touch(Vendor vendor, Instant now) {
        vendor.updatedAt = now;
        vendor.version++;
    }

    // ---------------------------------------------------------------- integration

    private Reply getIntegration(Call call) {
        return Reply.json(200, Views.integration(call.integration()));
    }

    /** Case-sensitive; any body (none, {}, anything) is ignored, as the SDK sends none and the CLI sends {}. */
    private Reply updateStatus(Call call) {
        String status = call.segment(2);
        List<String> allowed = new ArrayList<>(CURRENT_STATUSES);
        if (engine.config().legacyStatusesAccepted()) {
            allowed.addAll(LEGACY_STATUSES);
        }
        if (!allowed.contains(status)) {
            throw ApiError.badRequest("status must be one of the following values: " + String.join(", ", allowed));
        }
        Integration integration = call.integration();
        integration.status = status;
        return Reply.json(200, Views.envelope(200, "Success - Updated Integration Status",
                Views.integration(integration)));
    }

    /** Keyset pagination in id order: a page holds the clients whose id sorts after {@code previousId}. */
    private Reply getClients(Call call) {
        String search = call.request().queryFirst("search");
        String previousId = call.request().queryFirst("previousId");
        if (previousId != null && !previousId.isEmpty() && !Ids.isUuid(previousId)) {
            throw ApiError.badRequest("previousId must be a UUID");
        }
        int pageSize = engine.config().clientsPageSize();
        String needle = search == null ? "" : search.toLowerCase(Locale.ROOT);
        String after = previousId == null ? "" : previousId.toLowerCase(Locale.ROOT);
        ArrayNode clients = Json.array();
        call.integration().clients.stream()
                .sorted(Comparator.comparing(c -> c.id().toLowerCase(Locale.ROOT)))
                .filter(c -> c.name().toLowerCase(Locale.ROOT).contains(needle))
                .filter(c -> c.id().toLowerCase(Locale.ROOT).compareTo(after) > 0)
                .limit(pageSize)
                .forEach(c -> clients.add(c.toJson()));
        var body = Json.object();
        body.putObject("meta").put("pageSize", pageSize);
        body.set("clients", clients);
        return Reply.json(200, body);
    }

    // ---------------------------------------------------------------- accounts

    /** All or nothing: one invalid item is a 400, one duplicate id (stored or repeated in the body) a 409. */
    private Reply createAccounts(Call call) {
        JsonNode body = arrayBody(call);
        BodyValidator v = BodyValidator.forArray();
        record NewAccount(String id, String name, String description, Boolean isArrears) {
        }
        List<NewAccount> items = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            BodyValidator item = v.element(body.get(i), i);
            items.add(new NewAccount(item.requiredString("id"), item.requiredString("name"),
                    item.optionalString("description"), item.optionalBoolean("isArrears")));
        }
        v.throwIfInvalid();
        Integration integration = call.integration();
        Set<String> seen = new HashSet<>();
        for (NewAccount item : items) {
            if (!seen.add(item.id()) || integration.accounts.containsKey(item.id())) {
                throw ApiError.conflict(DUPLICATE_ID);
            }
        }
        ArrayNode created = Json.array();
        for (NewAccount item : items) {
            Account account = new Account(item.id(), item.name(), item.description() == null ? "" : item.description());
            account.isArrears = Boolean.TRUE.equals(item.isArrears());
            integration.accounts.put(account.id, account);
            created.add(Views.accountWritten(account));
        }
        return Reply.json(201, created);
    }

    private Reply listAccounts(Call call) {
        Set<String> ids = idFilter(call.request(), "accountIds");
        boolean returnUnmapped = booleanQuery(call.request(), "returnUnmapped", true);
        ArrayNode accounts = Json.array();
        call.integration().accounts.values().stream()
                .filter(a -> ids.isEmpty() || ids.contains(a.id))
                .filter(a -> returnUnmapped || a.isMapped())
                .forEach(a -> accounts.add(Views.account(a)));
        return Reply.json(200, accounts);
    }

    private Reply updateAccount(Call call) {
        String accountId = call.segment(2);
        Account account = call.integration().accounts.get(accountId);
        if (account == null) {
            throw ApiError.notFound("Account not found with id: " + accountId);
        }
        BodyValidator v = BodyValidator.forObject(objectBody(call));
        AccountChange change = accountChange(v, accountId);
        v.throwIfInvalid();
        change.applyTo(account);
        return Reply.json(200, Views.accountWritten(account));
    }

    /** Bulk update (CLI only, shape UNCONFIRMED): an array of {id, ...} or one such object; all ids must exist. */
    private Reply updateAccounts(Call call) {
        List<JsonNode> elements = arrayOrObjectBody(call);
        BodyValidator v = BodyValidator.forArray();
        List<AccountChange> changes = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            BodyValidator item = v.element(elements.get(i), i);
            changes.add(accountChange(item, null));
        }
        v.throwIfInvalid();
        Integration integration = call.integration();
        for (AccountChange change : changes) {
            if (!integration.accounts.containsKey(change.id())) {
                throw ApiError.notFound("Account not found with id: " + change.id());
            }
        }
        ArrayNode updated = Json.array();
        for (AccountChange change : changes) {
            Account account = integration.accounts.get(change.id());
            change.applyTo(account);
            updated.add(Views.accountWritten(account));
        }
        return Reply.json(200, updated);
    }

    private record AccountChange(String id, String name, String description, Boolean isActive, Boolean isArrears) {
        void applyTo(Account account) {
            account.name = name != null ? name : account.name;
            account.description = description != null ? description : account.description;
            account.isActive = isActive != null ? isActive : account.isActive;
            account.isArrears = isArrears != null ? isArrears : account.isArrears;
        }
    }

    /** {@code pathId} non-null: body id optional but must match it; null: body id required (bulk). */
    private static AccountChange accountChange(BodyValidator v, String pathId) {
        String id;
        if (pathId == null) {
            id = v.requiredString("id");
        } else {
            String bodyId = v.optionalString("id");
            if (bodyId != null && !bodyId.equals(pathId)) {
                v.fail("id must match the id in the path");
            }
            id = pathId;
        }
        return new AccountChange(id, v.optionalNonEmptyString("name"), v.optionalString("description"),
                v.optionalBoolean("isActive"), v.optionalBoolean("isArrears"));
    }

    // ---------------------------------------------------------------- organization services

    private Reply createOrgServices(Call call) {
        JsonNode body = arrayBody(call);
        BodyValidator v = BodyValidator.forArray();
        record NewService(String id, String name, String description) {
        }
        List<NewService> items = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            BodyValidator item = v.element(body.get(i), i);
            items.add(new NewService(item.requiredString("id"), item.requiredString("name"),
                    item.requiredStringAllowEmpty("description")));
        }
        v.throwIfInvalid();
        Integration integration = call.integration();
        Set<String> seen = new HashSet<>();
        for (NewService item : items) {
            if (!seen.add(item.id()) || integration.orgServices.containsKey(item.id())) {
                throw ApiError.conflict(DUPLICATE_ID);
            }
        }
        ArrayNode created = Json.array();
        for (NewService item : items) {
            OrgService service = new OrgService(item.id(), engine.ids().objectId(), item.name(), item.description());
            integration.orgServices.put(service.id, service);
            created.add(Views.orgService(integration, service));
        }
        return Reply.json(201, created);
    }

    private Reply listOrgServices(Call call) {
        Set<String> ids = idFilter(call.request(), "serviceIds");
        boolean returnUnmapped = booleanQuery(call.request(), "returnUnmapped", true);
        Integration integration = call.integration();
        ArrayNode services = Json.array();
        integration.orgServices.values().stream()
                .filter(s -> ids.isEmpty() || ids.contains(s.id))
                .filter(s -> returnUnmapped || integration.serviceMappings.containsKey(s.internalId))
                .forEach(s -> services.add(Views.orgService(integration, s)));
        return Reply.json(200, services);
    }

    private Reply updateOrgService(Call call) {
        String serviceId = call.segment(2);
        Integration integration = call.integration();
        OrgService service = integration.orgServices.get(serviceId);
        if (service == null) {
            throw ApiError.notFound("Service not found with id: " + serviceId);
        }
        BodyValidator v = BodyValidator.forObject(objectBody(call));
        AccountChange change = accountChange(v, serviceId);
        v.throwIfInvalid();
        apply(change, service);
        return Reply.json(200, Views.orgService(integration, service));
    }

    private Reply updateOrgServices(Call call) {
        List<JsonNode> elements = arrayOrObjectBody(call);
        BodyValidator v = BodyValidator.forArray();
        List<AccountChange> changes = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            changes.add(accountChange(v.element(elements.get(i), i), null));
        }
        v.throwIfInvalid();
        Integration integration = call.integration();
        for (AccountChange change : changes) {
            if (!integration.orgServices.containsKey(change.id())) {
                throw ApiError.notFound("Service not found with id: " + change.id());
            }
        }
        ArrayNode updated = Json.array();
        for (AccountChange change : changes) {
            OrgService service = integration.orgServices.get(change.id());
            apply(change, service);
            updated.add(Views.orgService(integration, service));
        }
        return Reply.json(200, updated);
    }

    private static void apply(AccountChange change, OrgService service) {
        service.name = change.name() != null ? change.name() : service.name;
        service.description = change.description() != null ? change.description() : service.description;
        service.isActive = change.isActive() != null ? change.isActive() : service.isActive;
        service.isArrears = change.isArrears() != null ? change.isArrears() : service.isArrears;
    }

    // ---------------------------------------------------------------- counts (set + delta routes)

    private enum CountOp { SET, ADD, SUBTRACT }

    private Reply count(Call call, CountOp op) {
        String rawServiceId = call.segment(1);
        if (!Ids.isObjectId(rawServiceId)) {
            throw ApiError.badRequest(INVALID_ID);
        }
        boolean noBuild = booleanQuery(call.request(), "no_build", false);
        BodyValidator v = BodyValidator.forObject(objectBody(call));
        String accountId = v.optionalNonEmptyString("accountId");
        String clientOId = v.optionalNonEmptyString("clientOId");
        if (!v.has("accountId") && !v.has("clientOId")) {
            v.fail("accountId should not be empty");
        }
        BigDecimal unitCount = v.requiredNumber("unitCount", op != CountOp.SET);
        v.throwIfInvalid();

        Integration integration = call.integration();
        String shownId = accountId != null ? accountId : clientOId;
        Account account = accountId != null ? integration.accounts.get(accountId)
                : integration.accounts.values().stream()
                        .filter(a -> a.clientId != null && a.clientId.equalsIgnoreCase(clientOId))
                        .findFirst().orElse(null);
        String serviceId = integration.resolveServiceId(rawServiceId);
        if (account == null || !account.isMapped() || serviceId == null
                || !integration.serviceMappings.containsKey(serviceId)) {
            throw ApiError.notFound("No account map found with id: " + shownId);
        }

        Instant now = call.now();
        CountKey key = new CountKey(serviceId, account.id);
        Count current = integration.counts.get(key);
        BigDecimal before = current == null ? BigDecimal.ZERO : current.value;
        BigDecimal after = switch (op) {
            case SET -> unitCount;
            case ADD -> before.add(unitCount);
            case SUBTRACT -> before.subtract(unitCount).max(BigDecimal.ZERO);
        };
        integration.counts.put(key, new Count(Json.normalise(after), now));
        engine.recordSync(integration, now);
        if (!noBuild) {
            integration.rebuildDueAt = now.plusMillis(engine.config().rebuildQuietMillis());
        }
        return switch (op) {
            case SET -> Reply.json(201, Views.status(201, "Success - Created unit count"));
            case ADD -> Reply.json(200, Views.status(200, "Success - Added to unit count"));
            case SUBTRACT -> Reply.json(200, Views.status(200, "Success - Subtracted from unit count"));
        };
    }

    // ---------------------------------------------------------------- alerts

    private Reply createAlert(Call call) {
        String accountId = call.segment(1);
        BodyValidator v = BodyValidator.forObject(objectBody(call));
        String title = v.requiredString("title");
        String description = v.requiredString("description");
        String alertId = v.requiredString("alertId");
        Integer priority = v.optionalIntInRange("priority", 1, 4, 1);
        Integer status = v.optionalIntInRange("status", 1, 6, 1);
        String dueDateTime = v.optionalIsoDateTime("dueDateTime");
        String serviceId = v.optionalString("serviceId");
        v.throwIfInvalid();
        Integration integration = call.integration();
        Account account = integration.accounts.get(accountId);
        if (account == null || !account.isMapped()) {
            throw ApiError.notFound("No account map found with id: " + accountId);
        }
        Alert alert = new Alert(engine.ids().uuid(), alertId, engine.ids().objectId(), integration.id, accountId,
                title, description, priority, status, dueDateTime, serviceId, call.now());
        engine.state().alertsByMessageId.put(alert.messageId, alert);
        engine.planAlert(alert, call.now());
        if (integration.status.equals("pending")) {
            integration.status = "active";
        }
        return Reply.json(201, Views.alertCreated(alert));
    }

    private Reply getAlert(Call call) {
        String messageId = call.segment(2);
        Alert alert = engine.state().alertsByMessageId.get(messageId);
        if (alert == null || !alert.integrationId.equals(call.integration().id)) {
            throw ApiError.notFound("Alert not found with id: " + messageId);
        }
        return Reply.json(200, Views.alertDebug(alert));
    }

    // ---------------------------------------------------------------- input helpers

    /** The body as JSON; no body reads as {} so missing fields are reported field by field. */
    private static JsonNode objectBody(Call call) {
        SandboxRequest request = call.request();
        if (!request.hasBody()) {
            return Json.object();
        }
        requireJsonContent(request);
        return Json.parse(request.body());
    }

    private static JsonNode arrayBody(Call call) {
        SandboxRequest request = call.request();
        if (!request.hasBody()) {
            throw ApiError.validation(List.of("body must be an array"));
        }
        requireJsonContent(request);
        JsonNode body = Json.parse(request.body());
        if (!body.isArray()) {
            throw ApiError.validation(List.of("body must be an array"));
        }
        if (body.isEmpty()) {
            throw ApiError.validation(List.of("body should not be empty"));
        }
        return body;
    }

    private static List<JsonNode> arrayOrObjectBody(Call call) {
        SandboxRequest request = call.request();
        if (!request.hasBody()) {
            throw ApiError.validation(List.of("body must be an array or an object"));
        }
        requireJsonContent(request);
        JsonNode body = Json.parse(request.body());
        if (body.isObject()) {
            return List.of(body);
        }
        if (!body.isArray() || body.isEmpty()) {
            throw ApiError.validation(List.of("body must be a non-empty array or an object"));
        }
        List<JsonNode> elements = new ArrayList<>();
        body.forEach(elements::add);
        return elements;
    }

    private static void requireJsonContent(SandboxRequest request) {
        if (!request.isJsonContent()) {
            throw ApiError.badRequest("Content-Type must be application/json");
        }
    }

    /** true/false in any casing; absent gives the default; anything else is a 400 naming the parameter. */
    private static boolean booleanQuery(SandboxRequest request, String name, boolean defaultValue) {
        String value = request.queryFirst(name);
        if (value == null) {
            return defaultValue;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw ApiError.badRequest(name + " must be a boolean value (true or false)");
    }

    /** {@code name=a&name=b}, {@code name[]=a&name[]=b}, {@code name[0]=a}, or {@code name=a,b}. */
    private static Set<String> idFilter(SandboxRequest request, String name) {
        Set<String> ids = new LinkedHashSet<>();
        Map<String, List<String>> query = new LinkedHashMap<>(request.query());
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            var matcher = ID_ARRAY_KEY.matcher(entry.getKey());
            if (matcher.matches() && matcher.group(1).equals(name)) {
                for (String value : entry.getValue()) {
                    for (String id : value.split(",")) {
                        if (!id.isBlank()) {
                            ids.add(id.trim());
                        }
                    }
                }
            }
        }
        return ids;
    }
}
