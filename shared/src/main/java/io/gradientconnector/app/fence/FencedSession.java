package io.gradientconnector.app.fence;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.port.gradient.AccountQuery;
import io.gradientconnector.port.gradient.AlertCreated;
import io.gradientconnector.port.gradient.AlertRequest;
import io.gradientconnector.port.gradient.AlertStatus;
import io.gradientconnector.port.gradient.ClientsPage;
import io.gradientconnector.port.gradient.CountOutcome;
import io.gradientconnector.port.gradient.CreateServiceRequest;
import io.gradientconnector.port.gradient.GradientAccount;
import io.gradientconnector.port.gradient.Integration;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.NewAccount;
import io.gradientconnector.port.gradient.NewOrganizationService;
import io.gradientconnector.port.gradient.OrganizationService;
import io.gradientconnector.port.gradient.OrganizationServiceQuery;
import io.gradientconnector.port.gradient.PartnerSession;
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
import java.util.List;
import java.util.function.Function;

/**
 * A {@link PartnerSession} that checks the partner record before every call it starts (the key fence,
 * docs/GUARANTEES.md):
 * <ul>
 *   <li>the record is read (a strongly consistent read) right before each call; if the partner is unknown,
 *       DISCONNECTED or has no current key, the call is not started and {@link Fenced} is thrown;</li>
 *   <li>if the record names another key than the one in use (a PUT stored a new key, in any container), the session
 *       switches to that key, read by its fingerprint ({@link io.gradientconnector.port.KeyVault#partnerKey(PartnerId,
 *       String)}), before the call: no call is made with a key the record no longer names;</li>
 *   <li>a 401 re-reads the record once: if it now names another key, the call is repeated once with that key (a 401
 *       means Gradient did nothing); only if the rejected key is still the named one does the 401 reach the caller,
 *       which then marks NEEDS_KEY guarded by {@link #fingerprint()}.</li>
 * </ul>
 * So a call is started only if a read of the record made immediately before it (after any earlier call) allowed it:
 * once a disconnection's fence write is stored, no fenced session starts another call; a call already started before
 * may still finish (with the client's own retries, within the caller's deadline).
 *
 * <p>One caller at a time (a use case's run); not thread-safe.
 */
public final class FencedSession implements PartnerSession {

    /** A Gradient session with the key of this fingerprint. */
    record Keyed(String fingerprint, PartnerSession session) {
    }

    private final FencedSessions sessions;
    private final PartnerId partnerId;
    private final Instant deadline;
    private PartnerRecord record;
    private Keyed keyed;

    FencedSession(FencedSessions sessions, PartnerRecord record, Instant deadline) {
        this.sessions = sessions;
        this.partnerId = record.partnerId();
        this.deadline = deadline;
        this.record = record;
        this.keyed = sessions.keyed(record, deadline);
    }

    /** The fingerprint of the key the last call was made with (or the next will be, if the record still names it). */
    public String fingerprint() {
        return keyed.fingerprint();
    }

    /** The partner record as read by the last fence check. */
    public PartnerRecord record() {
        return record;
    }

    /** Reads the record and checks the fence, as before a call, without calling: e.g. before a step that writes. */
    public PartnerRecord check() {
        PartnerRecord now = sessions.read(partnerId).orElse(null);
        if (now == null || !now.hasCurrentKey()) {
            throw new Fenced(partnerId, Fenced.Reason.DISCONNECTED);
        }
        if (!now.keyFingerprint().orElseThrow().equals(keyed.fingerprint())) {
            keyed = sessions.keyed(now, deadline);
        }
        record = now;
        return now;
    }

    private <T> T call(Function<PartnerSession, T> op) {
        check();
        String used = keyed.fingerprint();
        try {
            return op.apply(keyed.session());
        } catch (UnauthorizedException rejected) {
            check(); // the 401 re-reads the record and the key once before anything is marked
            if (keyed.fingerprint().equals(used)) {
                throw rejected; // the key the record names is the one Gradient rejected
            }
            return op.apply(keyed.session());
        }
    }

    @Override
    public VendorProfile getVendor() {
        return call(PartnerSession::getVendor);
    }

    @Override
    public VendorProfile updateVendor(UpdateVendorRequest update) {
        return call(s -> s.updateVendor(update));
    }

    @Override
    public VendorProfile createService(CreateServiceRequest service) {
        return call(s -> s.createService(service));
    }

    @Override
    public VendorProfile getService(String serviceId) {
        return call(s -> s.getService(serviceId));
    }

    @Override
    public VendorSku updateService(String serviceId, UpdateServiceRequest update) {
        return call(s -> s.updateService(serviceId, update));
    }

    @Override
    public Integration getIntegration() {
        return call(PartnerSession::getIntegration);
    }

    @Override
    public Integration updateStatus(IntegrationStatus status) {
        return call(s -> s.updateStatus(status));
    }

    @Override
    public ClientsPage clients(String search, String previousId) {
        return call(s -> s.clients(search, previousId));
    }

    @Override
    public List<SavedAccount> createAccounts(List<NewAccount> accounts) {
        return call(s -> s.createAccounts(accounts));
    }

    @Override
    public List<GradientAccount> listAccounts(AccountQuery query) {
        return call(s -> s.listAccounts(query));
    }

    @Override
    public SavedAccount updateAccount(String accountId, UpdateAccountRequest update) {
        return call(s -> s.updateAccount(accountId, update));
    }

    @Override
    public List<OrganizationService> createOrganizationServices(List<NewOrganizationService> services) {
        return call(s -> s.createOrganizationServices(services));
    }

    @Override
    public List<OrganizationService> listOrganizationServices(OrganizationServiceQuery query) {
        return call(s -> s.listOrganizationServices(query));
    }

    @Override
    public SavedOrganizationService updateOrganizationService(String serviceId,
                                                              UpdateOrganizationServiceRequest update) {
        return call(s -> s.updateOrganizationService(serviceId, update));
    }

    @Override
    public CountOutcome setUnitCount(String serviceId, String accountId, BigDecimal unitCount, boolean noBuild) {
        return call(s -> s.setUnitCount(serviceId, accountId, unitCount, noBuild));
    }

    @Override
    public CountOutcome addToUnitCount(String serviceId, String accountId, BigDecimal delta, boolean noBuild) {
        return call(s -> s.addToUnitCount(serviceId, accountId, delta, noBuild));
    }

    @Override
    public CountOutcome subtractFromUnitCount(String serviceId, String accountId, BigDecimal delta, boolean noBuild) {
        return call(s -> s.subtractFromUnitCount(serviceId, accountId, delta, noBuild));
    }

    @Override
    public AlertCreated dispatchAlert(String accountId, AlertRequest alert) {
        return call(s -> s.dispatchAlert(accountId, alert));
    }

    @Override
    public AlertStatus alertStatus(String messageId) {
        return call(s -> s.alertStatus(messageId));
    }

    @Override
    public String toString() {
        return "FencedSession[" + partnerId.value() + "]";
    }
}
