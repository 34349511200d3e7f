package io.gradientconnector.app.sync;

import io.gradientconnector.app.fence.Fenced;
import io.gradientconnector.app.fence.FencedSession;
import io.gradientconnector.app.fence.FencedSessions;
import io.gradientconnector.app.partner.PartnerFailure;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.LedgerState;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.port.KeyVaultException;
import io.gradientconnector.port.Page;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.UnauthorizedException;
import io.gradientconnector.port.gradient.VendorProfile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Use case: the dry run of a partner's account sync ({@code POST .../sync?dryRun=true}). Computes, synchronously,
 * what {@link PartnerSync} would create, rename and push, calling only Gradient's read routes (the vendor's SKUs
 * and the partner's accounts, through a {@link FencedSession}) and writing nothing anywhere: no Gradient write, no
 * store write, no queue message. Thread-safe (stateless apart from its thread-safe collaborators).
 *
 * <p>Lists are capped at {@value #MAX_LISTED} entries each ({@code truncated} says so); the totals count all.
 */
public final class SyncPreview {
    static final int MAX_LISTED = 500;

    private final ConnectorStores stores;
    private final ServiceCatalog catalog;
    private final FencedSessions sessions;
    private final AccountSync accounts;

    public SyncPreview(ConnectorStores stores, KeyVault vault, Gradient gradient, ServiceCatalog catalog) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.sessions = new FencedSessions(stores.partners(), Objects.requireNonNull(vault, "vault"),
                Objects.requireNonNull(gradient, "gradient"));
        this.accounts = new AccountSync(stores.accounts(), gradient.accountChunkSize());
    }

    /** A catalog service the sync would create in Gradient (or adopt: one of that exact name exists). */
    public record ServicePlan(String key, String name, String category, String subcategory) {
    }

    /** A vendor account the sync would create in Gradient. */
    public record AccountCreate(String accountId, String name) {
    }

    /** An account whose name or description the sync would update. */
    public record AccountRename(String accountId, String from, String to) {
    }

    /**
     * A row the sync would push: the count Gradient would receive (the catalog's conversion of the sum of the
     * row's SKU counts) and those counts.
     */
    public record RowPush(String accountId, String service, BigDecimal count, Map<String, BigDecimal> skus,
                          String pushState, boolean accountMapped) {
    }

    /** Rows not pushed because their service left the catalog. */
    public record RemovedService(String service, int rows) {
    }

    /** The plan; JSON as the portal answers it. */
    public record Plan(boolean dryRun, String partnerId, List<ServicePlan> servicesToCreate,
                       List<ServicePlan> servicesToAdopt, List<AccountCreate> accountsToCreate,
                       List<AccountRename> accountsToRename, boolean accountsRecreated, List<RowPush> pushes,
                       int pushesTotal, int rowsWaitingForMapping, List<RemovedService> removedServices,
                       boolean truncated) {
    }

    /**
     * @throws PartnerFailure.NotConnected     unknown or disconnected
     * @throws PartnerFailure.NeedsKey         Gradient rejected the stored key
     * @throws PartnerFailure.KeyRejected      Gradient answered 401 now
     * @throws PartnerFailure.ChangeInProgress the partner's new key cannot be read yet
     * @throws PartnerFailure.GradientFailed   another Gradient failure after the client's retries
     */
    public Plan preview(PartnerId partnerId, Instant deadline) {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(deadline, "deadline");
        PartnerRecord partner = stores.partners().get(partnerId)
                .filter(p -> p.status() != PartnerStatus.DISCONNECTED)
                .orElseThrow(() -> new PartnerFailure.NotConnected(partnerId));
        if (partner.status() == PartnerStatus.NEEDS_KEY) {
            throw new PartnerFailure.NeedsKey(partnerId);
        }
        try {
            FencedSession session = sessions.open(partner, deadline);
            return plan(partnerId, session);
        } catch (Fenced fenced) {
            if (fenced.reason() == Fenced.Reason.DISCONNECTED) {
                throw new PartnerFailure.NotConnected(partnerId);
            }
            throw new PartnerFailure.ChangeInProgress(partnerId);
        } catch (UnauthorizedException rejected) {
            throw new PartnerFailure.KeyRejected();
        } catch (GradientException failure) {
            throw PartnerFailure.fromGradient(failure);
        } catch (KeyVaultException | IllegalArgumentException unusableKey) {
            throw new PartnerFailure.ChangeInProgress(partnerId);
        }
    }

    private Plan plan(PartnerId partnerId, FencedSession session) {
        boolean[] truncated = {false};
        // Services: those the catalog store does not know yet; Gradient's SKUs are read only when there are any.
        Map<ServiceKey, String> known = stores.catalog().all();
        List<ServiceCatalog.Service> missing = catalog.services().stream()
                .filter(service -> !known.containsKey(service.key())).toList();
        List<ServicePlan> create = new ArrayList<>();
        List<ServicePlan> adopt = new ArrayList<>();
        if (!missing.isEmpty()) {
            VendorProfile vendor = session.getVendor();
            for (ServiceCatalog.Service service : missing) {
                ServicePlan plan = new ServicePlan(service.key().value(), service.name(), service.category(),
                        service.subcategory());
                (vendor.skuNamed(service.name()).isPresent() ? adopt : create).add(plan);
            }
        }
        AccountSync.Plan accountPlan = accounts.plan(partnerId, session);
        List<AccountCreate> accountsToCreate = capped(accountPlan.toCreate().stream()
                .map(a -> new AccountCreate(a.accountId().value(), a.name().orElseThrow())).toList(), truncated);
        List<AccountRename> renames = capped(accountPlan.toRename().stream()
                .map(r -> new AccountRename(r.account().accountId().value(), r.there().name(),
                        r.account().name().orElseThrow())).toList(), truncated);

        // Pushes: the rows the sync's re-push takes (after a recreate, every row: its pushes are forgotten).
        List<RowPush> pushes = new ArrayList<>();
        int total = 0;
        int waiting = 0;
        Map<ServiceKey, Integer> removed = new TreeMap<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<LedgerRow> page = accountPlan.recreate()
                    ? stores.ledger().list(partnerId, cursor, Page.MAX_LIMIT)
                    : stores.ledger().listNeedingPush(partnerId, cursor, Page.MAX_LIMIT);
            for (LedgerRow row : page.items()) {
                Optional<ServiceCatalog.Service> service = catalog.find(row.key().service());
                if (service.isEmpty()) {
                    removed.merge(row.key().service(), 1, Integer::sum);
                    continue;
                }
                boolean mapped = accountPlan.mappedIds().contains(row.key().accountId());
                if (!accountPlan.recreate() && row.pushState() == PushState.UNMAPPED && !mapped) {
                    waiting++;
                    continue;
                }
                total++;
                if (pushes.size() < MAX_LISTED) {
                    pushes.add(new RowPush(row.key().accountId().value(), row.key().service().value(),
                            service.get().gradientCount(row.sum()).value(), skuCounts(row),
                            row.pushState().name(), mapped));
                } else {
                    truncated[0] = true;
                }
            }
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        List<RemovedService> removedServices = removed.entrySet().stream()
                .map(e -> new RemovedService(e.getKey().value(), e.getValue())).toList();
        return new Plan(true, partnerId.value(), create, adopt, accountsToCreate, renames, accountPlan.recreate(),
                pushes, total, waiting, removedServices, truncated[0]);
    }

    private static Map<String, BigDecimal> skuCounts(LedgerRow row) {
        Map<String, BigDecimal> counts = new LinkedHashMap<>();
        for (ServiceKey sku : row.skus()) {
            counts.put(sku.value(), row.component(sku).map(LedgerState::count).orElseThrow().value());
        }
        return counts;
    }

    private static <T> List<T> capped(List<T> all, boolean[] truncated) {
        if (all.size() <= MAX_LISTED) {
            return all;
        }
        truncated[0] = true;
        return List.copyOf(all.subList(0, MAX_LISTED));
    }
}
