package io.gradientconnector.app.report;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PushAttempt;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.port.CatalogStore;
import io.gradientconnector.port.Page;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.port.PushAuditLog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: the push audit trail of one (account, service) of a partner, newest first, a page at a time. Attempts
 * are kept by Gradient service id (what the call named), so the service key is resolved through the catalog first;
 * a service Gradient has no id for yet was never pushed (an empty page). Thread-safe.
 */
public final class PushHistory {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** One page of attempts. {@code gradientServiceId} is null when the service has none yet. */
    public record HistoryPage(String partnerId, String accountId, String service, String gradientServiceId,
                              List<PushAttempt> attempts, Optional<String> nextCursor) {
        public HistoryPage {
            attempts = List.copyOf(attempts);
            Objects.requireNonNull(nextCursor, "nextCursor");
        }
    }

    private final PartnerStore partners;
    private final CatalogStore catalog;
    private final PushAuditLog audit;

    public PushHistory(PartnerStore partners, CatalogStore catalog, PushAuditLog audit) {
        this.partners = Objects.requireNonNull(partners, "partners");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /**
     * @throws ReportFailure.UnknownPartner no such partner
     * @throws ReportFailure.BadCursor      the cursor is not one this listing returned
     */
    public HistoryPage page(PartnerId partnerId, AccountId accountId, ServiceKey service, Optional<String> cursor,
                            int limit) {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(service, "service");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (partners.get(partnerId).isEmpty()) {
            throw new ReportFailure.UnknownPartner(partnerId);
        }
        Optional<String> serviceId = catalog.gradientServiceId(service);
        if (serviceId.isEmpty()) {
            return new HistoryPage(partnerId.value(), accountId.value(), service.value(), null, List.of(),
                    Optional.empty());
        }
        Page<PushAttempt> page;
        try {
            page = audit.list(partnerId, accountId, serviceId.get(), cursor, limit);
        } catch (IllegalArgumentException badCursor) {
            throw new ReportFailure.BadCursor();
        }
        return new HistoryPage(partnerId.value(), accountId.value(), service.value(), serviceId.get(), page.items(),
                page.nextCursor());
    }
}
