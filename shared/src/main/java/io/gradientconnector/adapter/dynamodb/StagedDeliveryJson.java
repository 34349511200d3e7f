package io.gradientconnector.adapter.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.VendorAccount;
import io.gradientconnector.domain.VendorEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The events of a staged delivery as one JSON array: the validated events, in the webhook's own field names, so the
 * item is at most about the size of the body (256 KiB), well under DynamoDB's 400 KB item. Stateless.
 */
final class StagedDeliveryJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private StagedDeliveryJson() {
    }

    static String write(List<VendorEvent> events) {
        ArrayNode array = MAPPER.createArrayNode();
        for (VendorEvent event : events) {
            ObjectNode node = array.addObject();
            node.put("id", event.id().value());
            node.put("type", event.type());
            node.put("partnerId", event.partnerId().value());
            node.put("occurredAt", event.occurredAt().toString());
            switch (event) {
                case VendorEvent.AccountUpserted e -> {
                    ObjectNode account = node.putObject("account");
                    account.put("id", e.account().id().value());
                    account.put("name", e.account().name());
                    e.account().optionalDescription().ifPresent(d -> account.put("description", d));
                }
                case VendorEvent.AccountDeleted e -> node.put("accountId", e.accountId().value());
                case VendorEvent.UsageEvent e -> {
                    node.put("accountId", e.accountId().value());
                    node.put("service", e.service().value());
                    node.put("quantity", e.quantity().value().toPlainString());
                }
                case VendorEvent.AlertRaised e -> {
                    node.put("accountId", e.accountId().value());
                    node.put("title", e.title());
                    node.put("description", e.description());
                    node.put("priority", e.priority());
                    node.put("status", e.status());
                    e.service().ifPresent(service -> node.put("serviceId", service.value()));
                    e.dedupKey().ifPresent(key -> node.put("dedupKey", key));
                }
            }
        }
        return array.toString();
    }

    static List<VendorEvent> read(String json) {
        JsonNode array;
        try {
            array = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a staged delivery's events are not JSON", e);
        }
        List<VendorEvent> events = new ArrayList<>(array.size());
        for (JsonNode node : array) {
            EventId id = EventId.of(node.get("id").textValue());
            PartnerId partner = PartnerId.of(node.get("partnerId").textValue());
            Instant at = Instant.parse(node.get("occurredAt").textValue());
            String type = node.get("type").textValue();
            events.add(switch (type) {
                case VendorEvent.AccountUpserted.TYPE -> {
                    JsonNode account = node.get("account");
                    JsonNode description = account.get("description");
                    yield new VendorEvent.AccountUpserted(id, partner, at, new VendorAccount(
                            AccountId.of(account.get("id").textValue()), account.get("name").textValue(),
                            description == null ? null : description.textValue()));
                }
                case VendorEvent.AccountDeleted.TYPE ->
                        new VendorEvent.AccountDeleted(id, partner, at, AccountId.of(node.get("accountId").textValue()));
                case VendorEvent.AlertRaised.TYPE -> alert(node, id, partner, at);
                default -> {
                    AccountId account = AccountId.of(node.get("accountId").textValue());
                    ServiceKey service = ServiceKey.of(node.get("service").textValue());
                    Quantity quantity = Quantity.of(node.get("quantity").textValue());
                    yield switch (type) {
                        case VendorEvent.UsageSet.TYPE -> new VendorEvent.UsageSet(id, partner, at, account, service, quantity);
                        case VendorEvent.UsageAdd.TYPE -> new VendorEvent.UsageAdd(id, partner, at, account, service, quantity);
                        case VendorEvent.UsageSubtract.TYPE ->
                                new VendorEvent.UsageSubtract(id, partner, at, account, service, quantity);
                        default -> throw new IllegalStateException("a staged event has an unknown type");
                    };
                }
            });
        }
        return events;
    }

    static VendorEvent.AlertRaised alert(JsonNode node, EventId id, PartnerId partner, Instant at) {
        JsonNode service = node.get("serviceId");
        JsonNode dedupKey = node.get("dedupKey");
        return new VendorEvent.AlertRaised(id, partner, at, AccountId.of(node.get("accountId").textValue()),
                node.get("title").textValue(), node.get("description").textValue(), node.get("priority").intValue(),
                node.get("status").intValue(),
                service == null ? Optional.empty() : Optional.of(ServiceKey.of(service.textValue())),
                dedupKey == null ? Optional.empty() : Optional.of(dedupKey.textValue()));
    }
}
