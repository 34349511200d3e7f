package io.gradientconnector.adapter.dynamodb;

import static io.gradientconnector.adapter.dynamodb.Attributes.n;
import static io.gradientconnector.adapter.dynamodb.Attributes.s;
import static io.gradientconnector.adapter.dynamodb.Attributes.time;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.AlertRecord;
import io.gradientconnector.domain.AlertRef;
import io.gradientconnector.domain.AlertStage;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.VendorEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An alert item ({@code ALERTS#<partnerId>} / {@code <occurredAt>#<alertId>}, docs/STORAGE.md) to and from an
 * {@link AlertRecord}. Texts are stored exactly as received. Stateless.
 */
final class AlertItems {
    static final String STAGE = "stage";
    static final String VERSION = "version";

    private AlertItems() {
    }

    static Map<String, AttributeValue> key(AlertRef ref) {
        return Attributes.key(Keys.alertsPk(ref.partnerId()), Keys.alertSk(ref.occurredAt(), ref.alertId()));
    }

    /** The whole item; it expires {@code ttl} after the alert was received. */
    static Map<String, AttributeValue> item(AlertRecord alert, Duration ttl) {
        VendorEvent.AlertRaised event = alert.event();
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(alert.ref()));
        item.put("partnerId", s(event.partnerId().value()));
        item.put("alertId", s(event.id().value()));
        item.put("occurredAt", time(event.occurredAt()));
        item.put("accountId", s(event.accountId().value()));
        item.put("title", s(event.title()));
        item.put("description", s(event.description()));
        item.put("priority", n(event.priority()));
        item.put("ticketStatus", n(event.status()));
        event.service().ifPresent(v -> item.put("serviceId", s(v.value())));
        event.dedupKey().ifPresent(v -> item.put("dedupKey", s(v)));
        item.put("receivedAt", time(alert.receivedAt()));
        item.put(STAGE, s(alert.stage().name()));
        item.put("attempts", n(alert.attempts()));
        alert.sendingSince().ifPresent(v -> item.put("sendingSince", time(v)));
        alert.messageId().ifPresent(v -> item.put("messageId", s(v)));
        alert.sentAt().ifPresent(v -> item.put("sentAt", time(v)));
        item.put("polls", n(alert.polls()));
        alert.ticketId().ifPresent(v -> item.put("ticketId", s(v)));
        alert.errorStatus().ifPresent(v -> item.put("errorStatus", n(v)));
        if (!alert.errors().isEmpty()) {
            item.put("errors", AttributeValue.fromL(alert.errors().stream().map(Attributes::s).toList()));
        }
        alert.repeatOf().ifPresent(v -> item.put("repeatOf", s(v)));
        alert.lastError().ifPresent(v -> item.put("lastError", s(v)));
        item.put("updatedAt", time(alert.updatedAt()));
        item.put(VERSION, n(alert.version()));
        item.put(Keys.EXPIRES_AT, n(alert.receivedAt().plus(ttl).getEpochSecond()));
        return item;
    }

    static AlertRecord alert(Map<String, AttributeValue> item) {
        VendorEvent.AlertRaised event = new VendorEvent.AlertRaised(
                EventId.of(Attributes.requiredString(item, "alertId")),
                PartnerId.of(Attributes.requiredString(item, "partnerId")),
                Instant.parse(Attributes.requiredString(item, "occurredAt")),
                AccountId.of(Attributes.requiredString(item, "accountId")),
                Attributes.requiredString(item, "title"),
                Attributes.requiredString(item, "description"),
                (int) Attributes.number(item, "priority", 1),
                (int) Attributes.number(item, "ticketStatus", 1),
                Attributes.string(item, "serviceId").map(ServiceKey::of),
                Attributes.string(item, "dedupKey"));
        AttributeValue errors = item.get("errors");
        List<String> errorList = errors == null || !errors.hasL() ? List.of()
                : errors.l().stream().map(AttributeValue::s).toList();
        return new AlertRecord(event,
                Attributes.instant(item, "receivedAt").orElseThrow(),
                AlertStage.valueOf(Attributes.requiredString(item, STAGE)),
                (int) Attributes.number(item, "attempts", 0),
                Attributes.instant(item, "sendingSince"),
                Attributes.string(item, "messageId"),
                Attributes.instant(item, "sentAt"),
                (int) Attributes.number(item, "polls", 0),
                Attributes.string(item, "ticketId"),
                Attributes.decimal(item, "errorStatus").map(v -> v.intValue()),
                errorList,
                Attributes.string(item, "repeatOf"),
                Attributes.string(item, "lastError"),
                Attributes.instant(item, "updatedAt").orElseThrow(),
                Attributes.number(item, VERSION, 1));
    }

    static Optional<Map<String, AttributeValue>> present(Map<String, AttributeValue> item) {
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }
}
