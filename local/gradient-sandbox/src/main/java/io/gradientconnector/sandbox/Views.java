package io.gradientconnector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradientconnector.sandbox.SandboxState.Account;
import io.gradientconnector.sandbox.SandboxState.Alert;
import io.gradientconnector.sandbox.SandboxState.Integration;
import io.gradientconnector.sandbox.SandboxState.OrgService;
import io.gradientconnector.sandbox.SandboxState.Sku;
import io.gradientconnector.sandbox.SandboxState.Vendor;

/** The wire shapes of docs/GRADIENT-API.md, built from state. Callers hold the engine lock. Keys are never rendered. */
final class Views {

    private Views() {
    }

    /** {@code {data, status, message}}. */
    static ObjectNode envelope(int status, String message, JsonNode data) {
        ObjectNode node = Json.object();
        node.set("data", data);
        return node.put("status", status).put("message", message);
    }

    /** Status-only ResponseDto {@code {status, message}}. */
    static ObjectNode status(int status, String message) {
        return Json.object().put("status", status).put("message", message);
    }

    /** VendorData; {@code onlySkuId} filters skus to that one (GET/PATCH service), null keeps all. */
    static ObjectNode vendor(Vendor vendor, String onlySkuId) {
        ObjectNode node = Json.object().put("_id", vendor.id).put("id", vendor.id).put("name", vendor.name)
                .put("description", vendor.description).put("integrationType", "custom");
        ArrayNode skus = node.putArray("skus");
        vendor.skus.values().stream().filter(s -> onlySkuId == null || s.id.equals(onlySkuId))
                .forEach(s -> skus.add(sku(s)));
        node.put("isDistributor", false);
        Json.putIfNotNull(node, "integrationPortalUrl", vendor.integrationPortalUrl);
        Json.putIfNotNull(node, "vendorSupportPageUrl", vendor.vendorSupportPageUrl);
        node.put("externalIntegrationStatus", "notIntegrated");
        node.putArray("mappingResponsibilities").add("accounts").add("services");
        ArrayNode modules = node.putArray("modules");
        modules.addObject().put("variation", "billing");
        modules.addObject().put("variation", "alerts");
        node.put("organizationId", vendor.organizationId);
        node.putArray("attributes");
        return node.put("createdAt", Json.time(vendor.createdAt)).put("updatedAt", Json.time(vendor.updatedAt))
                .put("__v", vendor.version);
    }

    static ObjectNode sku(Sku sku) {
        ObjectNode node = Json.object().put("_id", sku.id).put("id", sku.id).put("name", sku.name)
                .put("description", sku.description).put("category", sku.category)
                .put("subcategory", sku.subcategory);
        Json.putIfNotNull(node, "supportArticle", sku.supportArticle);
        Json.putIfNotNull(node, "supportContact", sku.supportContact);
        return node;
    }

    /** IntegrationData (bare in GET organization). */
    static ObjectNode integration(Integration integration) {
        return Json.object().put("organizationId", integration.organizationId)
                .put("name", integration.organizationName).put("vendorId", integration.vendor.id)
                .put("vendorName", integration.vendor.name).put("integrationId", integration.id)
                .put("status", integration.status).put("lastSyncedAt", Json.time(integration.lastSyncedAt));
    }

    /** GetMappingPropertyResponse (list) — also carries isActive/isArrears so updates are observable. */
    static ObjectNode account(Account account) {
        ObjectNode node = Json.object().put("id", account.id).put("name", account.name)
                .put("description", account.description).put("isMapped", account.isMapped());
        Json.putIfNotNull(node, "mappingId", account.mappingId);
        return node.put("isActive", account.isActive).put("isArrears", account.isArrears);
    }

    /** UpdateMappingPropertyResponse (create / update). */
    static ObjectNode accountWritten(Account account) {
        ObjectNode node = Json.object().put("id", account.id).put("name", account.name)
                .put("description", account.description);
        Json.putIfNotNull(node, "mappingId", account.mappingId);
        return node.put("isActive", account.isActive).put("isArrears", account.isArrears);
    }

    static ObjectNode orgService(Integration integration, OrgService service) {
        String mappingId = integration.serviceMappings.get(service.internalId);
        ObjectNode node = Json.object().put("id", service.id).put("_id", service.internalId)
                .put("name", service.name).put("description", service.description)
                .put("isMapped", mappingId != null);
        Json.putIfNotNull(node, "mappingId", mappingId);
        return node.put("isActive", service.isActive).put("isArrears", service.isArrears);
    }

    static ObjectNode alertCreated(Alert alert) {
        return Json.object().put("messageId", alert.messageId).put("alertId", alert.alertId)
                .put("correlationID", alert.correlationId);
    }

    /** RetrieveAlertResponseDto. */
    static ObjectNode alertDebug(Alert alert) {
        ObjectNode node = Json.object().put("messageId", alert.messageId).put("status", alert.status)
                .put("ticketId", alert.ticketId).put("createdAt", Json.time(alert.createdAt))
                .put("message", alert.message);
        if (alert.statusCode == null) {
            node.putNull("statusCode");
        } else {
            node.put("statusCode", alert.statusCode);
        }
        ArrayNode errors = node.putArray("errors");
        alert.errors.forEach(errors::add);
        return node;
    }
}
