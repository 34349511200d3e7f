package io.gradientconnector.app.audit;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PushAttempt;
import io.gradientconnector.port.gradient.AccountQuery;
import io.gradientconnector.port.gradient.AlertCreated;
import io.gradientconnector.port.gradient.AlertRequest;
import io.gradientconnector.port.gradient.AlertStatus;
import io.gradientconnector.port.gradient.BadRequestException;
import io.gradientconnector.port.gradient.ClientsPage;
import io.gradientconnector.port.gradient.ConflictException;
import io.gradientconnector.port.gradient.CountOutcome;
import io.gradientconnector.port.gradient.CreateServiceRequest;
import io.gradientconnector.port.gradient.ForbiddenException;
import io.gradientconnector.port.gradient.GradientAccount;
import io.gradientconnector.port.gradient.GradientConnectionException;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.Integration;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.NewAccount;
import io.gradientconnector.port.gradient.NewOrganizationService;
import io.gradientconnector.port.gradient.NotFoundException;
import io.gradientconnector.port.gradient.OrganizationService;
import io.gradientconnector.port.gradient.OrganizationServiceQuery;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.port.gradient.RateLimitedException;
import io.gradientconnector.port.gradient.SavedAccount;
import io.gradientconnector.port.gradient.SavedOrganizationService;
import io.gradientconnector.port.gradient.ServerErrorException;
import io.gradientconnector.port.gradient.UnauthorizedException;
import io.gradientconnector.port.gradient.UnexpectedStatusException;
import io.gradientconnector.port.gradient.UpdateAccountRequest;
import io.gradientconnector.port.gradient.UpdateOrganizationServiceRequest;
import io.gradientconnector.port.gradient.UpdateServiceRequest;
import io.gradientconnector.port.gradient.UpdateVendorRequest;
import io.gradientconnector.port.gradient.VendorProfile;
import io.gradientconnector.port.gradient.VendorSku;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One partner's session with its count pushes kept in the audit trail (see {@link AuditedGradient}); every other
 * call passes straight through. Each push gets a fresh correlation id, sent as {@code X-Correlation-Id} and kept as
 * the attempt's request id. One caller at a time; not thread-safe.
 */
final class AuditedSession implements PartnerSession {
    private final PartnerId partnerId;
    private final PartnerSession session;
    private final AuditedGradient audit;

    AuditedSession(PartnerId partnerId, PartnerSession session, AuditedGradient audit) {
        this.partnerId = partnerId;
        this.session = session;
        this.audit = audit;
    }

    @FunctionalInterface
    private interface Push {
        CountOutcome send(PartnerSession correlated);
    }

    private CountOutcome audited(String operation, String serviceId, String accountId, BigDecimal count,
                                 boolean noBuild, Push push) {
        String requestId = audit.nextId();
        Instant at = audit.now();
        CountOutcome outcome;
        try {
            outcome = push.send(session.withCorrelationId(requestId));
        } catch (GradientException failed) {
            keep(operation, serviceId, accountId, count, noBuild, at, requestId, outcomeOf(failed), failed.status());
            throw failed;
        }
        switch (outcome) {
            case CountOutcome.Applied applied -> keep(operation, serviceId, accountId, count, noBuild, at, requestId,
                    PushAttempt.Outcome.APPLIED, applied.status());
            case CountOutcome.NotMapped notMapped -> keep(operation, serviceId, accountId, count, noBuild, at,
                    requestId, PushAttempt.Outcome.NOT_MAPPED, 404);
        }
        return outcome;
    }

    private void keep(String operation, String serviceId, String accountId, BigDecimal count, boolean noBuild,
                      Instant at, String requestId, PushAttempt.Outcome outcome, int status) {
        PushAttempt attempt;
        try {
            attempt = new PushAttempt(partnerId, AccountId.of(accountId), serviceId, at, operation, count, noBuild,
                    outcome, status, requestId);
        } catch (RuntimeException unusable) {
            return; // the client refused these arguments before sending anything: no attempt was made
        }
        audit.keep(attempt);
    }

