package io.gradientconnector.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything Gradient would store: vendors with their SKUs, and per (vendor key, partner key) integration its
 * status, accounts, organization services, mappings, counts, PSA clients, rebuilds and alerts.
 * Not thread-safe: {@link SandboxEngine} guards every access with its lock. Keys are held only as map keys and
 * fields here, never rendered by toString.
 */
final class SandboxState {

    /** The "never synced" value the docs sample shows. */
    static final Instant NEVER = Instant.parse("1900-01-01T00:00:00Z");

    final Map<String, Vendor> vendorsByKey = new LinkedHashMap<>();
    final Map<String, Integration> integrationsById = new LinkedHashMap<>();
    final Map<String, Alert> alertsByMessageId = new LinkedHashMap<>();

    Integration integration(String integrationId) {
        Integration integration = integrationsById.get(integrationId);
        if (integration == null) {
            throw ApiError.notFound("No integration with id: " + integrationId);
        }
        return integration;
    }

    static final class Vendor {
        final String id;
        final String organizationId;
        final String key;
        final Instant createdAt;
        String name;
        String description = "";
        String vendorSupportPageUrl;
        String integrationPortalUrl;
        Instant updatedAt;
        int version;
        final Map<String, Sku> skus = new LinkedHashMap<>();
        final Map<String, Integration> integrationsByPartnerKey = new HashMap<>();

        Vendor(String id, String organizationId, String key, String name, Instant now) {
            this.id = id;
            this.organizationId = organizationId;
            this.key = key;
            this.name = name;
            this.createdAt = now;
            this.updatedAt = now;
        }
    }

    static final class Sku {
        final String id;
        String name;
        String description;
        String category;
        String subcategory;
        String supportArticle;
        String supportContact;

        Sku(String id) {
            this.id = id;
        }
    }

    static final class Integration {
        final String id;
        final String organizationId;
        final Vendor vendor;
        final String organizationName;
        String partnerKey;
        String status;
        Instant lastSyncedAt = NEVER;
        final Map<String, Account> accounts = new LinkedHashMap<>();
        /** Keyed by the vendor-chosen id. */
        final Map<String, OrgService> orgServices = new LinkedHashMap<>();
        /** Mapped services: SKU id or organization-service internal id -> mapping id. */
        final Map<String, String> serviceMappings = new LinkedHashMap<>();
        final Map<CountKey, Count> counts = new LinkedHashMap<>();
        final List<PsaClient> clients = new ArrayList<>();
        /** Accounts ("account:id") and services ("service:id") auto-mapping has already considered. */
        final Set<String> autoMapSeen = new HashSet<>();
        Instant rebuildDueAt;
        int rebuilds;
        Instant lastRebuildAt;

        Integration(String id, String organizationId, Vendor vendor, String organizationName, String partnerKey,
                    String status) {
            this.id = id;
            this.organizationId = organizationId;
            this.vendor = vendor;
            this.organizationName = organizationName;
            this.partnerKey = partnerKey;
            this.status = status;
        }

        OrgService orgServiceByInternalId(String internalId) {
            return orgServices.values().stream().filter(s -> s.internalId.equalsIgnoreCase(internalId))
                    .findFirst().orElse(null);
        }

        /** A SKU id or organization-service internal id this integration can count against, normalised; or null. */
        String resolveServiceId(String serviceId) {
            if (vendor.skus.containsKey(serviceId)) {
                return serviceId;
            }
            String lower = serviceId.toLowerCase(java.util.Locale.ROOT);
            if (vendor.skus.containsKey(lower)) {
                return lower;
            }
            OrgService orgService = orgServiceByInternalId(serviceId);
            return orgService == null ? null : orgService.internalId;
        }

        String serviceName(String serviceId) {
            Sku sku = vendor.skus.get(serviceId);
            if (sku != null) {
                return sku.name;
            }
            OrgService orgService = orgServiceByInternalId(serviceId);
            return orgService == null ? null : orgService.name;
        }

        PsaClient client(String clientId) {
            return clients.stream().filter(c -> c.id().equalsIgnoreCase(clientId)).findFirst().orElse(null);
        }
    }

    static final class Account {
        final String id;
        String name;
        String description;
        boolean isActive = true;
        boolean isArrears;
        String mappingId;
        String clientId;

        Account(String id, String name, String description) {
            this.id = id;
            this.name = name;
            this.description = description;
        }

        boolean isMapped() {
            return mappingId != null;
        }
    }

    static final class OrgService {
        final String id;
        /** An ObjectId the sandbox assigns, usable as {serviceId} in count routes (UNCONFIRMED upstream). */
        final String internalId;
        String name;
        String description;
        boolean isActive = true;
        boolean isArrears;

        OrgService(String id, String internalId, String name, String description) {
            this.id = id;
            this.internalId = internalId;
            this.name = name;
            this.description = description;
        }
    }

    record CountKey(String serviceId, String accountId) {
    }

    static final class Count {
        BigDecimal value;
        Instant updatedAt;

        Count(BigDecimal value, Instant updatedAt) {
            this.value = value;
            this.updatedAt = updatedAt;
        }
    }

    static final class Alert {
        final String messageId;
        final String alertId;
        final String correlationId;
        final String integrationId;
        final String accountId;
        final String title;
        final String description;
        final int priority;
        final int ticketStatus;
        final String dueDateTime;
        final String serviceId;
        final Instant createdAt;
        String status = "pending";
        String ticketId;
        Integer statusCode;
        List<String> errors = List.of();
        String message = "Alert queued";
        /** When the simulated PSA answers (null: never by itself); and whether it then fails or stays pending. */
        Instant resolveAt;
        String plannedOutcome;

        Alert(String messageId, String alertId, String correlationId, String integrationId, String accountId,
              String title, String description, int priority, int ticketStatus, String dueDateTime,
              String serviceId, Instant createdAt) {
            this.messageId = messageId;
            this.alertId = alertId;
            this.correlationId = correlationId;
            this.integrationId = integrationId;
            this.accountId = accountId;
            this.title = title;
            this.description = description;
            this.priority = priority;
            this.ticketStatus = ticketStatus;
            this.dueDateTime = dueDateTime;
            this.serviceId = serviceId;
            this.createdAt = createdAt;
        }
    }
}
