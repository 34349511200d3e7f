package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.gradient.AccountQuery;
import io.gradientconnector.port.gradient.AlertCreated;
import io.gradientconnector.port.gradient.AlertRequest;
import io.gradientconnector.port.gradient.AlertStatus;
import io.gradientconnector.port.gradient.Checks;
import io.gradientconnector.port.gradient.ClientsPage;
import io.gradientconnector.port.gradient.ConflictException;
import io.gradientconnector.port.gradient.CountOutcome;
import io.gradientconnector.port.gradient.CreateServiceRequest;
import io.gradientconnector.port.gradient.GradientAccount;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.Integration;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.NewAccount;
import io.gradientconnector.port.gradient.NewOrganizationService;
import io.gradientconnector.port.gradient.NotFoundException;
import io.gradientconnector.port.gradient.OrganizationService;
import io.gradientconnector.port.gradient.OrganizationServiceQuery;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.port.gradient.PsaClient;
import io.gradientconnector.port.gradient.SavedAccount;
import io.gradientconnector.port.gradient.SavedOrganizationService;
import io.gradientconnector.port.gradient.UnexpectedStatusException;
import io.gradientconnector.port.gradient.UpdateAccountRequest;
import io.gradientconnector.port.gradient.UpdateOrganizationServiceRequest;
import io.gradientconnector.port.gradient.UpdateServiceRequest;
import io.gradientconnector.port.gradient.UpdateVendorRequest;
import io.gradientconnector.port.gradient.VendorProfile;
import io.gradientconnector.port.gradient.VendorSku;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link PartnerSession} over HTTP: every Gradient route for one (vendor, partner) key pair. Cheap to create; holds
 * no connection.
 * {@link #withDeadline(Instant)} gives a view whose calls, retries and waits never run past the
 * instant (e.g. a Lambda's remaining time). Failures are {@link GradientException}s, except a 404
 * on a count push, which is {@link CountOutcome.NotMapped}.
 *
 * <p>Immutable and thread-safe.
 */
final class HttpPartnerSession implements PartnerSession {
    static final String VENDOR = "/api/vendor-api";
    static final String SERVICES = VENDOR + "/service";
    static final String SERVICE = SERVICES + "/{serviceId}";
    static final String SET_COUNT = SERVICE + "/count";
    static final String ORGANIZATION = VENDOR + "/organization";
    static final String STATUS = ORGANIZATION + "/status/{status}";
    static final String CLIENTS = ORGANIZATION + "/clients";
    static final String ACCOUNTS = ORGANIZATION + "/accounts";
    static final String ACCOUNT = ACCOUNTS + "/{accountId}";
    static final String ORG_SERVICES = ORGANIZATION + "/services";
    static final String ORG_SERVICE = ORG_SERVICES + "/{serviceId}";
    static final String ALERT = VENDOR + "/alerting/{accountId}";
    static final String ALERT_DEBUG = VENDOR + "/alerting/debug/{messageId}";

    private final RequestExecutor executor;
    /** Sends once (rate limited, never repeated): an alert dispatch retried after a timeout could make two tickets. */
    private final RequestExecutor singleAttempt;
    private final ObjectMapper mapper;
    private final GradientClientOptions options;
    private final GradientCredentials credentials;
    private final Instant deadline;
    private final String correlationId;

    HttpPartnerSession(RequestExecutor executor, RequestExecutor singleAttempt, ObjectMapper mapper,
                       GradientClientOptions options, GradientCredentials credentials, Instant deadline) {
        this(executor, singleAttempt, mapper, options, credentials, deadline, null);
    }

    private HttpPartnerSession(RequestExecutor executor, RequestExecutor singleAttempt, ObjectMapper mapper,
                               GradientClientOptions options, GradientCredentials credentials, Instant deadline,
                               String correlationId) {
        this.executor = executor;
        this.singleAttempt = singleAttempt;
        this.mapper = mapper;
        this.options = options;
        this.credentials = credentials;
        this.deadline = deadline;
        this.correlationId = correlationId;
    }

    /** The same session whose calls (retries and waits included) never run past {@code deadline}. */
    HttpPartnerSession withDeadline(Instant deadline) {
        return new HttpPartnerSession(executor, singleAttempt, mapper, options, credentials,
                Objects.requireNonNull(deadline, "deadline"), correlationId);
    }

    /** Count pushes of the returned session send {@code X-Correlation-Id: correlationId} (every retry the same). */
    @Override
    public HttpPartnerSession withCorrelationId(String correlationId) {
        if (correlationId == null || correlationId.isBlank() || correlationId.length() > 128
                || !correlationId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("correlationId must be 1-128 visible ASCII characters");
        }
        return new HttpPartnerSession(executor, singleAttempt, mapper, options, credentials, deadline, correlationId);
    }

    Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    // ---- vendor and vendor services -------------------------------------------------------------

    /** {@code GET /api/vendor-api}: the vendor and its SKU catalog. */
    @Override
    public VendorProfile getVendor() {
        return fetch(request("GET", VENDOR), VendorProfile.class);
    }

    /** {@code PATCH /api/vendor-api}. */
    @Override
    public VendorProfile updateVendor(UpdateVendorRequest update) {
        return fetch(request("PATCH", VENDOR).body(json(require(update, "update"))), VendorProfile.class);
    }

    /** {@code POST /api/vendor-api/service}: creates a SKU; returns the vendor with its updated catalog. */
    @Override
    public VendorProfile createService(CreateServiceRequest service) {
        return fetch(request("POST", SERVICES).body(json(require(service, "service"))), VendorProfile.class);
    }

    /** {@code GET /api/vendor-api/service/{serviceId}}: the vendor with {@code skus} narrowed to that one. */
    @Override
    public VendorProfile getService(String serviceId) {
        return fetch(request("GET", SERVICE).path("serviceId", id(serviceId, "serviceId")), VendorProfile.class);
    }

    /**
     * {@code PATCH /api/vendor-api/service/{serviceId}} (body UNCONFIRMED upstream). Accepts a SKU, a
     * vendor with {@code skus}, or an empty body (then reads the SKU back with {@link #getService}).
     */
    @Override
    public VendorSku updateService(String serviceId, UpdateServiceRequest update) {
        String id = id(serviceId, "serviceId");
        GradientRequest request = request("PATCH", SERVICE).path("serviceId", id).body(json(require(update, "update"))).build();
        Transport.Response response = executor.execute(request, deadline);
        JsonNode node = body(request, response);
        if (node.isMissingNode() || node.isNull() || (node.isObject() && node.isEmpty())) {
            return getService(id).skuWithId(id).orElseThrow(() -> unreadable(request, response.status(), "service " + id));
        }
        if (node.has("skus")) {
            VendorProfile vendor = convert(request, response.status(), node, VendorProfile.class);
            return vendor.skuWithId(id).orElseThrow(() -> unreadable(request, response.status(), "service " + id));
        }
        return convert(request, response.status(), node, VendorSku.class);
    }

    // ---- the partner's integration ---------------------------------------------------------------

    /** {@code GET /api/vendor-api/organization}: verifies the key pair and returns the integration. */
    @Override
    public Integration getIntegration() {
        return fetch(request("GET", ORGANIZATION), Integration.class);
    }

    /** {@code PATCH /api/vendor-api/organization/status/{status}}, no body. */
    @Override
    public Integration updateStatus(IntegrationStatus status) {
        return fetch(request("PATCH", STATUS).path("status", require(status, "status").wireValue()),
                Integration.class);
    }

    /**
     * {@code GET /api/vendor-api/organization/clients} (deprecated upstream): one keyset page.
     * Both arguments may be null.
     */
    @Override
    public ClientsPage clients(String search, String previousId) {
        GradientRequest request = request("GET", CLIENTS).query("search", search).query("previousId", previousId).build();
        Transport.Response response = executor.execute(request, deadline);
        return clientsPage(request, response.status(), body(request, response));
    }

    // ---- accounts --------------------------------------------------------------------------------

    /**
     * {@code POST /api/vendor-api/organization/accounts} in chunks of {@code accountChunkSize}. A 409
     * on a chunk throws {@link ConflictException} naming the chunk's first index; earlier chunks
     * stay created. Ids must be unique within the call.
     */
    @Override
    public List<SavedAccount> createAccounts(List<NewAccount> accounts) {
        requireUniqueIds(require(accounts, "accounts"), NewAccount::id, "accounts");
        return createInChunks(ACCOUNTS, accounts, SavedAccount.class);
    }

    /** {@code GET /api/vendor-api/organization/accounts}; many ids are fetched in several requests. */
    @Override
    public List<GradientAccount> listAccounts(AccountQuery query) {
        require(query, "query");
        return listInChunks(ACCOUNTS, "accountIds", query.accountIds(), query.returnUnmapped(), GradientAccount.class);
    }

    /** {@code PATCH /api/vendor-api/organization/accounts/{accountId}}. */
    @Override
    public SavedAccount updateAccount(String accountId, UpdateAccountRequest update) {
        return fetch(request("PATCH", ACCOUNT).path("accountId", id(accountId, "accountId"))
                .body(json(require(update, "update"))), SavedAccount.class);
    }

    // ---- organization ("dynamic") services ------------------------------------------------------

    /** {@code POST /api/vendor-api/organization/services}, chunked like {@link #createAccounts}. */
    @Override
    public List<OrganizationService> createOrganizationServices(List<NewOrganizationService> services) {
        requireUniqueIds(require(services, "services"), NewOrganizationService::id, "services");
        return createInChunks(ORG_SERVICES, services, OrganizationService.class);
    }

    /** {@code GET /api/vendor-api/organization/services}. */
    @Override
    public List<OrganizationService> listOrganizationServices(OrganizationServiceQuery query) {
        require(query, "query");
        return listInChunks(ORG_SERVICES, "serviceIds", query.serviceIds(), query.returnUnmapped(),
                OrganizationService.class);
    }

    /** {@code PATCH /api/vendor-api/organization/services/{serviceId}}. */
    @Override
    public SavedOrganizationService updateOrganizationService(String serviceId, UpdateOrganizationServiceRequest update) {
        return fetch(request("PATCH", ORG_SERVICE).path("serviceId", id(serviceId, "serviceId"))
                .body(json(require(update, "update"))), SavedOrganizationService.class);
    }

    // ---- unit counts -----------------------------------------------------------------------------

    /**
     * {@code POST /api/vendor-api/service/{serviceId}/count}: sets (replaces) the count, so it is safe
     * to repeat. {@code noBuild} skips the billing rebuild (send false on the last call of a batch).
     */
    @Override
    public CountOutcome setUnitCount(String serviceId, String accountId, BigDecimal unitCount, boolean noBuild) {
        return pushCount("POST", SET_COUNT, serviceId, accountId, nonNegative(unitCount, "unitCount"), noBuild);
    }

    /** Adds {@code delta} via {@code options.addCountPath} (PATCH; route and body UNCONFIRMED upstream). */
    @Override
    public CountOutcome addToUnitCount(String serviceId, String accountId, BigDecimal delta, boolean noBuild) {
        return pushCount("PATCH", options.addCountPath(), serviceId, accountId, nonNegative(delta, "delta"), noBuild);
    }

    /** Subtracts {@code delta} via {@code options.subtractCountPath} (PATCH; UNCONFIRMED upstream). */
    @Override
    public CountOutcome subtractFromUnitCount(String serviceId, String accountId, BigDecimal delta, boolean noBuild) {
        return pushCount("PATCH", options.subtractCountPath(), serviceId, accountId, nonNegative(delta, "delta"), noBuild);
    }

    // ---- alerts ----------------------------------------------------------------------------------

    /**
     * {@code POST /api/vendor-api/alerting/{accountId}}: queues an alert; poll {@link #alertStatus}. Sent exactly
     * once, never retried here: whether Gradient de-duplicates by {@code alertId} is UNCONFIRMED, so after a timeout a
     * repeat could open a second ticket. The caller decides (app.alerts.AlertDispatch).
     */
    @Override
    public AlertCreated dispatchAlert(String accountId, AlertRequest alert) {
        return fetch(singleAttempt, request("POST", ALERT).path("accountId", id(accountId, "accountId"))
                .body(json(require(alert, "alert"))), AlertCreated.class);
    }

    /** {@code GET /api/vendor-api/alerting/debug/{messageId}}. */
    @Override
    public AlertStatus alertStatus(String messageId) {
        return fetch(request("GET", ALERT_DEBUG).path("messageId", id(messageId, "messageId")), AlertStatus.class);
    }

    @Override
    public String toString() {
        return "HttpPartnerSession[deadline=" + deadline + "]";
    }

    // ---- plumbing --------------------------------------------------------------------------------

    private CountOutcome pushCount(String method, String template, String serviceId, String accountId,
                                   BigDecimal count, boolean noBuild) {
        GradientRequest request = request(method, template)
                .path("serviceId", id(serviceId, "serviceId"))
                .query("no_build", noBuild ? "true" : null)
                .body(json(new UnitCountBody(id(accountId, "accountId"), count)))
                .correlationId(correlationId)
                .build();
        try {
            return new CountOutcome.Applied(executor.execute(request, deadline).status());
        } catch (NotFoundException notFound) {
            // A framework 404 ("Cannot PATCH /api/...") means the route itself is missing, not a mapping.
            if (notFound.gradientMessage().startsWith("Cannot " + method + " ")) {
                throw notFound;
            }
            return new CountOutcome.NotMapped(notFound.gradientMessage());
        }
    }

    private <T> List<T> createInChunks(String template, List<?> items, Class<T> type) {
        List<T> created = new ArrayList<>();
        int chunk = options.accountChunkSize();
        for (int start = 0; start < items.size(); start += chunk) {
            GradientRequest request = request("POST", template)
                    .body(json(items.subList(start, Math.min(items.size(), start + chunk)))).build();
            Transport.Response response;
            try {
                response = executor.execute(request, deadline);
            } catch (ConflictException conflict) {
                throw conflict.withChunkStartIndex(start);
            }
            created.addAll(readList(request, response, type));
        }
        return created;
    }

    private <T> List<T> listInChunks(String template, String idParameter, List<String> ids, Boolean returnUnmapped,
                                     Class<T> type) {
        List<List<String>> groups = new ArrayList<>();
        int chunk = options.accountChunkSize();
        if (ids.isEmpty()) {
            groups.add(List.of());
        }
        for (int start = 0; start < ids.size(); start += chunk) {
            groups.add(ids.subList(start, Math.min(ids.size(), start + chunk)));
        }
        List<T> all = new ArrayList<>();
        for (List<String> group : groups) {
            GradientRequest.Builder builder = request("GET", template);
            group.forEach(id -> builder.query(idParameter, id));
            builder.query("returnUnmapped", returnUnmapped);
            GradientRequest request = builder.build();
            all.addAll(readList(request, executor.execute(request, deadline), type));
        }
        return all;
    }

    private ClientsPage clientsPage(GradientRequest request, int status, JsonNode node) {
        JsonNode items = node.isArray() ? node : node.path("clients");
        if (!items.isArray() && !items.isMissingNode()) {
            throw unreadable(request, status, "ClientsPage");
        }
        List<PsaClient> clients = new ArrayList<>();
        for (JsonNode item : items) {
            if (item.isValueNode()) {
                clients.add(new PsaClient(item.asText(), null, Map.of()));
                continue;
            }
            String id = firstText(item, "id", "_id", "clientOId");
            clients.add(new PsaClient(id, firstText(item, "name"), scalars(item)));
        }
        return new ClientsPage(node.path("meta").isObject() ? scalars(node.path("meta")) : Map.of(), clients);
    }

    private static String firstText(JsonNode item, String... names) {
        for (String name : names) {
            JsonNode value = item.get(name);
            if (value != null && value.isValueNode() && !value.isNull()) {
                return value.asText();
            }
        }
        return null;
    }

    private Map<String, Object> scalars(JsonNode object) {
        Map<String, Object> values = new LinkedHashMap<>();
        object.properties().forEach(field -> {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                return;
            }
            values.put(field.getKey(), value.isValueNode() ? mapper.convertValue(value, Object.class) : value.toString());
        });
        return values;
    }

    private GradientRequest.Builder request(String method, String template) {
        return GradientRequest.builder(method, template, credentials);
    }

    private <T> T fetch(GradientRequest.Builder builder, Class<T> type) {
        return fetch(executor, builder, type);
    }

    private <T> T fetch(RequestExecutor through, GradientRequest.Builder builder, Class<T> type) {
        GradientRequest request = builder.build();
        Transport.Response response = through.execute(request, deadline);
        JsonNode node = body(request, response);
        if (node.isMissingNode() || node.isNull()) {
            throw new UnexpectedStatusException(response.status(), request.route(),
                    "empty response body where " + type.getSimpleName() + " was expected");
        }
        return convert(request, response.status(), node, type);
    }

    private JsonNode body(GradientRequest request, Transport.Response response) {
        try {
            return GradientJson.unwrap(GradientJson.parse(mapper, response.body()));
        } catch (JsonProcessingException notJson) {
            throw new UnexpectedStatusException(response.status(), request.route(), "body is not JSON");
        }
    }

    private <T> T convert(GradientRequest request, int status, JsonNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException unreadable) {
            throw unreadable(request, status, type.getSimpleName());
        }
    }

    private <T> List<T> readList(GradientRequest request, Transport.Response response, Class<T> type) {
        JsonNode node = body(request, response);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        try {
            return mapper.readerForListOf(type).readValue(node);
        } catch (java.io.IOException | IllegalArgumentException unreadable) {
            throw unreadable(request, response.status(), "a list of " + type.getSimpleName());
        }
    }

    private static UnexpectedStatusException unreadable(GradientRequest request, int status, String what) {
        return new UnexpectedStatusException(status, request.route(), "response body could not be read as " + what);
    }

    private byte[] json(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), impossible);
        }
    }

    private static <T> T require(T value, String name) {
        return Objects.requireNonNull(value, name + " is required");
    }

    private static String id(String value, String name) {
        return Checks.required(value, name);
    }

    private static BigDecimal nonNegative(BigDecimal value, String name) {
        require(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value.toPlainString());
        }
        return value;
    }

    private static <T> void requireUniqueIds(List<T> items, java.util.function.Function<T, String> id, String name) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            require(item, name + " entry");
            if (!seen.add(id.apply(item))) {
                throw new IllegalArgumentException(name + " contains the id " + id.apply(item) + " twice");
            }
        }
    }
}
