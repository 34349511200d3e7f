package io.gradientconnector.port.gradient;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Every Gradient route for one (vendor, partner) key pair, from {@link Gradient#session}. Failures are
 * {@link GradientException}s, except a 404 on a count push, which is {@link CountOutcome.NotMapped}.
 * Implementations are immutable and thread-safe.
 */
public interface PartnerSession {

    // ---- vendor and vendor services -------------------------------------------------------------

    /** {@code GET /api/vendor-api}: the vendor and its SKU catalog. */
    VendorProfile getVendor();

    /** {@code PATCH /api/vendor-api}. */
    VendorProfile updateVendor(UpdateVendorRequest update);

    /** {@code POST /api/vendor-api/service}: creates a SKU; returns the vendor with its updated catalog. */
    VendorProfile createService(CreateServiceRequest service);

    /** {@code GET /api/vendor-api/service/{serviceId}}: the vendor with {@code skus} narrowed to that one. */
    VendorProfile getService(String serviceId);

    /** {@code PATCH /api/vendor-api/service/{serviceId}}: the SKU as updated. */
    VendorSku updateService(String serviceId, UpdateServiceRequest update);

    // ---- the partner's integration ---------------------------------------------------------------

    /** {@code GET /api/vendor-api/organization}: verifies the key pair and returns the integration. */
    Integration getIntegration();

    /** {@code PATCH /api/vendor-api/organization/status/{status}}. */
    Integration updateStatus(IntegrationStatus status);

    /** {@code GET /api/vendor-api/organization/clients}: one keyset page. Both arguments may be null. */
    ClientsPage clients(String search, String previousId);

    /**
     * Every client, page after page until an empty page. Lazy: each page is fetched when needed and
     * a fetch failure is thrown from {@code hasNext()}. Stops, too, if the server repeats a page
     * (its last id does not move), so a server ignoring {@code previousId} cannot loop it forever.
     */
    default Iterator<PsaClient> allClients(String search) {
        return new Iterator<>() {
            private Iterator<PsaClient> page = Collections.emptyIterator();
            private String cursor;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !exhausted) {
                    ClientsPage next = clients(search, cursor);
                    Optional<String> last = next.lastId();
                    if (next.clients().isEmpty() || (cursor != null && last.isPresent() && last.get().equals(cursor))) {
                        exhausted = true;
                        return false;
                    }
                    page = next.clients().iterator();
                    if (last.isEmpty()) {
                        exhausted = true; // no id to continue from
                    }
                    cursor = last.orElse(null);
                }
                return page.hasNext();
            }

            @Override
            public PsaClient next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
    }

    // ---- accounts --------------------------------------------------------------------------------

    /**
     * {@code POST /api/vendor-api/organization/accounts} in chunks of {@link Gradient#accountChunkSize()}. A 409
     * on a chunk throws {@link ConflictException} naming the chunk's first index; earlier chunks stay created.
     * Ids must be unique within the call.
     */
    List<SavedAccount> createAccounts(List<NewAccount> accounts);

    /** {@code GET /api/vendor-api/organization/accounts}; many ids may take several requests. */
    List<GradientAccount> listAccounts(AccountQuery query);

    /** {@code PATCH /api/vendor-api/organization/accounts/{accountId}}. */
    SavedAccount updateAccount(String accountId, UpdateAccountRequest update);

    // ---- organization ("dynamic") services ------------------------------------------------------

    /** {@code POST /api/vendor-api/organization/services}, chunked like {@link #createAccounts}. */
    List<OrganizationService> createOrganizationServices(List<NewOrganizationService> services);

    /** {@code GET /api/vendor-api/organization/services}. */
    List<OrganizationService> listOrganizationServices(OrganizationServiceQuery query);

    /** {@code PATCH /api/vendor-api/organization/services/{serviceId}}. */
    SavedOrganizationService updateOrganizationService(String serviceId, UpdateOrganizationServiceRequest update);

    // ---- unit counts -----------------------------------------------------------------------------

    /**
     * {@code POST /api/vendor-api/service/{serviceId}/count}: sets (replaces) the count, so it is safe
     * to repeat. {@code noBuild} skips the billing rebuild (send false on the last call of a batch).
     */
    CountOutcome setUnitCount(String serviceId, String accountId, BigDecimal unitCount, boolean noBuild);

    /** Adds {@code delta} to the count (route and body UNCONFIRMED upstream). */
    CountOutcome addToUnitCount(String serviceId, String accountId, BigDecimal delta, boolean noBuild);

    /** Subtracts {@code delta} from the count (route and body UNCONFIRMED upstream). */
    CountOutcome subtractFromUnitCount(String serviceId, String accountId, BigDecimal delta, boolean noBuild);

    /**
     * The same session whose count pushes also send {@code correlationId} as the {@code X-Correlation-Id} header, so
     * an audited attempt can be matched with what Gradient (or a proxy) logged. A session that sends no headers may
     * return itself.
     */
    default PartnerSession withCorrelationId(String correlationId) {
        return this;
    }

    // ---- alerts ----------------------------------------------------------------------------------

    /** {@code POST /api/vendor-api/alerting/{accountId}}: queues an alert; poll {@link #alertStatus}. */
    AlertCreated dispatchAlert(String accountId, AlertRequest alert);

    /** {@code GET /api/vendor-api/alerting/debug/{messageId}}. */
    AlertStatus alertStatus(String messageId);
}
