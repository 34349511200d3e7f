package io.gradientconnector.testing;

import io.gradientconnector.port.gradient.AccountQuery;
import io.gradientconnector.port.gradient.AlertCreated;
import io.gradientconnector.port.gradient.AlertRequest;
import io.gradientconnector.port.gradient.AlertState;
import io.gradientconnector.port.gradient.AlertStatus;
import io.gradientconnector.port.gradient.ClientsPage;
import io.gradientconnector.port.gradient.ConflictException;
import io.gradientconnector.port.gradient.CountOutcome;
import io.gradientconnector.port.gradient.CreateServiceRequest;
import io.gradientconnector.port.gradient.Gradient;
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
import io.gradientconnector.port.gradient.UnauthorizedException;
import io.gradientconnector.port.gradient.UpdateAccountRequest;
import io.gradientconnector.port.gradient.UpdateOrganizationServiceRequest;
import io.gradientconnector.port.gradient.UpdateServiceRequest;
import io.gradientconnector.port.gradient.UpdateVendorRequest;
import io.gradientconnector.port.gradient.VendorProfile;
import io.gradientconnector.port.gradient.VendorSku;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Gradient in memory, for use-case tests: one vendor key, the partner keys it accepts (each with an integration,
 * its accounts, their unit counts and its PSA clients) and the vendor's SKUs. Any other key pair gets 401. An
 * account counts as mapped once {@link #map} says so; every SKU counts as mapped; a count push for anything
 * unmapped or unknown is {@link CountOutcome.NotMapped}. Failures are scripted with {@link #failNext} and
 * {@link #failOn}, each one standing for what the HTTP client throws after its own retries. Every call is
 * recorded (see {@link #calls()}), failed ones included. Deadlines are not modelled. Thread-safe.
 *
 * Alerts are queued as {@code pending} until {@link #resolveAlert}; {@link #loseAnswerOn} makes a call take effect
 * and then fail, as a timeout after Gradient acted does.
 *
 * <p>Not modelled (throw {@link UnsupportedOperationException}): vendor and SKU updates, organization services.
 */
public final class InMemoryGradient implements Gradient {
    public static final String VENDOR = "GET /api/vendor-api";
    public static final String CREATE_SERVICE = "POST /api/vendor-api/service";
    public static final String ORGANIZATION = "GET /api/vendor-api/organization";
    public static final String STATUS = "PATCH /api/vendor-api/organization/status/{status}";
    public static final String CLIENTS = "GET /api/vendor-api/organization/clients";
    public static final String ACCOUNTS = "GET /api/vendor-api/organization/accounts";
    public static final String CREATE_ACCOUNTS = "POST /api/vendor-api/organization/accounts";
    public static final String ACCOUNT = "PATCH /api/vendor-api/organization/accounts/{accountId}";
    public static final String SET_COUNT = "POST /api/vendor-api/service/{serviceId}/count";
    public static final String ADD_COUNT = "PATCH /api/vendor-api/service/{serviceId}/count/add";
    public static final String SUBTRACT_COUNT = "PATCH /api/vendor-api/service/{serviceId}/count/subtract";
    public static final String ALERT = "POST /api/vendor-api/alerting/{accountId}";
    public static final String ALERT_DEBUG = "GET /api/vendor-api/alerting/debug/{messageId}";

    /** One alert Gradient queued: what was sent, and how it stands (pending until {@link #resolveAlert}). */
    public record QueuedAlert(String messageId, String accountId, AlertRequest request, AlertState state,
                              String ticketId, Integer statusCode, List<String> errors) {
    }

    /** A scripted failure: the next call matching it throws {@code failure}; null matches any. */
    private record Scripted(String partnerKey, String route, GradientException failure) {
        boolean matches(String key, String callRoute) {
            return (partnerKey == null || partnerKey.equals(key)) && (route == null || route.equals(callRoute));
        }
    }

    /** What Gradient holds for one integration. */
    private static final class Partner {
        Integration integration;
        final Map<String, GradientAccount> accounts = new LinkedHashMap<>();
        final Map<String, BigDecimal> counts = new HashMap<>(); // "serviceId/accountId"
        List<PsaClient> clients = List.of();
        final Map<String, QueuedAlert> alerts = new LinkedHashMap<>(); // by messageId

        Partner(Integration integration) {
            this.integration = integration;
        }
    }

    private final String vendorKey;
    private final int accountChunkSize;
    private final Map<String, Partner> partners = new HashMap<>();
    private final List<VendorSku> skus = new ArrayList<>();
    private final List<Scripted> failures = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    /** Failures thrown after the call took effect (a timeout after Gradient acted): the answer is lost. */
    private final List<Scripted> lostAnswers = new ArrayList<>();
    private final List<String> callKeys = new ArrayList<>();
    private int next = 1;

    public InMemoryGradient(String vendorKey) {
        this(vendorKey, 100);
    }

    /** {@code accountChunkSize}: accounts per bulk create, as the client's option of that name. */
    public InMemoryGradient(String vendorKey, int accountChunkSize) {
        this.vendorKey = Objects.requireNonNull(vendorKey, "vendorKey");
        if (accountChunkSize < 1) {
            throw new IllegalArgumentException("accountChunkSize must be >= 1");
        }
        this.accountChunkSize = accountChunkSize;
    }

    @Override
    public PartnerSession session(GradientCredentials credentials, Instant deadline) {
        Objects.requireNonNull(deadline, "deadline");
        return new Session(Objects.requireNonNull(credentials, "credentials"));
    }

    @Override
    public int accountChunkSize() {
        return accountChunkSize;
    }

    // ---- arranging -------------------------------------------------------------------------------

    /** Accepts {@code partnerKey} for a fresh integration of {@code organizationName} in {@code status}. */
    public synchronized InMemoryGradient accept(String partnerKey, String organizationName, IntegrationStatus status) {
        int n = next++;
        partners.put(partnerKey, new Partner(new Integration("org-" + n, organizationName, "vendor-1", "AcmeBackup",
                "integration-" + n, status, Instant.parse("1900-01-01T00:00:00Z"))));
        return this;
    }

    /** The MSP regenerated its key: {@code newKey} now reaches the same integration, {@code oldKey} gets 401. */
    public synchronized void regenerate(String oldKey, String newKey) {
        partners.put(newKey, partner(oldKey));
        partners.remove(oldKey);
    }

    public synchronized void clients(String partnerKey, List<PsaClient> list) {
        partner(partnerKey).clients = List.copyOf(list);
    }

    /** A SKU the vendor created earlier; returns its id. */
    public synchronized String addSku(String name) {
        return createSku(name, "").id();
    }

    /** Accounts created earlier (unmapped), e.g. by a previous sync. */
    public synchronized void addAccounts(String partnerKey, String... accountIds) {
        for (String id : accountIds) {
            partner(partnerKey).accounts.put(id, new GradientAccount(id, "Customer " + id, null, false, null));
        }
    }

    /** The MSP maps these accounts of the partner. */
    public synchronized void map(String partnerKey, String... accountIds) {
        Partner partner = partner(partnerKey);
        for (String id : accountIds) {
            GradientAccount a = Objects.requireNonNull(partner.accounts.get(id), "no account " + id);
            partner.accounts.put(id, new GradientAccount(a.id(), a.name(), a.description(), true, "mapping-" + id));
        }
    }

    /** The MSP disconnects upstream: the integration goes inactive and every account (and its counts) is gone. */
    public synchronized void disconnect(String partnerKey) {
        Partner partner = partner(partnerKey);
        Integration i = partner.integration;
        partner.integration = new Integration(i.organizationId(), i.name(), i.vendorId(), i.vendorName(),
                i.integrationId(), IntegrationStatus.INACTIVE, i.lastSyncedAt());
        partner.accounts.clear();
        partner.counts.clear();
    }

    /** The next call of any partner and route fails with each of these in turn. */
    public synchronized void failNext(GradientException... next) {
        for (GradientException failure : next) {
            failures.add(new Scripted(null, null, failure));
        }
    }

    /** The next calls of {@code route} (one of the constants), any partner, fail with each of these in turn. */
    public synchronized void failOn(String route, GradientException... next) {
        failOn(null, route, next);
    }

    /** The next calls of {@code route} by {@code partnerKey} fail with each of these in turn. */
    public synchronized void failOn(String partnerKey, String route, GradientException... next) {
        Objects.requireNonNull(route, "route");
        for (GradientException failure : next) {
            failures.add(new Scripted(partnerKey, route, failure));
        }
    }

    /** The next calls of {@code route} take effect, then fail with each of these in turn (the answer is lost). */
    public synchronized void loseAnswerOn(String route, GradientException... next) {
        Objects.requireNonNull(route, "route");
        for (GradientException failure : next) {
            lostAnswers.add(new Scripted(null, route, failure));
        }
    }

    /** Ends a queued alert: {@code success} with a ticket, or {@code failed} with the PSA's status and errors. */
    public synchronized void resolveAlert(String partnerKey, String messageId, AlertState state, String ticketId,
                                          Integer statusCode, List<String> errors) {
        Partner partner = partner(partnerKey);
        QueuedAlert alert = Objects.requireNonNull(partner.alerts.get(messageId), "no alert with that messageId");
        partner.alerts.put(messageId, new QueuedAlert(messageId, alert.accountId(), alert.request(), state, ticketId,
                statusCode, errors == null ? List.of() : List.copyOf(errors)));
    }

    /** Every alert Gradient queued for the partner, in order (a resent alertId appears twice: two tickets). */
    public synchronized List<QueuedAlert> alerts(String partnerKey) {
        return List.copyOf(partner(partnerKey).alerts.values());
    }

    // ---- observing -------------------------------------------------------------------------------

    /**
     * Each call as a line: {@code "GET organization"}, {@code "PATCH status pending"}, {@code "GET clients"},
     * {@code "GET vendor"}, {@code "POST service <name>"}, {@code "GET accounts"} (or {@code "GET accounts a1,a2"}),
     * {@code "POST accounts a1,a2"} (one per chunk), {@code "PATCH account a1"},
     * {@code "POST count <serviceId> <accountId> <count>"}, {@code "PATCH add ..."}, {@code "PATCH subtract ..."};
     * a count call sent with {@code no_build} ends with {@code " no_build"}.
     */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The recorded calls that start with {@code prefix}, e.g. {@code "POST count"}. */
    public synchronized List<String> calls(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    public synchronized void clearCalls() {
        calls.clear();
        callKeys.clear();
    }

    /** The recorded calls (as {@link #calls()}) that were made with {@code partnerKey}. */
    public synchronized List<String> callsWith(String partnerKey) {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            if (callKeys.get(i).equals(partnerKey)) {
                made.add(calls.get(i));
            }
        }
        return made;
    }

    public synchronized IntegrationStatus status(String partnerKey) {
        return partner(partnerKey).integration.status();
    }

    public synchronized List<VendorSku> skus() {
        return List.copyOf(skus);
    }

    public synchronized List<GradientAccount> accounts(String partnerKey) {
        return List.copyOf(partner(partnerKey).accounts.values());
    }

    /** The count Gradient holds for (SKU, account) of the partner, if any was ever set. */
    public synchronized Optional<BigDecimal> count(String partnerKey, String serviceId, String accountId) {
        return Optional.ofNullable(partner(partnerKey).counts.get(serviceId + "/" + accountId));
    }

    // ---- the calls -------------------------------------------------------------------------------

    private Partner partner(String partnerKey) {
        return Objects.requireNonNull(partners.get(partnerKey), "no partner with that key");
    }

    /** Records the call, throws a scripted failure if one matches, then checks the key pair (401). */
    private Partner call(GradientCredentials credentials, String route, String line) {
        calls.add(line);
        callKeys.add(credentials.partnerKey());
        for (Iterator<Scripted> it = failures.iterator(); it.hasNext(); ) {
            Scripted scripted = it.next();
            if (scripted.matches(credentials.partnerKey(), route)) {
                it.remove();
                throw scripted.failure();
            }
        }
        Partner partner = partners.get(credentials.partnerKey());
        if (!vendorKey.equals(credentials.vendorKey()) || partner == null) {
            throw new UnauthorizedException(route, "Unauthorized");
        }
        return partner;
    }

    private VendorSku createSku(String name, String description) {
        VendorSku sku = new VendorSku("sku-" + (next++), name, description, null, null, null, null, null);
        skus.add(sku);
        return sku;
    }

    private VendorProfile vendor() {
        return new VendorProfile("vendor-1", "AcmeBackup", null, null, null, List.copyOf(skus), null, null, null, null,
                null, null, null, null, null, null);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static SavedAccount saved(GradientAccount account) {
        return new SavedAccount(account.id(), account.name(), account.description(), account.mappingId());
    }

    /** One partner's view; every call goes through the enclosing instance's lock. */
    private final class Session implements PartnerSession {
        private final GradientCredentials credentials;

        Session(GradientCredentials credentials) {
            this.credentials = credentials;
        }

        @Override
        public VendorProfile getVendor() {
            synchronized (InMemoryGradient.this) {
                call(credentials, VENDOR, "GET vendor");
                return vendor();
            }
        }

        @Override
        public VendorProfile createService(CreateServiceRequest service) {
            synchronized (InMemoryGradient.this) {
                call(credentials, CREATE_SERVICE, "POST service " + service.name());
                createSku(service.name(), service.description());
                return vendor();
            }
        }

        @Override
        public Integration getIntegration() {
            synchronized (InMemoryGradient.this) {
                return call(credentials, ORGANIZATION, "GET organization").integration;
            }
        }

        @Override
        public Integration updateStatus(IntegrationStatus status) {
            synchronized (InMemoryGradient.this) {
                Partner partner = call(credentials, STATUS, "PATCH status " + status.wireValue());
                Integration i = partner.integration;
                partner.integration = new Integration(i.organizationId(), i.name(), i.vendorId(), i.vendorName(),
                        i.integrationId(), status, i.lastSyncedAt());
                return partner.integration;
            }
        }

        /** Pages of two, ordered by id, filtered by a case-insensitive name search. */
        @Override
        public ClientsPage clients(String search, String previousId) {
            synchronized (InMemoryGradient.this) {
                Partner partner = call(credentials, CLIENTS, "GET clients");
                List<PsaClient> page = partner.clients.stream()
                        .filter(c -> search == null
                                || c.name().toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT)))
                        .filter(c -> previousId == null || c.id().compareTo(previousId) > 0)
                        .limit(2)
                        .toList();
                return new ClientsPage(Map.of("pageSize", 2), page);
            }
        }

        /** In chunks like the client: a chunk holding an existing id is refused whole (409). */
        @Override
        public List<SavedAccount> createAccounts(List<NewAccount> accounts) {
            synchronized (InMemoryGradient.this) {
                List<SavedAccount> created = new ArrayList<>();
                for (int start = 0; start < accounts.size(); start += accountChunkSize) {
                    List<NewAccount> chunk = accounts.subList(start, Math.min(accounts.size(), start + accountChunkSize));
                    Partner partner = call(credentials, CREATE_ACCOUNTS, "POST accounts "
                            + chunk.stream().map(NewAccount::id).collect(Collectors.joining(",")));
                    if (chunk.stream().anyMatch(a -> partner.accounts.containsKey(a.id()))) {
                        throw new ConflictException(CREATE_ACCOUNTS, "Account already exists").withChunkStartIndex(start);
                    }
                    for (NewAccount a : chunk) {
                        GradientAccount account = new GradientAccount(a.id(), a.name(), a.description(), false, null);
                        partner.accounts.put(a.id(), account);
                        created.add(saved(account));
                    }
                }
                return created;
            }
        }

        @Override
        public List<GradientAccount> listAccounts(AccountQuery query) {
            synchronized (InMemoryGradient.this) {
                List<String> ids = query.accountIds();
                Partner partner = call(credentials, ACCOUNTS, ids.isEmpty() ? "GET accounts" : "GET accounts "
                        + String.join(",", ids));
                return partner.accounts.values().stream()
                        .filter(a -> ids.isEmpty() || ids.contains(a.id()))
                        .toList();
            }
        }

        @Override
        public SavedAccount updateAccount(String accountId, UpdateAccountRequest update) {
            synchronized (InMemoryGradient.this) {
                Partner partner = call(credentials, ACCOUNT, "PATCH account " + accountId);
                GradientAccount a = partner.accounts.get(accountId);
                if (a == null) {
                    throw new NotFoundException(ACCOUNT, "Account not found");
                }
                GradientAccount updated = new GradientAccount(a.id(),
                        update.name() != null ? update.name() : a.name(),
                        update.description() != null ? update.description() : a.description(), a.mapped(),
                        a.mappingId());
                partner.accounts.put(accountId, updated);
                return saved(updated);
            }
        }

        @Override
        public CountOutcome setUnitCount(String serviceId, String accountId, BigDecimal unitCount, boolean noBuild) {
            return count(SET_COUNT, "POST count", serviceId, accountId, unitCount, noBuild, unitCount);
        }

        @Override
        public CountOutcome addToUnitCount(String serviceId, String accountId, BigDecimal delta, boolean noBuild) {
            return count(ADD_COUNT, "PATCH add", serviceId, accountId, delta, noBuild, null);
        }

        @Override
        public CountOutcome subtractFromUnitCount(String serviceId, String accountId, BigDecimal delta,
                                                  boolean noBuild) {
            return count(SUBTRACT_COUNT, "PATCH subtract", serviceId, accountId, delta.negate(), noBuild, null);
        }

        /** {@code absolute} set: replaces the count; otherwise {@code amount} is added (201 vs 200, as Gradient). */
        private CountOutcome count(String route, String verb, String serviceId, String accountId, BigDecimal amount,
                                   boolean noBuild, BigDecimal absolute) {
            synchronized (InMemoryGradient.this) {
                Partner partner = call(credentials, route, verb + " " + serviceId + " " + accountId + " "
                        + plain(amount.abs()) + (noBuild ? " no_build" : ""));
                GradientAccount account = partner.accounts.get(accountId);
                boolean knownSku = skus.stream().anyMatch(s -> s.id().equals(serviceId));
                if (!knownSku || account == null || !account.mapped()) {
                    return new CountOutcome.NotMapped("Account or service not found or not mapped");
                }
                String key = serviceId + "/" + accountId;
                Integration i = partner.integration;
                if (i.status() == IntegrationStatus.PENDING) { // as Gradient: the first accepted count activates
                    partner.integration = new Integration(i.organizationId(), i.name(), i.vendorId(), i.vendorName(),
                            i.integrationId(), IntegrationStatus.ACTIVE, i.lastSyncedAt());
                }
                if (absolute != null) {
                    partner.counts.put(key, absolute);
                    return new CountOutcome.Applied(201);
                }
                partner.counts.merge(key, amount, BigDecimal::add);
                return new CountOutcome.Applied(200);
            }
        }

        @Override
        public VendorProfile updateVendor(UpdateVendorRequest update) {
            throw notModelled();
        }

        @Override
        public VendorProfile getService(String serviceId) {
            throw notModelled();
        }

        @Override
        public VendorSku updateService(String serviceId, UpdateServiceRequest update) {
            throw notModelled();
        }

        @Override
        public List<OrganizationService> createOrganizationServices(List<NewOrganizationService> services) {
            throw notModelled();
        }

        @Override
        public List<OrganizationService> listOrganizationServices(OrganizationServiceQuery query) {
            throw notModelled();
        }

        @Override
        public SavedOrganizationService updateOrganizationService(String serviceId,
                                                                  UpdateOrganizationServiceRequest update) {
            throw notModelled();
        }

        @Override
        public AlertCreated dispatchAlert(String accountId, AlertRequest alert) {
            synchronized (InMemoryGradient.this) {
                Partner partner = call(credentials, ALERT, "POST alert " + accountId + " " + alert.alertId());
                GradientAccount account = partner.accounts.get(accountId);
                if (account == null || !account.mapped()) {
                    throw new NotFoundException(ALERT, "No account map found with id: " + accountId);
                }
                String messageId = "msg-" + (next++);
                partner.alerts.put(messageId, new QueuedAlert(messageId, accountId, alert, AlertState.PENDING, null,
                        null, List.of()));
                loseAnswer(ALERT);
                return new AlertCreated(messageId, alert.alertId(), "corr-" + messageId);
            }
        }

        @Override
        public AlertStatus alertStatus(String messageId) {
            synchronized (InMemoryGradient.this) {
                Partner partner = call(credentials, ALERT_DEBUG, "GET alert " + messageId);
                QueuedAlert alert = partner.alerts.get(messageId);
                if (alert == null) {
                    throw new NotFoundException(ALERT_DEBUG, "Alert not found with id: " + messageId);
                }
                return new AlertStatus(messageId, alert.state(), alert.ticketId(), null, alert.state().wireValue(),
                        alert.statusCode(), alert.errors());
            }
        }

        private void loseAnswer(String route) {
            for (Iterator<Scripted> it = lostAnswers.iterator(); it.hasNext(); ) {
                Scripted scripted = it.next();
                if (scripted.matches(credentials.partnerKey(), route)) {
                    it.remove();
                    throw scripted.failure();
                }
            }
        }

        private UnsupportedOperationException notModelled() {
            return new UnsupportedOperationException("not modelled by InMemoryGradient");
        }

        @Override
        public String toString() {
            return "InMemoryGradient.Session[" + credentials + "]";
        }
    }
}