    static PushAttempt.Outcome outcomeOf(GradientException failed) {
        return switch (failed) {
            case UnauthorizedException e -> PushAttempt.Outcome.UNAUTHORIZED;
            case ForbiddenException e -> PushAttempt.Outcome.FORBIDDEN;
            case RateLimitedException e -> PushAttempt.Outcome.RATE_LIMITED;
            case ServerErrorException e -> PushAttempt.Outcome.SERVER_ERROR;
            case GradientConnectionException e -> PushAttempt.Outcome.NO_RESPONSE;
            case BadRequestException e -> PushAttempt.Outcome.REJECTED;
            case NotFoundException e -> PushAttempt.Outcome.REJECTED; // a missing route, not a mapping
            case ConflictException e -> PushAttempt.Outcome.REJECTED;
            case UnexpectedStatusException e -> failed.status() >= 500 ? PushAttempt.Outcome.SERVER_ERROR
                    : failed.status() == 0 ? PushAttempt.Outcome.NO_RESPONSE : PushAttempt.Outcome.REJECTED;
        };
    }

    // ---- audited: the count pushes -----------------------------------------------------------------

    @Override
    public CountOutcome setUnitCount(String serviceId, String accountId, BigDecimal unitCount, boolean noBuild) {
        return audited("set", serviceId, accountId, unitCount, noBuild,
                s -> s.setUnitCount(serviceId, accountId, unitCount, noBuild));
    }

    @Override
    public CountOutcome addToUnitCount(String serviceId, String accountId, BigDecimal delta, boolean noBuild) {
        return audited("add", serviceId, accountId, delta, noBuild,
                s -> s.addToUnitCount(serviceId, accountId, delta, noBuild));
    }

    @Override
    public CountOutcome subtractFromUnitCount(String serviceId, String accountId, BigDecimal delta, boolean noBuild) {
        return audited("subtract", serviceId, accountId, delta, noBuild,
                s -> s.subtractFromUnitCount(serviceId, accountId, delta, noBuild));
    }

    @Override
    public PartnerSession withCorrelationId(String correlationId) {
        return session.withCorrelationId(correlationId);
    }

    // ---- passed through ---------------------------------------------------------------------------

    @Override
    public VendorProfile getVendor() {
        return session.getVendor();
    }

    @Override
    public VendorProfile updateVendor(UpdateVendorRequest update) {
        return session.updateVendor(update);
    }

    @Override
    public VendorProfile createService(CreateServiceRequest service) {
        return session.createService(service);
    }

    @Override
    public VendorProfile getService(String serviceId) {
        return session.getService(serviceId);
    }

    @Override
    public VendorSku updateService(String serviceId, UpdateServiceRequest update) {
        return session.updateService(serviceId, update);
    }

    @Override
    public Integration getIntegration() {
        return session.getIntegration();
    }

    @Override
    public Integration updateStatus(IntegrationStatus status) {
        return session.updateStatus(status);
    }

    @Override
    public ClientsPage clients(String search, String previousId) {
        return session.clients(search, previousId);
    }

    @Override
    public List<SavedAccount> createAccounts(List<NewAccount> accounts) {
        return session.createAccounts(accounts);
    }

    @Override
    public List<GradientAccount> listAccounts(AccountQuery query) {
        return session.listAccounts(query);
    }

    @Override
    public SavedAccount updateAccount(String accountId, UpdateAccountRequest update) {
        return session.updateAccount(accountId, update);
    }

    @Override
    public List<OrganizationService> createOrganizationServices(List<NewOrganizationService> services) {
        return session.createOrganizationServices(services);
    }

    @Override
    public List<OrganizationService> listOrganizationServices(OrganizationServiceQuery query) {
        return session.listOrganizationServices(query);
    }

    @Override
    public SavedOrganizationService updateOrganizationService(String serviceId,
                                                              UpdateOrganizationServiceRequest update) {
        return session.updateOrganizationService(serviceId, update);
    }

    @Override
    public AlertCreated dispatchAlert(String accountId, AlertRequest alert) {
        return session.dispatchAlert(accountId, alert);
    }

    @Override
    public AlertStatus alertStatus(String messageId) {
        return session.alertStatus(messageId);
    }

    @Override
    public String toString() {
        return "AuditedSession[" + partnerId.value() + "]";
    }
}
