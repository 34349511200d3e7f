package io.gradientconnector.app.partner;

import io.gradientconnector.port.PartnerGateway;

import io.gradientconnector.port.gradient.ClientsPage;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.Integration;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.PsaClient;
import io.gradientconnector.port.gradient.UnauthorizedException;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A scriptable Gradient for the partner use cases: it knows one vendor key and the partner keys it accepts (each
 * with an integration), answers 401 to anything else, and fails the next calls with scripted exceptions. It records
 * each call as {@code "GET organization"}, {@code "PATCH status pending"}, {@code "GET clients"}. Thread-safe.
 */
public final class FakeGateway implements PartnerGateway {
    static final String ORGANIZATION = "GET /api/vendor-api/organization";

    private final String vendorKey;
    private final Map<String, Integration> integrations = new HashMap<>();
    private final Map<String, List<PsaClient>> clients = new HashMap<>();
    private final Deque<GradientException> failures = new ArrayDeque<>();
    private final List<String> calls = new ArrayList<>();
    private int next = 1;

    public FakeGateway(String vendorKey) {
        this.vendorKey = Objects.requireNonNull(vendorKey, "vendorKey");
    }

    /** Accepts {@code partnerKey} for a fresh integration of {@code organizationName} in {@code status}. */
    public synchronized FakeGateway accept(String partnerKey, String organizationName, IntegrationStatus status) {
        int n = next++;
        integrations.put(partnerKey, new Integration("org-" + n, organizationName, "vendor-1", "AcmeBackup",
                "integration-" + n, status, Instant.parse("1900-01-01T00:00:00Z")));
        return this;
    }

    /** The MSP regenerated its key: {@code newKey} now reaches the same integration, {@code oldKey} gets 401. */
    public synchronized void regenerate(String oldKey, String newKey) {
        Integration integration = integrations.remove(oldKey);
        integrations.put(newKey, integration);
        List<PsaClient> list = clients.remove(oldKey);
        if (list != null) {
            clients.put(newKey, list);
        }
    }

    public synchronized void clients(String partnerKey, List<PsaClient> list) {
        clients.put(partnerKey, List.copyOf(list));
    }

    /** The next calls fail with these, in order. */
    public synchronized void failNext(GradientException... next) {
        failures.addAll(List.of(next));
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized IntegrationStatus status(String partnerKey) {
        return integrations.get(partnerKey).status();
    }

    @Override
    public synchronized Integration integration(GradientCredentials credentials, Instant deadline) {
        calls.add("GET organization");
        return current(credentials, ORGANIZATION);
    }

    @Override
    public synchronized Integration updateStatus(GradientCredentials credentials, IntegrationStatus status,
                                                 Instant deadline) {
        calls.add("PATCH status " + status.wireValue());
        Integration i = current(credentials, "PATCH /api/vendor-api/organization/status/{status}");
        Integration updated = new Integration(i.organizationId(), i.name(), i.vendorId(), i.vendorName(),
                i.integrationId(), status, i.lastSyncedAt());
        integrations.put(credentials.partnerKey(), updated);
        return updated;
    }

    @Override
    public synchronized ClientsPage clients(GradientCredentials credentials, String search, String previousId,
                                            Instant deadline) {
        calls.add("GET clients");
        current(credentials, "GET /api/vendor-api/organization/clients");
        List<PsaClient> all = clients.getOrDefault(credentials.partnerKey(), List.of());
        List<PsaClient> page = all.stream()
                .filter(c -> search == null || c.name().toLowerCase().contains(search.toLowerCase()))
                .filter(c -> previousId == null || c.id().compareTo(previousId) > 0)
                .limit(2)
                .toList();
        return new ClientsPage(Map.of("pageSize", 2), page);
    }

    private Integration current(GradientCredentials credentials, String route) {
        GradientException failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
        Integration integration = integrations.get(credentials.partnerKey());
        if (!vendorKey.equals(credentials.vendorKey()) || integration == null) {
            throw new UnauthorizedException(route, "Unauthorized");
        }
        return integration;
    }
}
